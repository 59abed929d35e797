import { describe, expect, it } from 'vitest';
import { createVirtualClock, realClock } from './clock';

describe('virtual clock', () => {
  it('advances instantly to each sleeper in time order', async () => {
    const clock = createVirtualClock(1000);
    const order: string[] = [];
    await Promise.all([
      clock.sleep(300).then(() => order.push(`b@${clock.now()}`)),
      clock.sleep(100).then(() => order.push(`a@${clock.now()}`)),
    ]);
    expect(order).toEqual(['a@1100', 'b@1300']);
    expect(clock.sleptMs).toBe(400);
  });

  it('wakes sleepers on advance and honours abort', async () => {
    const clock = createVirtualClock(0);
    const ac = new AbortController();
    const p = clock.sleep(10_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending()).toBe(0);
    clock.advance(50);
    expect(clock.now()).toBe(50);
  });

  it('real clock sleeps for real', async () => {
    const t = Date.now();
    await realClock.sleep(20);
    expect(Date.now() - t).toBeGreaterThanOrEqual(15);
  });
});
