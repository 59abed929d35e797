import { useSyncExternalStore, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Send } from '@/lib/messaging/client';
import type { RowView } from '@/lib/messaging/protocol';
import { LinkPopover } from './link-popover';
import { attachOverlayShadow, FONT_STYLE } from './styles';

/** The page-level UI of an overlay: one host at the end of the document, one shadow root, one React root. */
export interface PageApp {
  /** Put the host back if the page removed it (some pages replace the whole body on navigation). */
  ensureAttached(): void;
  /** Unmount React and remove the host. */
  remove(): void;
}

/**
 * Mount `ui` (bar, popover) in its own shadow root with the overlay's sheet, outside the page's
 * rows, so a page re-rendering its rows never takes the popover with it.
 */
export function mountPageApp(doc: Document, ui: ReactNode): PageApp {
  const host = doc.createElement('div');
  host.setAttribute('data-skulink-app', '');
  host.setAttribute('style', `all: initial; position: static; ${FONT_STYLE}`);
  const shadow = attachOverlayShadow(host);
  const mount = doc.createElement('div');
  shadow.append(mount);
  doc.documentElement.append(host);
  const root = createRoot(mount);
  root.render(ui);
  return {
    ensureAttached() {
      if (!host.isConnected) doc.documentElement.append(host);
    },
    remove() {
      root.unmount();
      host.remove();
    },
  };
}

/** Which listing's Link popover is open, and the button it hangs from. */
export interface PopoverTarget {
  sku: string;
  anchor: HTMLElement;
}

/** The part of an overlay store the popover slot reads and writes (see store.ts). */
export interface PopoverStore {
  get(): { popover?: PopoverTarget };
  set(patch: { popover?: PopoverTarget }): void;
  subscribe(listener: () => void): () => void;
}

/** The Link popover of whichever listing the store says is open (none: nothing). */
export function PopoverSlot({ store, send, onRow }: { store: PopoverStore; send: Send; onRow(v: RowView): void }) {
  const { popover } = useSyncExternalStore(store.subscribe, store.get);
  if (!popover) return null;
  return <LinkPopover key={popover.sku} sku={popover.sku} anchor={popover.anchor} send={send} onRow={onRow} onClose={() => store.set({ popover: undefined })} />;
}
