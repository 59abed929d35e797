import type { Marketplace } from '@/lib/domain/marketplaces';
import type { Send } from '@/lib/messaging/client';
import type { RowView } from '@/lib/messaging/protocol';
import type { OrderStatusView, PageOrder, PageOrderItem } from '@/lib/messaging/protocol-orders';
import { extractOrderDetail, extractOrderListRows, type OrderItem } from '@/lib/sites/seller-central/orders';
import { detectPage } from '@/lib/sites/seller-central/page';
import { orderStatusAttribute, renderOrderBadge, type OrderBadgeActions, type OrderBadgeState } from './order-badge';
import { mountPageApp, PopoverSlot } from './page-app';
import { watchPage } from './page-watch';
import { createOverlayStore } from './store';
import { attachOverlayShadow, HOST_STYLE } from './styles';

/** Orders per orders.status request (the protocol allows 200; a page shows up to 100). */
const STATUS_BATCH = 50;
const ORDER_ATTR = 'data-skulink-order';
const STATUS_ATTR = 'data-skulink-order-status';

/** Answers cached per order id for the life of the page, so a re-rendered row is annotated at once. */
const answers = new Map<string, OrderBadgeState>();

/** One order found on the page in this frame: where its badge goes and what it lists. */
interface FoundOrder {
  orderId: string;
  mount: Element;
  items: PageOrderItem[];
}

/** A page item as the protocol takes it (bounded: page text can be anything). */
function toPageItem(i: OrderItem): PageOrderItem {
  const sku = i.sku?.trim();
  return {
    ...(sku && sku.length <= 200 ? { sku } : {}),
    ...(i.asin && i.asin.length <= 20 ? { asin: i.asin } : {}),
    ...(i.title ? { title: i.title.slice(0, 2000) } : {}),
    ...(i.quantity !== undefined && Number.isInteger(i.quantity) && i.quantity >= 0 && i.quantity <= 1_000_000 ? { quantity: i.quantity } : {}),
  };
}

/**
 * The orders on the page, one per order id: on the list, the first row of each order (its
 * continuation rows add items, never a badge); on the detail page, the block of the order id.
 */
function findOrders(doc: Document): FoundOrder[] {
  const kind = detectPage(new URL(doc.URL));
  if (kind === 'order-detail') {
    const d = extractOrderDetail(doc);
    return d ? [{ orderId: d.orderId, mount: d.mount, items: d.items.map(toPageItem).slice(0, 100) }] : [];
  }
  if (kind !== 'orders-list') return [];
  const byId = new Map<string, FoundOrder>();
  for (const row of extractOrderListRows(doc)) {
    const found = byId.get(row.orderId);
    if (found) found.items.push(...row.items.map(toPageItem));
    else byId.set(row.orderId, { orderId: row.orderId, mount: row.mount, items: row.items.map(toPageItem) });
  }
  for (const o of byId.values()) o.items = o.items.slice(0, 100);
  return [...byId.values()];
}

/** What the order's request depends on: when its items change (rows arrive late), ask again. */
function itemsKey(items: readonly PageOrderItem[]): string {
  return JSON.stringify(items.map((i) => [i.sku ?? '', i.asin ?? '']));
}

/**
 * The orders overlay on Seller Central's order list and order detail pages: one badge per order
 * with its Skulink status (imported with the catalog order, error with the reason, pending,
 * cancelled, deleted, not yet) and, for each SKU not linked on this marketplace, a "Link SKU"
 * button opening the same Link popover as the inventory. Idempotent: badges are found again by
 * order id each frame, never kept; answers are cached by order id.
 */
