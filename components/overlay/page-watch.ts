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
export function watchPage(opts: { doc: Document; signal: AbortSignal; isOwn(el: Element): boolean; work(): void }): PageWatch {
  const { doc, signal, isOwn, work } = opts;
  let frame = 0;
  const run = () => {
    frame = 0;
    if (!signal.aborted) work();
  };
  const schedule = () => {
    if (!frame && !signal.aborted) frame = requestAnimationFrame(run);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && !isOwn(n as Element)) return schedule();
      }
      if (r.removedNodes.length) return schedule();
    }
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
