/**
 * Inventory rows of Seller Central's two inventory pages: the legacy table (`tr.mt-row`) and the
 * new React "Janus" page (`div[data-sku]`). Reads what each row shows (SKU first, everything
 * else optional) without throwing on broken attributes, and says where the overlay badge goes.
 * Rows are re-rendered and lazily added by the page: callers re-run these on mutations and
 * re-query by SKU (`findRowBySku`) instead of keeping element references.
 */
import { classifyFulfillment, classifyLabel, matchesLabel, type LabelKey } from './labels.ts';
import {
  ATTRIBUTES, INVENTORY_ROW_CANDIDATES, janusRowBySkuSelector, legacyRowByIdSelector, PATTERNS, SELECTORS,
} from './selectors.ts';
import {
  cssString, decodeLegacyRowId, encodeLegacyRowId, parseDecimal, parseInteger, safeJsonObject, stringField, textOf,
} from './values.ts';

/** One listing row as read from the page. */
export interface InventoryRow {
  sku: string;
  asin?: string;
  title?: string;
  price?: number;
  quantity?: number;
  fulfillmentChannel: 'MFN' | 'AFN' | 'UNKNOWN';
  /** As the page shows it, localized ("Active", "Aktiv", "出品中"). */
  status?: string;
  /** The row's element: the data-sku wrapper (Janus) or tr.mt-row (legacy). */
  element: Element;
  /**
   * Where the overlay badge goes: append the badge host as the last child. It is the cell that
   * holds the SKU/title block (Janus product cell, legacy title cell), so the badge sits after it.
   */
  mount: Element;
  shape: 'janus' | 'legacy';
}

/** Options for reading rows; `decimal` is the marketplace's decimal separator. */
export interface ExtractOptions {
  decimal: '.' | ',';
}

/** Pagination as the page shows it; fields are absent when not visible. */
export interface PaginationInfo {
  totalItems?: number;
  itemsPerPage?: number;
  page?: number;
  totalPages?: number;
}

const JANUS_ANY_ROW = `${SELECTORS.janusRowWrapper.css}, ${SELECTORS.janusContentRow.css}`;
const ANY_ROW = `${JANUS_ANY_ROW}, ${SELECTORS.legacyRow.css}`;

/** Whether an element is a legacy row (tr.mt-row, not the header). */
function isLegacyRow(el: Element): boolean {
  return el.matches(SELECTORS.legacyRow.css);
}

/**
 * Every row element in `root` (both shapes), in document order, header rows excluded.
 * One querySelectorAll plus a contains() per candidate: a Janus content row inside a data-sku
 * wrapper is represented by the wrapper, and anything nested in another row is dropped.
 */
export function findRowElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  // Document order: a nested candidate comes right after the row that contains it.
  let last: Element | undefined;
  for (const el of root.querySelectorAll(INVENTORY_ROW_CANDIDATES)) {
    if (last?.contains(el)) continue;
    out.push(el);
    last = el;
  }
  return out;
}

/** What the overlay needs to put a badge in a row at once: its SKU and where the badge goes. */
export interface RowIdentity {
  sku: string;
  mount: Element;
  shape: 'janus' | 'legacy';
}

/**
 * The SKU and badge place of a row, reading as little as possible (a data attribute or the row's
 * JSON first), so a thousand rows can be badged before the page's next frame; the full
 * extraction (title, price, quantity...) can follow when the page is idle.
 */
export function extractRowIdentity(el: Element): RowIdentity | null {
  if (isLegacyRow(el)) {
    const sku = legacySku(el, legacyData(el));
    if (sku === undefined) return null;
    const mount = el.querySelector(SELECTORS.legacyTitleCell.css) ?? el.querySelector(SELECTORS.legacySkuCell.css) ?? el.querySelector('td') ?? el;
    return { sku, mount, shape: 'legacy' };
  }
  const sku = janusSku(el);
  if (sku === undefined) return null;
  const product = el.querySelector(SELECTORS.janusProductDetails.css);
  const link = product ? null : el.querySelector(SELECTORS.productLink.css);
  const mount = (product ?? link)?.closest(SELECTORS.janusCellOfRow.css) ?? product?.parentElement ?? el.querySelector(SELECTORS.janusContentRow.css) ?? el;
  return { sku, mount, shape: 'janus' };
}

