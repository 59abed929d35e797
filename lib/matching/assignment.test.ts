import { describe, expect, it } from 'vitest';
import { softAssign } from './assignment';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('softAssign', () => {
  it('keeps an uncontested strong pair near its one-listing odds and each row at most 1', () => {
    const [row] = softAssign([[{ key: 'A', score: 6 }, { key: 'B', score: -3 }]]);
    expect(row![0]).toBeGreaterThan(0.95);
    expect(row![1]).toBeLessThan(0.01);
    expect(sum(row!)).toBeLessThanOrEqual(1);
  });

  it('shares a product two listings want by how strongly each wants it', () => {
    const p = softAssign([
      [{ key: 'A', score: 5 }],
      [{ key: 'A', score: 2 }, { key: 'B', score: 1.5 }],
    ]);
    // The second listing gives A up to the first and turns to B.
    expect(p[0]![0]).toBeGreaterThan(0.9);
    expect(p[1]![1]).toBeGreaterThan(p[1]![0]!);
    // A product is never taken more than once in all.
    expect(p[0]![0]! + p[1]![0]!).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('does not depend on the order of rows or candidates, and copes with empty rows and extreme scores', () => {
    const rows = [[{ key: 'A', score: 800 }, { key: 'B', score: -900 }], [], [{ key: 'B', score: 3 }, { key: 'A', score: 1 }]];
    const p = softAssign(rows);
    const q = softAssign([rows[2]!.slice().reverse(), [], rows[0]!]);
    expect(p[1]).toEqual([]);
    expect(p.flat().every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
    expect(q[2]![0]).toBeCloseTo(p[0]![0]!, 9);
    expect(q[0]![1]).toBeCloseTo(p[2]![0]!, 9);
  });
});
