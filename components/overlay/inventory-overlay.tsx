import type { RowState } from '@/lib/domain/link';
import type { Marketplace } from '@/lib/domain/marketplaces';
import type { Send } from '@/lib/messaging/client';
import type { PageRow, RowView } from '@/lib/messaging/protocol';
import { extractInventoryRow, extractRowIdentity, findRowElements, findUnreadableRows, holdsRows, type InventoryRow, type RowIdentity } from '@/lib/sites/seller-central/inventory';
import { renderBadge, type BadgeActions } from './badge';
import { InventoryBar } from './inventory-bar';
import { mountPageApp, PopoverSlot } from './page-app';
import { watchPage } from './page-watch';
import { createOverlayStore, type OverlayStore } from './store';
import { attachOverlayShadow, HOST_STYLE } from './styles';

/**
 * Per-frame budget for DOM work: under 50 ms with the frame's own work, yet few frames, since
 * each frame also relays out the page (measured: fewer, larger slices badge 1,000 rows sooner).
 */
const FRAME_BUDGET_MS = 30;
/**
 * Budget for annotating rows right where the page added them (in the MutationObserver callback,
 * before the page's next frame): badges then cost no extra layout of the page.
 */
const SYNC_BUDGET_MS = 30;
const SEEN_BATCH = 250;
/** How long an inventory page may show no readable row before the bar says so. */
const NO_ROWS_AFTER_MS = 6000;
const REFINE_BATCH = 40;

/** Row states, cached per SKU for the life of the page so re-rendered rows are annotated at once. */
const views = new Map<string, RowView>();
/**
 * Linked listings of this page's marketplace: rows show linked / not linked at first sight.
 * Kept across restarts (route changes restart the overlay) and refreshed at each start.
 */
let linkMap: Map<string, RowView> | undefined;

interface Host {
  el: HTMLElement;
  root: ShadowRoot;
  sku: string;
  /** Identity of the row content the host was made for (React may reuse a node for another SKU). */
  rowKey: string;
  /** The view drawn now (JSON), so an unchanged answer redraws nothing. */
  shown: string;
}

function toPageRow(r: InventoryRow): PageRow {
  return { sku: r.sku, asin: r.asin, title: r.title, price: r.price, quantity: r.quantity, fulfillmentChannel: r.fulfillmentChannel, status: r.status };
}

/**
 * The inventory overlay on one page: watches for listing rows (late, lazy, replaced, after route
 * changes), records them through the background, and puts a badge in each row with its state.
 * DOM work is batched per animation frame and sliced to a time budget.
 */
