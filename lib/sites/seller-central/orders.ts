/**
 * Orders pages (orders-v3): the list, where an order with several items continues over rows
 * without an order link, and the detail page. Item lines read "ASIN: …", "SKU: …",
 * "Quantity: …" with localized labels (labels.ts), ASINs fall back to a value pattern.
 */
import { classifyLabel } from './labels.ts';
import { PATTERNS, SELECTORS } from './selectors.ts';
import { parseInteger, textOf } from './values.ts';

/** One item line of an order as the page shows it. */
export interface OrderItem {
  sku?: string;
  asin?: string;
  quantity?: number;
  title?: string;
}

/** One row of the orders list (an order's first row, or a continuation row of it). */
export interface OrderListRow {
  orderId: string;
  /** The <tr>. */
  element: Element;
  /** Where the overlay badge goes (append): the product cell of the row. */
  mount: Element;
  items: OrderItem[];
  /** True for a row without its own order link (the order id was carried forward). */
  continuation: boolean;
}

/** One item row of the order detail page. */
export interface OrderDetailItem extends OrderItem {
  element: Element;
  /** The product cell of the item row (append the badge there). */
  mount: Element;
}

/** The order detail page. */
export interface OrderDetail {
  orderId: string;
  items: OrderDetailItem[];
  /** The block holding the order id (append an order-level badge there). */
  mount: Element;
}

/** The order id in a text or an orders-v3 href. */
function orderIdIn(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  return PATTERNS.orderIdInHref.exec(s)?.[1] ?? PATTERNS.orderId.exec(s)?.[0];
}

/**
 * Rows of the orders list in document order, each with its order id (carried forward onto
 * continuation rows) and the items its product cell lists. Rows before the first order id and
 * rows without cells (headers) are skipped.
 */
export function extractOrderListRows(root: ParentNode): OrderListRow[] {
  const out: OrderListRow[] = [];
  let current: string | undefined;
  for (const tr of root.querySelectorAll(SELECTORS.ordersRow.css)) {
    if (!tr.querySelector('td')) continue;
    const product = tr.querySelector(SELECTORS.orderProductCell.css);
    const link = tr.querySelector(SELECTORS.orderLink.css);
    let own = link ? orderIdIn(link.getAttribute('href')) ?? orderIdIn(textOf(link)) : undefined;
    if (!own) {
      for (const td of tr.querySelectorAll('td')) {
        if (product && td.contains(product)) continue;
        own = orderIdIn(textOf(td));
        if (own) break;
      }
    }
    if (own) current = own;
    if (!current) continue;
    const items = product ? parseItems(product) : [];
    const mount = product ?? tr.querySelector('td:last-child') ?? tr;
    out.push({ orderId: current, element: tr, mount, items, continuation: own === undefined });
  }
  return out;
}

/** The orders of a list, with all their items (rows merged by order id, order kept). */
export function groupOrderRows(rows: readonly OrderListRow[]): { orderId: string; items: OrderItem[]; elements: Element[] }[] {
  const byId = new Map<string, { orderId: string; items: OrderItem[]; elements: Element[] }>();
  for (const r of rows) {
    let o = byId.get(r.orderId);
    if (!o) byId.set(r.orderId, (o = { orderId: r.orderId, items: [], elements: [] }));
    o.items.push(...r.items);
    o.elements.push(r.element);
  }
  return [...byId.values()];
}

/**
 * The order detail page in `root`: order id (`[data-test-id="order-id-value"]`, else the first
 * order id pattern in #MYO-app), its item rows and the quantity column found by its header label.
 * Null when no order id is visible.
 */
export function extractOrderDetail(root: ParentNode): OrderDetail | null {
  const app = root.querySelector(SELECTORS.orderDetailRoot.css) ?? root;
  const idEl = app.querySelector(SELECTORS.orderIdValue.css);
  const orderId = orderIdIn(textOf(idEl)) ?? orderIdIn(app.textContent);
  if (!orderId) return null;

  const items: OrderDetailItem[] = [];
  for (const tr of app.querySelectorAll(SELECTORS.orderDetailItemRow.css)) {
    const cells = Array.from(tr.children).filter((c) => c.tagName.toLowerCase() === 'td');
    const product = cells.find((c) => c.querySelector(SELECTORS.productLink.css) || PATTERNS.asinInText.test(c.textContent ?? ''))
      ?? cells.find((c) => parseItems(c).some((i) => i.sku || i.asin));
    if (!product) continue;
    const [item] = parseItems(product);
    if (!item || (!item.sku && !item.asin)) continue;
    const qtyIndex = quantityColumn(tr);
    const qtyCell = qtyIndex >= 0 ? tr.children[qtyIndex] : undefined;
    const quantity = item.quantity ?? (qtyCell ? parseInteger(textOf(qtyCell)) : undefined);
    items.push({ ...item, ...(quantity !== undefined ? { quantity } : {}), element: tr, mount: product });
  }
  const mount = idEl?.parentElement ?? (isElement(app) ? app : undefined) ?? items[0]?.mount;
  if (!mount) return null;
  return { orderId, items, mount };
}

/** Whether a node is an Element (a Document is a ParentNode too). */
function isElement(n: ParentNode): n is Element {
  return 'tagName' in n;
}

/** Index of the quantity column of the table holding `tr`, from its header labels (-1 if none). */
function quantityColumn(tr: Element): number {
  const table = tr.closest('table');
  const headers = table ? Array.from(table.querySelectorAll('thead th')) : [];
  return headers.findIndex((th) => classifyLabel(textOf(th), ['quantity'], 'exact') !== undefined);
}

const LINE_KEYS = ['asin', 'sku', 'quantity'] as const;

/**
 * The items a product cell lists. Each line (a block without nested blocks) is "label: value";
 * a product link or a repeated label starts the next item.
 */
function parseItems(cell: Element): OrderItem[] {
  const blocks = Array.from(cell.querySelectorAll('div, li, p')).filter((b) => !b.querySelector('div, li, p'));
  const lines = blocks.length ? blocks : [cell];
  const items: OrderItem[] = [];
  let item: OrderItem = {};
  let labelled = new Set<string>();
  const flush = (): void => {
    if (item.sku !== undefined || item.asin !== undefined || item.quantity !== undefined || item.title !== undefined) items.push(item);
    item = {};
    labelled = new Set();
  };
  for (const line of lines) {
    const link = line.querySelector(SELECTORS.productLink.css) ?? (line.matches(SELECTORS.productLink.css) ? line : null);
    if (link) {
      if (labelled.size || item.title !== undefined) flush();
      const title = textOf(link);
      if (title) item.title = title;
      const m = PATTERNS.asinInHref.exec(link.getAttribute('href') ?? '');
      if (m?.[1] && item.asin === undefined) item.asin = m[1].toUpperCase();
      continue;
    }
    const raw = line.textContent ?? '';
    const m = /^\s*([^:：]{1,40}?)\s*[:：]\s*([\s\S]+?)\s*$/.exec(raw);
    const key = m?.[1] ? classifyLabel(m[1], LINE_KEYS, 'exact') : undefined;
    if (!m?.[2] || !key) {
      const asin = PATTERNS.asinInText.exec(raw)?.[0];
      if (asin && !labelled.has('asin') && item.asin === undefined) item.asin = asin;
      continue;
    }
    if (labelled.has(key)) flush();
    labelled.add(key);
    const value = m[2];
    if (key === 'asin') item.asin = value.trim().toUpperCase();
    else if (key === 'sku') item.sku = value.trim();
    else {
      const q = parseInteger(value);
      if (q !== undefined) item.quantity = q;
    }
  }
  flush();
  return items;
}
