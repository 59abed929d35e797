import { describe, expect, it, vi } from 'vitest';
import { createFeatureManager, type Feature } from './feature-manager';

describe('feature manager', () => {
  it('starts matching features, restarts them on navigation and aborts them on leave', () => {
    const signals: AbortSignal[] = [];
    const inv: Feature = { name: 'inv', matches: (u) => u.pathname.startsWith('/inventory'), init: (s) => void signals.push(s) };
    const m = createFeatureManager([inv], { log: vi.fn() });
    m.navigate(new URL('https://x/inventory?page=1'));
    m.navigate(new URL('https://x/inventory?page=2'));
    expect(signals).toHaveLength(2);
    expect(signals[0]!.aborted).toBe(true);
    m.navigate(new URL('https://x/orders'));
    expect(signals[1]!.aborted).toBe(true);
    expect(m.running()).toEqual([]);
  });
  it('keeps other features running when one throws or rejects, and names the culprit', async () => {
    const log = vi.fn();
    const ok = vi.fn();
    const m = createFeatureManager(
      [
        { name: 'sync-throw', matches: () => true, init: () => { throw new Error('boom'); } },
        { name: 'async-reject', matches: () => true, init: async () => { throw new Error('later'); } },
        { name: 'bad-match', matches: () => { throw new Error('selector'); }, init: vi.fn() },
        { name: 'fine', matches: () => true, init: ok },
      ],
      { log },
    );
    m.navigate(new URL('https://x/'));
    await new Promise((r) => setTimeout(r, 0));
    expect(ok).toHaveBeenCalledOnce();
    expect(log.mock.calls.map((c) => c[0]).sort()).toEqual(['async-reject', 'bad-match', 'sync-throw']);
  });
});
