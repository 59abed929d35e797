/**
 * Which Seller Central page we are on: from the URL for the page kind, from the DOM for the
 * inventory page's shape (legacy paths may serve the new page and vice versa).
 */
import { SELECTORS } from './selectors.ts';

/** The page kinds Skulink has features for. */
export type PageKind = 'inventory' | 'inventory-legacy' | 'orders-list' | 'order-detail' | 'other';

/** The inventory page's DOM shape. */
export type InventoryShape = 'janus' | 'legacy' | 'unknown';

/**
 * The page kind of a Seller Central URL, from its path only (the host is checked by the content
 * script's match patterns; ignoring it here lets the local sandbox serve the same paths).
 * - `/myinventory/inventory…` → inventory (new page)
 * - `/inventory`, `/inventory/…`, `/hz/inventory…` (any query, e.g. viewId=PRICING) → inventory-legacy
 * - `/orders-v3/order/123-1234567-1234567` → order-detail
 * - `/orders-v3`, `/orders-v3/mfn/unshipped`, `/orders-v3/fba/all`, … → orders-list
 */
export function detectPage(url: URL): PageKind {
  const path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '').toLowerCase() || '/';
  if (/^\/myinventory\/inventory(?:\/|$)/.test(path)) return 'inventory';
  if (/^\/(?:hz\/)?inventory(?:\/|$)/.test(path)) return 'inventory-legacy';
  if (/^\/orders-v3\/order\/\d{3}-\d{7}-\d{7}(?:\/|$)/.test(path)) return 'order-detail';
  if (/^\/orders-v3\/order(?:\/|$)/.test(path)) return 'other';
  if (/^\/orders-v3(?:\/|$)/.test(path)) return 'orders-list';
  return 'other';
}

/** Whether a page kind is an inventory page of either shape. */
export function isInventoryPage(kind: PageKind): boolean {
  return kind === 'inventory' || kind === 'inventory-legacy';
}

/**
 * The shape of the inventory page in `root`: 'janus' (React rows with data-sku and kat-*
 * components), 'legacy' (table.mt-table), or 'unknown' (not rendered yet: ask again on mutation).
 * When both are present (a transition), the one with rows wins; Janus on a tie.
 */
export function detectInventoryShape(root: ParentNode): InventoryShape {
  const legacyRows = root.querySelector(SELECTORS.legacyRow.css) !== null;
  const janusRows = root.querySelector(`${SELECTORS.janusRowWrapper.css}, ${SELECTORS.janusContentRow.css}`) !== null;
  if (janusRows) return 'janus';
  if (legacyRows) return 'legacy';
  if (root.querySelector(`${SELECTORS.janusTable.css}, ${SELECTORS.katPagination.css}`)) return 'janus';
  if (root.querySelector(`${SELECTORS.legacyContainer.css}, ${SELECTORS.legacyTable.css}`)) return 'legacy';
  return 'unknown';
}