/**
 * Whether an added node is, or holds, a listing row: a cheap test for a MutationObserver, so
 * rows can be annotated before the page's next frame is drawn.
 */
export function holdsRows(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return el.matches(INVENTORY_ROW_CANDIDATES) || el.querySelector(INVENTORY_ROW_CANDIDATES) !== null;
}

/** The shape of a row element found by findRowElements. */
export function rowShape(el: Element): 'janus' | 'legacy' {
  return isLegacyRow(el) ? 'legacy' : 'janus';
}

/**
 * Read every readable row in `root`. Rows without a readable SKU are left out here and reported
 * by `findUnreadableRows`, so the overlay can mark them instead of skipping them silently.
 */
export function extractInventoryRows(root: ParentNode, opts: ExtractOptions): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const el of findRowElements(root)) {
    const row = extractInventoryRow(el, opts);
    if (row) rows.push(row);
  }
  return rows;
}

/** The row elements in `root` whose SKU cannot be read (show them as errors). */
export function findUnreadableRows(root: ParentNode): Element[] {
  return findRowElements(root).filter((el) => readSku(el) === undefined);
}

/**
 * Read one row element (a data-sku wrapper, a Janus content row, or tr.mt-row).
 * Returns null when its SKU cannot be read. Never throws on malformed attributes.
 */
export function extractInventoryRow(el: Element, opts: ExtractOptions): InventoryRow | null {
  return isLegacyRow(el) ? extractLegacyRow(el, opts) : extractJanusRow(el, opts);
}

/** The SKU of a row element, or undefined when unreadable (cheap: no other field is read). */
export function readSku(el: Element): string | undefined {
  return isLegacyRow(el) ? legacySku(el, legacyData(el)) : janusSku(el);
}

/**
 * The row element of a SKU in `root`, or null: re-query by SKU instead of keeping references
 * (React replaces row nodes). Looks up data-sku and the legacy base64 id first, then scans rows.
 */
