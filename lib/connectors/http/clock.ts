/**
 * Time as a dependency: connectors and the sandbox read `now()` and wait with `sleep()`, so tests
 * can run hours of rate-limited traffic in virtual time.
 */

/** A source of time and a way to wait. `sleep` rejects with the signal's reason when aborted. */
export interface Clock {
  /** Milliseconds since the epoch (or since an arbitrary origin for a virtual clock). */
  now(): number;
  /** Resolve after `ms` milliseconds of this clock's time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** The wall clock: `Date.now()` and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** A clock for tests whose time only moves when someone sleeps on it or calls `advance`. */
export interface VirtualClock extends Clock {
  /** Move time forward by `ms`, waking every sleeper whose time has come. */
  advance(ms: number): void;
  /** Total virtual milliseconds slept through `sleep` (for assertions on waiting). */
  readonly sleptMs: number;
  /** Number of sleepers not yet woken. */
  pending(): number;
}

interface Sleeper {
  wakeAt: number;
  seq: number;
  resolve(): void;
}

/**
 * A virtual clock that advances instantly when slept: each `sleep` registers a wake-up time, and
 * on the next macrotask the earliest sleeper is woken with `now` moved to its wake-up time.
 * Concurrent sleepers therefore overlap in virtual time as they would in real time.
 */
export function createVirtualClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)): VirtualClock {
  let now = start;
  let seq = 0;
  let slept = 0;
  let scheduled = false;
  const sleepers: Sleeper[] = [];

  const wakeDue = () => {
    sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.seq - b.seq);
    while (sleepers.length > 0 && sleepers[0]!.wakeAt <= now) sleepers.shift()!.resolve();
  };
  const tick = () => {
    scheduled = false;
    if (sleepers.length === 0) return;
    sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.seq - b.seq);
    const first = sleepers[0]!;
    if (first.wakeAt > now) now = first.wakeAt;
    wakeDue();
    schedule();
  };
  const schedule = () => {
    if (scheduled || sleepers.length === 0) return;
    scheduled = true;
    setTimeout(tick, 0);
  };

  return {
    now: () => now,
    get sleptMs() {
      return slept;
    },
    pending: () => sleepers.length,
    advance(ms) {
      now += Math.max(0, ms);
      wakeDue();
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const wait = Math.max(0, ms);
        slept += wait;
        const sleeper: Sleeper = {
          wakeAt: now + wait,
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          reject(abortReason(signal!));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
        schedule();
      });
    },
  };
}
