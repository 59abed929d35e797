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

  it('does not split a listing between twin products: one listing gets every copy of a duplicated product', () => {
    const apart = softAssign([[{ key: 'A', score: 3 }, { key: 'B', score: 3 }]]);
    const twins = softAssign([[{ key: 'A', score: 3, twin: 't' }, { key: 'B', score: 3, twin: 't' }]]);
    // As rivals, the two copies halve the listing; as twins, each copy has the whole probability.
    expect(apart[0]![0]).toBeLessThan(0.5);
    expect(twins[0]![0]).toBeGreaterThan(0.9);
    expect(twins[0]![1]).toBeCloseTo(twins[0]![0]!, 12);
  });

  it('shares n indistinguishable products among n listings that want them: a 1/n chance of each', () => {
    const rows = [0, 1, 2].map(() => ['A', 'B', 'C'].map((key) => ({ key, score: 4, twin: 'lg-range' })));
    const p = softAssign(rows);
    for (const row of p) for (const x of row) expect(x).toBeCloseTo(1 / 3, 1);
    // Every product is still taken at most once in all.
    for (let j = 0; j < 3; j++) expect(p[0]![j]! + p[1]![j]! + p[2]![j]!).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('assigns twin listings (one item under two SKUs) as one: neither takes the product from the other', () => {
    const rows = [[{ key: 'A', score: 4 }], [{ key: 'A', score: 4 }]];
    const rivals = softAssign(rows);
    const twins = softAssign(rows, { rowGroups: ['B00X', 'B00X'] });
    expect(rivals[0]![0]).toBeLessThan(0.55);
    expect(twins[0]![0]).toBeGreaterThan(0.9);
    expect(twins[1]![0]).toBeCloseTo(twins[0]![0]!, 12);
    // A third, different listing wanting A still competes with the pair.
    const contested = softAssign([...rows, [{ key: 'A', score: 4 }]], { rowGroups: ['B00X', 'B00X', 'B00Y'] });
    expect(contested[0]![0]).toBeLessThan(0.6);
    expect(contested[0]![0]).toBeCloseTo(contested[2]![0]!, 6);
  });
});