export function findRowBySku(root: ParentNode, sku: string): Element | null {
  const direct = root.querySelector(janusRowBySkuSelector(cssString(sku)));
  if (direct && !direct.parentElement?.closest(ANY_ROW)) return direct;
  const legacy = root.querySelector(legacyRowByIdSelector(cssString(encodeLegacyRowId(sku))));
  if (legacy) return legacy;
  for (const el of findRowElements(root)) if (readSku(el) === sku) return el;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Legacy
// ---------------------------------------------------------------------------------------------

interface LegacyData {
  row?: Record<string, unknown>;
  service?: Record<string, unknown>;
}

function legacyData(el: Element): LegacyData {
  const row = safeJsonObject(el.getAttribute(ATTRIBUTES.rowData));
  const delayed = safeJsonObject(el.getAttribute(ATTRIBUTES.delayedData));
  const svc = delayed?.MYIService;
  const service = svc && typeof svc === 'object' && !Array.isArray(svc) ? (svc as Record<string, unknown>) : undefined;
  return { row, service };
}

function legacySku(el: Element, d: LegacyData): string | undefined {
  return (
    stringField(d.row, 'sku', 'SKU', 'sellerSku') ??
    stringField(d.service, 'Sku', 'sku') ??
    decodeLegacyRowId(el.getAttribute('id')) ??
    (textOf(el.querySelector(SELECTORS.legacySkuText.css)) || undefined)
  );
}

function extractLegacyRow(el: Element, opts: ExtractOptions): InventoryRow | null {
  const d = legacyData(el);
  const sku = legacySku(el, d);
  if (sku === undefined) return null;
  const cell = (sel: string): Element | null => el.querySelector(sel);
  const titleCell = cell(SELECTORS.legacyTitleCell.css);
  const link = el.querySelector(SELECTORS.productLink.css);

  const asin = validAsin(stringField(d.row, 'asin', 'ASIN')) ?? validAsin(stringField(d.service, 'Asin', 'asin'))
    ?? validAsin(textOf(cell(SELECTORS.legacyAsinText.css))) ?? asinFromLink(link) ?? asinInText(el);
  const title = stringField(d.row, 'title', 'itemName') ?? (textOf(link) || undefined);

  const priceCell = cell(SELECTORS.legacyPriceCell.css);
  const priceRaw = d.row?.price;
  const price = typeof priceRaw === 'number' ? priceRaw
    : parseDecimal(typeof priceRaw === 'string' ? priceRaw : inputOrText(priceCell), opts.decimal);

  const qtyCell = cell(SELECTORS.legacyQuantityCell.css);
  const qtyRaw = d.row?.quantity;
  const quantity = typeof qtyRaw === 'number' && Number.isInteger(qtyRaw) ? qtyRaw
    : parseInteger(typeof qtyRaw === 'string' ? qtyRaw : inputOrText(qtyCell));

  const channel = stringField(d.service, 'FulfillmentChannel', 'fulfillmentChannel') ?? stringField(d.row, 'fulfillmentChannel');
  const fulfillmentChannel = channelFromCode(channel) ?? (qtyCell ? fulfillmentFromLeaves(qtyCell) : undefined) ?? fulfillmentFromLeaves(el) ?? 'UNKNOWN';
  const status = stringField(d.row, 'status') ?? (textOf(cell(`${SELECTORS.legacyStatusCell.css} .mt-text-content`) ?? cell(SELECTORS.legacyStatusCell.css)) || undefined);

  const mount = titleCell ?? cell(SELECTORS.legacySkuCell.css) ?? el.querySelector('td') ?? el;
  return clean({ sku, asin, title, price, quantity, fulfillmentChannel, status, element: el, mount, shape: 'legacy' });
}

/** The value of the first <input> in a cell, else the cell's first number-bearing text. */
function inputOrText(cell: Element | null): string | undefined {
  if (!cell) return undefined;
  const input = cell.querySelector('input:not([type="checkbox"]), kat-input');
  const v = input ? valueOf(input) : undefined;
  if (v) return v;
  const t = textOf(cell.querySelector('.mt-text-content') ?? cell);
  return t || undefined;
}

/** MFN/AFN from a fulfilment code: "MFN", "DEFAULT" (merchant), "AFN", "AMAZON_NA", "AMAZON_EU". */
function channelFromCode(code: string | undefined): 'MFN' | 'AFN' | undefined {
  if (!code) return undefined;
  const c = code.toUpperCase();
  if (c === 'MFN' || c === 'DEFAULT' || c === 'MERCHANT' || c === 'FBM') return 'MFN';
  if (c === 'AFN' || c === 'FBA' || c.startsWith('AMAZON')) return 'AFN';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Janus
// ---------------------------------------------------------------------------------------------

/** Label/value pairs of the product block's split rows (ASIN, SKU, FNSKU), keyed by label. */
function splitPanels(el: Element): Map<LabelKey, Element> {
  const out = new Map<LabelKey, Element>();
  for (const row of el.querySelectorAll(SELECTORS.janusSplitRow.css)) {
    const [labelEl, valueEl] = Array.from(row.children);
    if (!labelEl || !valueEl) continue;
    const key = classifyLabel(textOf(labelEl), ['fnsku', 'asin', 'sku'], 'exact');
    if (key && !out.has(key)) out.set(key, valueEl);
  }
  return out;
}

function janusSku(el: Element): string | undefined {
  const attr = el.getAttribute(ATTRIBUTES.sku);
  if (attr !== null && attr.trim() !== '') return attr;
  const panel = splitPanels(el).get('sku');
  const text = textOf(panel);
  if (text) return text;
  const edit = el.querySelector(SELECTORS.listingEditLink.css);
  const href = edit?.getAttribute('href');
  if (href) {
    try {
      const sku = new URL(href, 'https://sellercentral.invalid/').searchParams.get('sku');
      if (sku) return sku;
    } catch {
      // An unparsable href is no SKU.
    }
  }
  return undefined;
}

function extractJanusRow(el: Element, opts: ExtractOptions): InventoryRow | null {
  const sku = janusSku(el);
  if (sku === undefined) return null;
  const panels = splitPanels(el);
  const product = el.querySelector(SELECTORS.janusProductDetails.css);
  const link = (product ?? el).querySelector(SELECTORS.productLink.css);

  const asin = asinFromLink(link) ?? validAsin(textOf(panels.get('asin'))) ?? asinInText(product ?? el);
  const title = (textOf(link) || link?.getAttribute('title')?.trim()) || undefined;

  const fields = janusInputs(el);
  const price = parseDecimal(fields.price, opts.decimal);
  const quantity = parseInteger(fields.quantity ?? labelledValue(el, 'available'));

  const fulfillmentChannel = (fields.quantityLabel ? classifyFulfillment(fields.quantityLabel) : undefined) ?? fulfillmentFromLeaves(el, link) ?? 'UNKNOWN';
  const statusEl = el.querySelector(`${SELECTORS.katLabel.css}[emphasis]`) ?? el.querySelector(SELECTORS.katLabel.css);
  const status = (statusEl?.getAttribute('text')?.trim() || textOf(statusEl)) || undefined;

  const mount = (product ?? link)?.closest(SELECTORS.janusCellOfRow.css)
    ?? product?.parentElement ?? el.querySelector(SELECTORS.janusContentRow.css) ?? el;
  return clean({ sku, asin, title, price, quantity, fulfillmentChannel, status, element: el, mount, shape: 'janus' });
}

/**
 * The current value of a kat-input or input: the live `value` property when the element has one
 * (an upgraded component, an <input> the seller typed in), else the attribute, else the <input>
 * in its open shadow root.
 */
function valueOf(input: Element): string | undefined {
  const prop = (input as Element & { value?: unknown }).value;
  if (typeof prop === 'string') return prop.trim() !== '' ? prop : undefined;
  const attr = input.getAttribute('value');
  if (attr !== null && attr.trim() !== '') return attr;
  const inner = input.shadowRoot?.querySelector('input')?.value;
  return inner && inner.trim() !== '' ? inner : undefined;
}

/** The label text just before an element: a previous sibling with text, at its level or above. */
function labelBefore(node: Element, stop: Element): string {
  const own = node.getAttribute('label') ?? node.getAttribute('aria-label');
  if (own) return own;
  for (let cur: Element | null = node; cur && cur !== stop; cur = cur.parentElement) {
    for (let sib = cur.previousElementSibling; sib; sib = sib.previousElementSibling) {
      const t = textOf(sib);
      if (t) return t;
    }
  }
  return '';
}

interface JanusFields {
  price?: string;
  quantity?: string;
  quantityLabel?: string;
}

const INPUT_KEYS: readonly LabelKey[] = ['minPrice', 'maxPrice', 'price', 'available'];

/** Price and quantity from the row's kat-inputs, each classified by the label before it. */
function janusInputs(row: Element): JanusFields {
  const out: JanusFields = {};
  const unlabelled: string[] = [];
  for (const input of row.querySelectorAll(SELECTORS.katInput.css)) {
    const label = labelBefore(input, row);
    const key = classifyLabel(label, INPUT_KEYS, 'prefix');
    const value = valueOf(input);
    if (key === 'price' && out.price === undefined) out.price = value ?? '';
    else if (key === 'available' && out.quantity === undefined) {
      out.quantity = value;
      out.quantityLabel = label;
    } else if (key === undefined && value !== undefined) unlabelled.push(value);
  }
  // Value pattern fallback: one unlabelled decimal value is the price.
  if (out.price === undefined) {
    const decimals = unlabelled.filter((v) => /\d[.,]\d{1,2}$/.test(v));
    if (decimals.length === 1) out.price = decimals[0];
  }
  if (out.price === '') delete out.price;
  if (!out.quantityLabel) {
    const label = findLabelLeaf(row, 'available');
    if (label) out.quantityLabel = textOf(label);
  }
  return out;
}

/** A leaf element (no element children) whose text is the label `key`. */
function findLabelLeaf(row: Element, key: LabelKey): Element | undefined {
  for (const leaf of row.querySelectorAll('span, label, div, dt, th, b, strong, p')) {
    if (leaf.firstElementChild) continue;
    const t = textOf(leaf);
    if (t && t.length < 60 && matchesLabel(t, key, 'prefix')) return leaf;
  }
  return undefined;
}

/** The value shown after a label leaf (next sibling with text or a value, at its level or above). */
function labelledValue(row: Element, key: LabelKey): string | undefined {
  const leaf = findLabelLeaf(row, key);
  if (!leaf) return undefined;
  for (let cur: Element | null = leaf; cur && cur !== row; cur = cur.parentElement) {
    for (let sib = cur.nextElementSibling; sib; sib = sib.nextElementSibling) {
      const input = sib.matches('kat-input, input') ? sib : sib.querySelector('kat-input, input');
      const v = input ? valueOf(input) : textOf(sib);
      if (v) return v;
    }
  }
  return undefined;
}

/** The fulfilment channel from the first leaf text that announces one (title link excluded). */
function fulfillmentFromLeaves(scope: Element, exclude?: Element | null): 'MFN' | 'AFN' | undefined {
  for (const leaf of scope.querySelectorAll('span, div, label, kat-label, td, a, b')) {
    if (leaf.firstElementChild || (exclude && exclude.contains(leaf))) continue;
    const t = leaf.getAttribute('text') ?? textOf(leaf);
    if (!t || t.length > 80) continue;
    const ch = classifyFulfillment(t);
    if (ch) return ch;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------------

function validAsin(s: string | undefined): string | undefined {
  const t = s?.trim().toUpperCase();
  return t && PATTERNS.asin.test(t) ? t : undefined;
}

function asinFromLink(link: Element | null | undefined): string | undefined {
  const m = PATTERNS.asinInHref.exec(link?.getAttribute('href') ?? '');
  return m?.[1] ? validAsin(m[1]) : undefined;
}

function asinInText(scope: Element): string | undefined {
  return PATTERNS.asinInText.exec(scope.textContent ?? '')?.[0];
}

/** Drop undefined optional fields so results compare cleanly. */
function clean(row: InventoryRow): InventoryRow {
  for (const k of ['asin', 'title', 'price', 'quantity', 'status'] as const) if (row[k] === undefined) delete row[k];
  return row;
}

/**
 * Pagination where visible: Janus `kat-pagination[total-items][items-per-page][page]`, legacy
 * `#mt-header-count-value` ("1,234") and `.mt-totalpagecount`. Null when the page shows none.
 */
export function readPagination(root: ParentNode): PaginationInfo | null {
  const info: PaginationInfo = {};
  const kat = root.querySelector(SELECTORS.katPagination.css);
  if (kat) {
    const total = parseInteger(kat.getAttribute('total-items'));
    const per = parseInteger(kat.getAttribute('items-per-page'));
    const page = parseInteger(kat.getAttribute('page') ?? kat.getAttribute('current-page'));
    if (total !== undefined) info.totalItems = total;
    if (per !== undefined && per > 0) info.itemsPerPage = per;
    if (page !== undefined) info.page = page;
    if (total !== undefined && per) info.totalPages = Math.max(1, Math.ceil(total / per));
  }
  const count = root.querySelector(SELECTORS.legacyTotalCount.css);
  if (count && info.totalItems === undefined) {
    const n = parseInteger(textOf(count));
    if (n !== undefined) info.totalItems = n;
  }
  const pages = root.querySelector(SELECTORS.legacyTotalPages.css);
  if (pages && info.totalPages === undefined) {
    const n = parseInteger(textOf(pages));
    if (n !== undefined) info.totalPages = n;
  }
  return Object.keys(info).length ? info : null;
}
