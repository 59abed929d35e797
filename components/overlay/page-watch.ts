/**
 * Watch a Seller Central page for rows appearing, re-rendering or going, and run the overlay's
 * DOM work at most once per animation frame. Shared by the inventory and orders overlays.
 */
export interface PageWatch {
  /** Ask for `work` on the next animation frame (once, however often it is asked). */
  schedule(): void;
}

/**
 * One MutationObserver over the whole document, batched per frame. Nodes the overlay added
 * itself (`isOwn`) are no reason to rescan, so drawing a badge never loops. Stops on `signal`.
 * Why rAF: reads and writes of one frame are batched, and a hidden tab does no work at all.
 */
export function watchPage(opts: {
  doc: Document;
  signal: AbortSignal;
  isOwn(el: Element): boolean;
  work(): void;
  /**
   * Optional: added nodes that cannot wait for the next frame (rows just inserted are badged
   * before the page draws them, so badges cost no extra layout). `run` is called at once, in the
   * observer callback, instead of scheduling.
   */
  urgent?: { matches(el: Element): boolean; run(): void };
}): PageWatch {
  const { doc, signal, isOwn, work, urgent } = opts;
  let frame = 0;
  const run = () => {
    frame = 0;
    if (!signal.aborted) work();
  };
  const schedule = () => {
    if (!frame && !signal.aborted) frame = requestAnimationFrame(run);
  };
  const observer = new MutationObserver((records) => {
    let changed = false;
    for (const r of records) {
      if (r.removedNodes.length) changed = true;
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1 || isOwn(n as Element)) continue;
        if (!urgent) return schedule();
        changed = true;
        if (urgent.matches(n as Element)) return urgent.run();
      }
    }
    if (changed) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  });
  schedule();
  return { schedule };
}
