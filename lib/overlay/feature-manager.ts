/**
 * A small feature manager for content scripts: each feature declares where it runs and an
 * init(signal); the manager starts it on matching pages, restarts it after in-page navigation,
 * aborts it on leave, and tags its errors with its name. One broken feature never stops the rest.
 */
export interface Feature {
  name: string;
  /** Does this feature run on this URL? */
  matches(url: URL): boolean;
  /** Start; stop all work when `signal` aborts. Never awaited by the manager. */
  init(signal: AbortSignal): void | Promise<void>;
}

export interface FeatureManagerDeps {
  log: (feature: string, error: unknown) => void;
}

/** Runs features for the current URL; call `navigate(url)` on every route change and `stop()` on unload. */
export function createFeatureManager(features: readonly Feature[], deps: FeatureManagerDeps) {
  const running = new Map<string, AbortController>();

  function start(f: Feature) {
    const controller = new AbortController();
    running.set(f.name, controller);
    try {
      const result = f.init(controller.signal);
      if (result && typeof (result as Promise<void>).catch === 'function') {
        (result as Promise<void>).catch((e) => deps.log(f.name, e));
      }
    } catch (e) {
      deps.log(f.name, e);
    }
  }

  function stopOne(name: string) {
    running.get(name)?.abort();
    running.delete(name);
  }

  return {
    /** Start, restart or stop each feature for this URL. */
    navigate(url: URL) {
      for (const f of features) {
        let wanted = false;
        try {
          wanted = f.matches(url);
        } catch (e) {
          deps.log(f.name, e);
        }
        stopOne(f.name);
        if (wanted) start(f);
      }
    },
    stop() {
      for (const name of [...running.keys()]) stopOne(name);
    },
    /** Names of the features running now (for tests and diagnostics). */
    running(): string[] {
      return [...running.keys()];
    },
  };
}
