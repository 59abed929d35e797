/**
 * A token bucket: `burst` tokens, refilled at `rate` tokens per second. Each request takes one.
 * Why reservations: a caller takes its token at once (the count may go negative) and sleeps for
 * exactly the debt, so concurrent callers queue fairly without polling.
 */
import type { Clock } from './clock';

/** A published usage plan: requests per second and bucket size. */
export interface RateLimit {
  rate: number;
  burst: number;
}

/** Token bucket over an injected clock (see file comment). */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private rateValue: number;
  private readonly burstValue: number;

  constructor(limit: RateLimit, private readonly clock: Clock) {
    if (!(limit.rate > 0) || !(limit.burst >= 1)) throw new RangeError(`invalid rate limit ${limit.rate}/${limit.burst}`);
    this.rateValue = limit.rate;
    this.burstValue = limit.burst;
    this.tokens = limit.burst;
    this.last = clock.now();
  }

  /** Requests per second currently applied. */
  get rate(): number {
    return this.rateValue;
  }

  /** Bucket size. */
  get burst(): number {
    return this.burstValue;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burstValue, this.tokens + elapsed * this.rateValue);
  }

  /** Tokens available now (may be negative while callers wait on reservations). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Take a token if one is there now; never waits. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Milliseconds until one more token would be available (0 when one is there). */
  waitTimeMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rateValue) * 1000);
  }

  /** Take a token, sleeping on the clock until it is due. Gives the token back if aborted. */
  async take(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil((-this.tokens / this.rateValue) * 1000);
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (error) {
      this.tokens += 1;
      throw error;
    }
  }

  /** Apply a new rate (e.g. from `x-amzn-RateLimit-Limit`); tokens earned so far are kept. */
  setRate(rate: number): void {
    if (!(rate > 0) || !Number.isFinite(rate) || rate === this.rateValue) return;
    this.refill();
    this.rateValue = rate;
  }

  /** Empty the bucket (after a 429: the server says we are out of tokens). */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}
