import type { RowState } from '@/lib/domain/link';

/** What the page bar and the popover read: counts on this page and which row's popover is open. */
export interface OverlayState {
  counts: Record<RowState, number>;
  rowsOnPage: number;
  popover?: { sku: string; anchor: HTMLElement };
  /** An inventory page on which no listing row could be found: its layout has probably changed. */
  noRowsFound?: boolean;
}

/** A minimal external store for useSyncExternalStore: the controller writes, React reads. */
export function createOverlayStore() {
  let state: OverlayState = { counts: { linked: 0, unlinked: 0, suggested: 0, error: 0 }, rowsOnPage: 0 };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch: Partial<OverlayState>) {
      state = { ...state, ...patch };
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
export type OverlayStore = ReturnType<typeof createOverlayStore>;