export function startOrdersOverlay(opts: { send: Send; marketplace: Marketplace; signal: AbortSignal; doc?: Document }) {
  const { send, signal } = opts;
  const doc = opts.doc ?? document;
  const store = createOverlayStore();
  /** Last items read per order on the page, and the key they were asked with. */
  const pageItems = new Map<string, PageOrderItem[]>();
  const askedWith = new Map<string, string>();
  const queued = new Set<string>();
  let flushTimer = 0;

  const actions: OrderBadgeActions = {
    openLink(sku, anchor) {
      store.set({ popover: { sku, anchor } });
    },
  };

  function reportError(e: unknown) {
    console.warn('[Skulink]', e instanceof Error ? e.message : e);
  }

  const app = mountPageApp(doc, <PopoverSlot store={store} send={send} onRow={onLinkChange} />);

  /** The badge hosts of one order now on the page (found by attribute: no CSS escaping). */
  function hostsOf(orderId: string): HTMLElement[] {
    return [...doc.querySelectorAll<HTMLElement>(`[${ORDER_ATTR}]`)].filter((el) => el.getAttribute(ORDER_ATTR) === orderId);
  }

  function draw(host: HTMLElement, orderId: string) {
    const state = answers.get(orderId) ?? { kind: 'loading' as const };
    host.setAttribute(STATUS_ATTR, orderStatusAttribute(state));
    const unlinked = state.kind === 'view' ? state.view.items.filter((i) => !i.linked).length : undefined;
    if (unlinked === undefined) host.removeAttribute('data-skulink-order-unlinked');
    else host.setAttribute('data-skulink-order-unlinked', String(unlinked));
    if (host.shadowRoot) renderOrderBadge(host.shadowRoot, orderId, state, actions);
  }

  /** One frame: find the orders, drop badges that are stale or misplaced, add the missing ones. */
  function work() {
    app.ensureAttached();
    let orders: FoundOrder[] = [];
    try {
      orders = findOrders(doc);
    } catch (e) {
      reportError(e);
    }
    const wanted = new Map<Element, string>(orders.map((o) => [o.mount, o.orderId]));
    const placed = new Set<Element>();
    for (const host of doc.querySelectorAll(`[${ORDER_ATTR}]`)) {
      const mount = host.parentElement;
      // A row React reused for another order, a row that is no longer an order's first, a duplicate,
      // or a copy the page cloned from ours (a clone has no shadow root).
      if (!mount || !host.shadowRoot || wanted.get(mount) !== host.getAttribute(ORDER_ATTR) || placed.has(mount)) host.remove();
      else placed.add(mount);
    }
    for (const o of orders) {
      pageItems.set(o.orderId, o.items);
      if (!placed.has(o.mount)) {
        placed.add(o.mount);
        const host = doc.createElement('div');
        host.setAttribute(ORDER_ATTR, o.orderId);
        host.setAttribute('style', HOST_STYLE);
        attachOverlayShadow(host);
        draw(host, o.orderId);
        o.mount.append(host);
      }
      if (askedWith.get(o.orderId) !== itemsKey(o.items)) ask(o.orderId);
    }
  }

  /** Ask the background about an order soon (batched with the others asked in the same turn). */
  function ask(orderId: string) {
    askedWith.set(orderId, itemsKey(pageItems.get(orderId) ?? []));
    queued.add(orderId);
    if (!flushTimer) flushTimer = window.setTimeout(() => void flush(), 0);
  }

  async function flush() {
    flushTimer = 0;
    while (queued.size && !signal.aborted) {
      const batch: PageOrder[] = [...queued].slice(0, STATUS_BATCH).map((orderId) => ({ orderId, items: pageItems.get(orderId) ?? [] }));
      for (const o of batch) queued.delete(o.orderId);
      let result: Record<string, OrderStatusView> | undefined;
      try {
        result = (await send('orders.status', { orders: batch })).orders;
      } catch (e) {
        reportError(e);
        for (const o of batch) apply(o.orderId, { kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
      if (signal.aborted) return;
      for (const [orderId, view] of Object.entries(result ?? {})) apply(orderId, { kind: 'view', view });
    }
  }

  /** An order's answer arrived: redraw its badges if it changed. */
  function apply(orderId: string, state: OrderBadgeState) {
    const before = answers.get(orderId);
    answers.set(orderId, state);
    if (before && JSON.stringify(before) === JSON.stringify(state)) return;
    for (const host of hostsOf(orderId)) draw(host, orderId);
  }

  /**
   * A SKU was linked (or unlinked) from the popover: show it at once on every order listing it,
   * then ask those orders' status again (the background has the last word).
   */
  function onLinkChange(row: RowView) {
    for (const [orderId, state] of answers) {
      if (state.kind !== 'view' || !state.view.items.some((i) => i.sku === row.sku)) continue;
      const linked = row.state === 'linked' && row.product;
      const items = state.view.items.map((i) =>
        i.sku !== row.sku ? i : linked ? { sku: i.sku, linked: true, productSku: row.product!.sku, productTitle: row.product!.title } : { sku: i.sku, linked: false },
      );
      apply(orderId, { kind: 'view', view: { ...state.view, items } });
      if (pageItems.has(orderId)) ask(orderId);
    }
    // The button the popover hung from was redrawn: give focus to what replaced it (keyboard users).
    setTimeout(() => {
      const active = doc.activeElement;
      if (active && active !== doc.body && !active.hasAttribute('data-skulink-app')) return;
      for (const host of doc.querySelectorAll(`[${ORDER_ATTR}]`)) {
        const control = [...(host.shadowRoot?.querySelectorAll<HTMLElement>('[data-skulink-item]') ?? [])].find((el) => el.getAttribute('data-skulink-item') === row.sku);
        if (control) return control.focus();
      }
    }, 0);
  }

  // Statuses change while the page stays open (the sync runs every few minutes): ask again on return.
  const onVisible = () => {
    if (doc.visibilityState !== 'visible') return;
    for (const orderId of pageItems.keys()) if (hostsOf(orderId).length) ask(orderId);
  };
  doc.addEventListener('visibilitychange', onVisible);

  watchPage({ doc, signal, work, isOwn: (el) => el.hasAttribute(ORDER_ATTR) || el.hasAttribute('data-skulink-app') });

  signal.addEventListener('abort', () => {
    if (flushTimer) clearTimeout(flushTimer);
    doc.removeEventListener('visibilitychange', onVisible);
    app.remove();
    for (const host of doc.querySelectorAll(`[${ORDER_ATTR}]`)) host.remove();
  });
  return { store };
}
