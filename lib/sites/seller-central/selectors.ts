/**
 * Every CSS selector and value pattern Skulink uses on Seller Central, in one place.
 * Each selector carries the fixtures (tests/fixtures/seller-central/<name>.html) where it must
 * match and how many times; selectors.test.ts checks them, so a fixture or selector change that
 * breaks a promise fails loudly. Confidence: H = seen in real page HTML or several independent
 * scripts, M = one or two scripts, L = our inference (see docs/SELLER-CENTRAL-DOM.md).
 * Rules: data attributes and `/dp/` links first; `[class*="Module__name"]` (never the hashed
 * suffix) when classes are all there is; localized labels live in labels.ts.
 */

/** The static fixtures selectors are checked against (file names without `.html`). */
export type FixtureName =
  | 'inventory-legacy-en-us'
  | 'inventory-legacy-de'
  | 'inventory-janus-en-us'
  | 'inventory-janus-en-us-rehashed'
  | 'inventory-janus-es'
  | 'inventory-janus-ja'
  | 'inventory-janus-root-10px'
  | 'orders-list-en-us'
  | 'orders-list-de'
  | 'order-detail-en-us'
  | 'order-detail-de';

/** One selector with what it finds, how sure we are, and where it must match how often. */
export interface SelectorSpec {
  readonly css: string;
  readonly what: string;
  readonly confidence: 'H' | 'M' | 'L';
  /** Fixture -> exact number of matches in the whole document (0 = must not match there). */
  readonly matches: Readonly<Partial<Record<FixtureName, number>>>;
}