export function startInventoryOverlay(opts: { send: Send; marketplace: Marketplace; signal: AbortSignal; doc?: Document; isInventoryPage?: boolean }) {
  const { send, marketplace, signal } = opts;
  const doc = opts.doc ?? document;
  const hosts = new Map<Element, Host>();
  const hostBySku = new Map<string, Set<Host>>();
  const requested = new Set<string>();
  const refined = new Set<string>();
  const extracted = new Map<string, InventoryRow>();
  const store = createOverlayStore();
  const queue: Element[] = [];
  let seenTimer = 0;
  let refining = false;
  const pendingSeen = new Map<string, PageRow>();
  send('links.map', {})
    .then(({ linked }) => {
      linkMap = new Map(linked.map(([sku, productSku, title]) => [sku, { sku, state: 'linked', product: { sku: productSku, title } }]));
      schedule();
    })
    .catch(reportError);

  /** What a row shows before the background has answered for it: its link if known, else not linked. */
  function provisional(sku: string): RowView | undefined {
    if (!linkMap) return undefined;
    return linkMap.get(sku) ?? { sku, state: 'unlinked' };
  }

  const actions: BadgeActions = {
    openLink(sku, anchor) {
      store.set({ popover: { sku, anchor } });
    },
    unlink(sku) {
      send('link.remove', { sku }).then((r) => applyRow(r.row), reportError);
    },
  };

  function reportError(e: unknown) {
    console.warn('[Skulink]', e instanceof Error ? e.message : e);
  }

  // ---------- page-level UI (bar + popover) in one shadow root ----------
  const app = mountPageApp(doc, <App store={store} send={send} onRow={applyRow} onBulkChange={refreshAll} />);

  // ---------- rows ----------
  /** Ask for a frame of DOM work (only called once setup has ended and the page is watched). */
  function schedule() {
    watch.schedule();
  }

  function collect() {
    app.ensureAttached();
    const found = findRowElements(doc);
    for (const el of found) {
      const h = hosts.get(el);
      if (h && h.el.isConnected && el.contains(h.el)) continue;
      queue.push(el);
    }
    for (const el of findUnreadableRows(doc)) {
      const h = hosts.get(el);
      if (h && h.el.isConnected) continue;
      mount(el, el, '', `error|${hosts.size}`, { sku: '', state: 'error' });
    }
  }

  /**
   * Scan if needed, then badge queued rows for at most `budget` ms (the rest waits for a frame).
   * Badging reads only a row's SKU and badge place; the full read of a new SKU's row (title,
   * price...) for the background is left to idle time.
   */
  function pump(budget: number) {
    if (signal.aborted) return;
    const start = performance.now();
    if (!queue.length) collect();
    while (queue.length && performance.now() - start < budget) {
      const el = queue.shift()!;
      if (!el.isConnected) continue;
      let id: RowIdentity | null = null;
      try {
        id = extractRowIdentity(el);
      } catch (e) {
        reportError(e);
      }
      if (!id) continue;
      const key = `${id.shape}|${id.sku}`;
      const old = hosts.get(el);
      if (old?.el.isConnected && old.rowKey === key) continue;
      old?.el.remove();
      const view = views.get(id.sku) ?? provisional(id.sku);
      if (view) mount(el, id.mount, id.sku, key, view);
      if (!requested.has(id.sku)) {
        requested.add(id.sku);
        toRead.push(el);
      }
    }
    if (queue.length) schedule();
    if (toRead.length) readSoon();
    countsSoon();
  }

  /** Rows of new SKUs waiting for their full read (for the background's listing record). */
  const toRead: Element[] = [];
  let readTimer = 0;
  function readSoon() {
    if (!readTimer && !signal.aborted) readTimer = window.setTimeout(readRows, 0);
  }

  /** Read queued rows in slices between frames, then send them to the background. */
  function readRows() {
    readTimer = 0;
    const start = performance.now();
    while (toRead.length && performance.now() - start < FRAME_BUDGET_MS) {
      const el = toRead.shift()!;
      let row: InventoryRow | null = null;
      try {
        row = el.isConnected ? extractInventoryRow(el, { decimal: marketplace.decimal }) : null;
      } catch (e) {
        reportError(e);
      }
      if (!row) continue;
      extracted.set(row.sku, row);
      pendingSeen.set(row.sku, toPageRow(row));
    }
    if (toRead.length) readSoon();
    else if (pendingSeen.size && !seenTimer) seenTimer = window.setTimeout(flushSeen, 0);
  }

  function mount(rowEl: Element, mountEl: Element, sku: string, key: string, view: RowView) {
    const el = doc.createElement('div');
    el.setAttribute('data-skulink-sku', sku);
    el.setAttribute('data-skulink-state', view.state);
    el.setAttribute('style', HOST_STYLE);
    const root = attachOverlayShadow(el);
    renderBadge(root, view, actions);
    mountEl.append(el);
    const host: Host = { el, root, sku, rowKey: key, shown: JSON.stringify(view) };
    hosts.set(rowEl, host);
    let set = hostBySku.get(sku);
    if (!set) hostBySku.set(sku, (set = new Set()));
    set.add(host);
  }

  /** Send newly seen rows to the background in batches; mount their badges as answers arrive. */
  async function flushSeen() {
    seenTimer = 0;
    while (pendingSeen.size && !signal.aborted) {
      const batch = [...pendingSeen.values()].slice(0, SEEN_BATCH);
      for (const r of batch) pendingSeen.delete(r.sku);
      try {
        const { rows } = await send('rows.seen', { rows: batch });
        for (const v of rows) applyRow(v);
      } catch (e) {
        reportError(e);
        for (const r of batch) views.set(r.sku, { sku: r.sku, state: 'error', error: (e as Error).message });
      }
      // Rows answered: annotate them (re-query, their nodes may have been replaced meanwhile).
      collect();
      schedule();
    }
    void refine();
  }

  /** Ask for ranked suggestions for unlinked rows, a few at a time, and upgrade them to "suggested". */
  async function refine() {
    if (refining) return;
    refining = true;
    try {
      for (;;) {
        const skus = [...views.values()].filter((v) => v.state === 'unlinked' && !refined.has(v.sku) && hostBySku.has(v.sku)).map((v) => v.sku).slice(0, REFINE_BATCH);
        if (!skus.length || signal.aborted) break;
        for (const s of skus) refined.add(s);
        const { rows } = await send('rows.refine', { skus });
        for (const v of rows) if (v.state !== 'unlinked') applyRow(v);
      }
    } catch (e) {
      reportError(e);
    } finally {
      refining = false;
    }
  }

  /** A row's state changed: update every badge of that SKU on the page. */
  function applyRow(view: RowView) {
    views.set(view.sku, view);
    const shown = JSON.stringify(view);
    if (linkMap) {
      if (view.state === 'linked') linkMap.set(view.sku, view);
      else linkMap.delete(view.sku);
    }
    for (const h of hostBySku.get(view.sku) ?? []) {
      if (!h.el.isConnected) continue;
      if (h.shown === shown) continue;
      h.shown = shown;
      h.el.setAttribute('data-skulink-state', view.state);
      renderBadge(h.root, view, actions);
    }
    countsSoon();
  }

  let countsQueued = false;
  function countsSoon() {
    if (countsQueued) return;
    countsQueued = true;
    queueMicrotask(() => {
      countsQueued = false;
      updateCounts();
    });
  }

  /** After a bulk action: ask again for every row on the page. */
  function refreshAll() {
    const skus = [...hostBySku.keys()].filter((s) => s);
    refined.clear();
    (async () => {
      for (let i = 0; i < skus.length; i += SEEN_BATCH) {
        const batch = skus.slice(i, i + SEEN_BATCH).map((s) => extracted.get(s)).filter((r): r is InventoryRow => !!r).map(toPageRow);
        const { rows } = await send('rows.seen', { rows: batch });
        for (const v of rows) applyRow(v);
      }
      void refine();
    })().catch(reportError);
  }

  function updateCounts() {
    const counts: Record<RowState, number> = { linked: 0, unlinked: 0, suggested: 0, error: 0 };
    let rowsOnPage = 0;
    for (const [sku, set] of hostBySku) {
      let live = false;
      for (const h of set) {
        if (h.el.isConnected) live = true;
        else set.delete(h);
      }
      if (!set.size) hostBySku.delete(sku);
      if (!live) continue;
      rowsOnPage++;
      // What the badge shows (a provisional state until the background answers).
      const state = [...set][0]?.el.getAttribute('data-skulink-state') as RowState | null;
      if (state && state in counts) counts[state]++;
    }
    const prev = store.get();
    if (prev.rowsOnPage !== rowsOnPage || (Object.keys(counts) as RowState[]).some((k) => prev.counts[k] !== counts[k])) store.set({ counts, rowsOnPage });
  }

  // ---------- watching the page ----------
  const watch = watchPage({
    doc,
    signal,
    // Our own hosts appearing is no reason to rescan.
    isOwn: (el) => el.hasAttribute('data-skulink-sku'),
    work: () => pump(FRAME_BUDGET_MS),
    urgent: {
      matches: holdsRows,
      run: () => {
        pump(SYNC_BUDGET_MS);
        if (queue.length) schedule();
      },
    },
  });

  // An inventory page that shows no row we can read after a while: say so, rather than nothing.
  const layoutCheck = opts.isInventoryPage
    ? window.setTimeout(() => {
        if (!signal.aborted && hosts.size === 0) store.set({ noRowsFound: true });
      }, NO_ROWS_AFTER_MS)
    : 0;

  signal.addEventListener('abort', () => {
    if (seenTimer) clearTimeout(seenTimer);
    if (readTimer) clearTimeout(readTimer);
    if (layoutCheck) clearTimeout(layoutCheck);
    app.remove();
    for (const h of hosts.values()) h.el.remove();
  });
  return { store };
}

function App({ store, send, onRow, onBulkChange }: { store: OverlayStore; send: Send; onRow(v: RowView): void; onBulkChange(): void }) {
  return (
    <>
      <InventoryBar store={store} send={send} onBulkChange={onBulkChange} />
      <PopoverSlot store={store} send={send} onRow={onRow} />
    </>
  );
}
