import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows the burst at once, then one token per 1/rate seconds', async () => {
    const clock = createVirtualClock(0);
    const bucket = new TokenBucket({ rate: 2, burst: 15 }, clock);
    for (let i = 0; i < 15; i++) await bucket.take();
    expect(clock.now()).toBe(0);
    for (let i = 0; i < 10; i++) await bucket.take();
    // 10 more tokens at 2/s need 5 s.
    expect(clock.now()).toBe(5000);
  });

  it('queues concurrent takers fairly by reservation', async () => {
    const clock = createVirtualClock(0);
    const bucket = new TokenBucket({ rate: 1, burst: 1 }, clock);
    const done: number[] = [];
    await Promise.all([0, 1, 2, 3].map(async (i) => {
      await bucket.take();
      done.push(clock.now());
      void i;
    }));
    expect(done).toEqual([0, 1000, 2000, 3000]);
  });

  it('refills up to the burst only', () => {
    const clock = createVirtualClock(0);
    const bucket = new TokenBucket({ rate: 5, burst: 5 }, clock);
    for (let i = 0; i < 5; i++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitTimeMs()).toBe(200);
    clock.advance(60_000);
    expect(bucket.available()).toBe(5);
  });

  it('applies a new rate from the header and drains on 429', async () => {
    const clock = createVirtualClock(0);
    const bucket = new TokenBucket({ rate: 0.5, burst: 1 }, clock);
    await bucket.take();
    bucket.setRate(10);
    expect(bucket.rate).toBe(10);
    await bucket.take();
    expect(clock.now()).toBe(100);
    clock.advance(1000);
    bucket.drain();
    expect(bucket.tryTake()).toBe(false);
  });

  it('gives the token back when the wait is aborted', async () => {
    const clock = createVirtualClock(0);
    const bucket = new TokenBucket({ rate: 1, burst: 1 }, clock);
    await bucket.take();
    const ac = new AbortController();
    const pending = bucket.take(ac.signal);
    ac.abort();
    await expect(pending).rejects.toBeDefined();
    expect(bucket.available()).toBeCloseTo(0, 5);
  });

  it('rejects nonsense limits', () => {
    expect(() => new TokenBucket({ rate: 0, burst: 1 }, createVirtualClock())).toThrow(RangeError);
  });
});