/** All selectors, by name. Use `SELECTORS.x.css`; never inline a selector elsewhere. */
export const SELECTORS = {
  // ---- Inventory, legacy table -------------------------------------------------------------
  legacyContainer: {
    css: '#myitable',
    what: 'The legacy inventory table container (div#myitable.mt-container).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1, 'inventory-janus-en-us': 0 },
  },
  legacyTable: {
    css: 'table.mt-table',
    what: 'The legacy table; no <thead>, the header is its first row.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1, 'inventory-janus-en-us': 0 },
  },
  legacyHeaderRow: {
    css: 'tr#head-row, tr.mt-head',
    what: 'The header row inside the tbody (skip it).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1 },
  },
  legacyRow: {
    css: 'tr.mt-row:not(.mt-head):not(#head-row)',
    what: 'One listing row of the legacy table (id = base64 SKU, data-row-data JSON).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8, 'inventory-janus-en-us': 0, 'orders-list-en-us': 0 },
  },
  legacyRowData: {
    css: 'tr[data-row-data]',
    what: 'Rows carrying the data-row-data JSON (sku, asin, title, price, quantity, status).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 11, 'inventory-legacy-de': 7 },
  },
  legacyDelayedData: {
    css: 'tr[data-delayed-dependency-data]',
    what: 'Rows carrying data-delayed-dependency-data JSON ({"MYIService":{Sku, Asin, FulfillmentChannel}}).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 9, 'inventory-legacy-de': 8 },
  },
  legacySkuText: {
    css: '[id$="-sku-sku"] .mt-text-content, td[data-column="sku"] .mt-sku-sku .mt-text-content',
    what: 'The SKU text of a legacy row (third fallback after the JSON and the row id).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacyAsinText: {
    css: '[id$="-title-asin"] .mt-text-content, td[data-column="title"] .mt-title-asin .mt-text-content',
    what: 'The ASIN under the title of a legacy row.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacySkuCell: {
    css: 'td[data-column="sku"]',
    what: 'The SKU cell of a legacy row.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacyTitleCell: {
    css: 'td[data-column="title"]',
    what: 'The title cell (title link and ASIN): the mount for the overlay badge in legacy rows.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacyStatusCell: {
    css: 'td[data-column="status"]',
    what: 'The status cell of a legacy row.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacyPriceCell: {
    css: 'td[data-column="price"]',
    what: 'The price cell (an <input> with the price, decimal comma where the marketplace has one).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacyQuantityCell: {
    css: 'td[data-column="quantity"]',
    what: 'The quantity cell (an <input> for MFN, text for AFN).',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 13, 'inventory-legacy-de': 8 },
  },
  legacyTotalCount: {
    css: '#mt-header-count-value',
    what: 'Total number of listings in the legacy header ("1,234").',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1, 'inventory-janus-en-us': 0 },
  },
  legacyTotalPages: {
    css: '.mt-totalpagecount',
    what: 'Number of pages in the legacy header.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1 },
  },
  legacyPagination: {
    css: '#myitable-pagination',
    what: 'The legacy pagination bar.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1 },
  },
  legacyLoadingOverlay: {
    css: '.mt-loading-overlay',
    what: 'Shown while the legacy table reloads; wait until it is hidden.',
    confidence: 'H',
    matches: { 'inventory-legacy-en-us': 1, 'inventory-legacy-de': 1 },
  },

  // ---- Inventory, new Janus page -----------------------------------------------------------
  janusRowWrapper: {
    css: '[data-sku]',
    what: 'The row wrapper: data-sku holds the SKU exactly (may be empty on broken rows).',
    confidence: 'M',
    matches: {
      'inventory-janus-en-us': 24, 'inventory-janus-en-us-rehashed': 24, 'inventory-janus-es': 10, 'inventory-janus-ja': 10,
      'inventory-janus-root-10px': 6, 'inventory-legacy-en-us': 0, 'orders-list-en-us': 0,
    },
  },
  janusContentRow: {
    css: '[class*="JanusTable-module__tableContentRow"]',
    what: 'The row itself, inside the wrapper (hashed suffix varies by release).',
    confidence: 'M',
    matches: {
      'inventory-janus-en-us': 25, 'inventory-janus-en-us-rehashed': 25, 'inventory-janus-es': 10, 'inventory-janus-ja': 10,
      'inventory-janus-root-10px': 6, 'inventory-legacy-en-us': 0,
    },
  },
  janusHeaderRow: {
    css: '[class*="JanusTable-module__tableHeaderRow"]',
    what: 'The header row of the Janus table (not a listing).',
    confidence: 'L',
    matches: { 'inventory-janus-en-us': 1, 'inventory-janus-en-us-rehashed': 1, 'inventory-janus-ja': 1 },
  },
  janusTable: {
    css: '[class*="JanusTable-module__"]',
    what: 'Any part of the Janus table: tells the new page from the legacy one before rows exist.',
    confidence: 'M',
    // header + content rows + wrappers + table container + table body
    matches: { 'inventory-janus-en-us': 52, 'inventory-janus-es': 23, 'inventory-legacy-en-us': 0, 'inventory-legacy-de': 0 },
  },
  janusCell: {
    css: '[class*="TableCell-module__cellLayout"]',
    what: 'A table cell (header or content).',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 182, 'inventory-janus-en-us-rehashed': 182, 'inventory-janus-es': 77, 'inventory-janus-root-10px': 49 },
  },
  janusProductDetails: {
    css: '[class*="ProductDetails-module__container"]',
    what: 'The product block: image, title link, ASIN/SKU/FNSKU panels. Its cell is the badge mount.',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 25, 'inventory-janus-en-us-rehashed': 25, 'inventory-janus-es': 10, 'inventory-janus-ja': 10, 'inventory-janus-root-10px': 6 },
  },
  janusSplitRow: {
    css: '[class*="JanusSplitBox-module__row"]',
    what: 'A label/value row (two panels) in the product block: ASIN, SKU, FNSKU.',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 56, 'inventory-janus-en-us-rehashed': 56 },
  },
  janusCellOfRow: {
    css: '[class*="TableCell-module__cellLayout"], [role="cell"]',
    what: 'The cell an element sits in (closest()), for the badge mount.',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 182 },
  },
  katInput: {
    css: 'kat-input',
    what: 'Katal input (price, min, max, quantity); the value is in its `value` attribute, the real <input> in its shadow root.',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 89, 'inventory-janus-es': 35, 'inventory-legacy-en-us': 0 },
  },
  katLabel: {
    css: 'kat-label',
    what: 'Katal label; `kat-label[emphasis]` is the listing status (text in the `text` attribute).',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 25, 'inventory-janus-ja': 10 },
  },
  katPagination: {
    css: 'kat-pagination',
    what: 'Janus pagination: total-items, items-per-page, page attributes; buttons in a shadow root.',
    confidence: 'M',
    matches: { 'inventory-janus-en-us': 1, 'inventory-janus-es': 1, 'inventory-legacy-en-us': 0 },
  },
  listingEditLink: {
    css: 'a[href*="/abis/listing/edit"]',
    what: 'Listing edit link (?sku=…&asin=…): a third source of the SKU.',
    confidence: 'H',
    matches: { 'inventory-janus-en-us': 23, 'inventory-legacy-en-us': 13 },
  },

  // ---- Shared -----------------------------------------------------------------------------
  productLink: {
    css: 'a[href*="/dp/"]',
    what: 'A product detail link; the ASIN follows /dp/.',
    confidence: 'H',
    matches: {
      'inventory-legacy-en-us': 13, 'inventory-janus-en-us': 24, 'inventory-janus-ja': 10,
      'orders-list-en-us': 7, 'order-detail-en-us': 3,
    },
  },

  // ---- Orders --------------------------------------------------------------------------------
  ordersTable: {
    css: '#orders-table',
    what: 'The orders list table (orders-v3).',
    confidence: 'H',
    matches: { 'orders-list-en-us': 1, 'orders-list-de': 1, 'order-detail-en-us': 0 },
  },
  ordersRow: {
    css: '#orders-table > tbody > tr',
    what: 'A row of the orders list: an order, or a continuation row of the order above.',
    confidence: 'H',
    matches: { 'orders-list-en-us': 6, 'orders-list-de': 4 },
  },
  orderLink: {
    css: 'a[href*="/orders-v3/order/"]',
    what: 'A link to an order; its text and href hold the order id.',
    confidence: 'H',
    matches: { 'orders-list-en-us': 8, 'orders-list-de': 6, 'order-detail-en-us': 0 },
  },
  orderProductCell: {
    css: '.myo-list-orders-product-name-cell',
    what: 'The product cell of an orders list row: lines "ASIN: …", "SKU: …", "Quantity: …" (localized).',
    confidence: 'H',
    matches: { 'orders-list-en-us': 6, 'orders-list-de': 4 },
  },
  orderDetailRoot: {
    css: '#MYO-app',
    what: 'Root of the orders app (detail page; also the list in our fixtures).',
    confidence: 'H',
    matches: { 'order-detail-en-us': 1, 'order-detail-de': 1, 'orders-list-en-us': 1 },
  },
  orderIdValue: {
    css: '[data-test-id="order-id-value"]',
    what: 'The order id on the detail page.',
    confidence: 'H',
    matches: { 'order-detail-en-us': 1, 'order-detail-de': 1, 'orders-list-en-us': 0 },
  },
  orderDetailItemRow: {
    css: 'table.a-keyvalue tbody tr',
    what: 'An item row on the order detail page (ASIN/SKU lines, a quantity column).',
    confidence: 'H',
    matches: { 'order-detail-en-us': 3, 'order-detail-de': 1 },
  },
  orderDetailHeaderCell: {
    css: 'table.a-keyvalue thead th',
    what: 'Column headers of the detail items table; the quantity column is found by its label.',
    confidence: 'M',
    matches: { 'order-detail-en-us': 6, 'order-detail-de': 6 },
  },
} as const satisfies Record<string, SelectorSpec>;

/** Names of all selectors. */
export type SelectorName = keyof typeof SELECTORS;

/**
 * Every element that may be an inventory row, in one query (run on every mutation batch):
 * legacy rows, Janus wrappers, and Janus content rows (for rows whose wrapper is missing).
 */
export const INVENTORY_ROW_CANDIDATES = [SELECTORS.legacyRow.css, SELECTORS.janusRowWrapper.css, SELECTORS.janusContentRow.css].join(', ');

/** The data attributes Skulink reads. */
export const ATTRIBUTES = {
  sku: 'data-sku',
  rowData: 'data-row-data',
  delayedData: 'data-delayed-dependency-data',
} as const;

/** Selector of the Janus row wrapper of one SKU (the value is quoted, any character is safe). */
export function janusRowBySkuSelector(quotedSku: string): string {
  return `[${ATTRIBUTES.sku}=${quotedSku}]`;
}

/** Selector of the legacy row with this id (the base64 SKU, quoted). */
export function legacyRowByIdSelector(quotedId: string): string {
  return `tr.mt-row[id=${quotedId}]`;
}

/** Value patterns: the fallback when labels and attributes fail. */
export const PATTERNS = {
  /** An Amazon order id, e.g. 113-4567890-1234567. */
  orderId: /\b\d{3}-\d{7}-\d{7}\b/,
  /** An ASIN in free text: B0 + 8 (ISBN-10 ASINs need a label or a /dp/ link). */
  asinInText: /\bB0[A-Z0-9]{8}\b/,
  /** A whole string that is an ASIN (B0… or ISBN-10). */
  asin: /^(?:B0[A-Z0-9]{8}|\d{9}[\dX])$/,
  /** The ASIN in a product link: /dp/ASIN or /gp/product/ASIN. */
  asinInHref: /\/(?:dp|gp\/product)\/([A-Z0-9]{10})(?=[/?#&]|$)/i,
  /** The order id in an orders-v3 link. */
  orderIdInHref: /\/orders-v3\/order\/(\d{3}-\d{7}-\d{7})/,
} as const;
