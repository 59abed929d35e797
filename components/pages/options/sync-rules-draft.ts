/**
 * The "Sync rules" form's model, kept apart from React so it is tested in Node: what the seller
 * typed (strings, kept as typed), how it becomes a settings change validated by the engine's own
 * zod schema (errors per field, as message keys), and the preview computed with the engine's
 * rule functions.
 */
import type { z } from 'zod';
import type { Product } from '@/lib/domain/catalog';
import { marketplaceById } from '@/lib/domain/marketplaces';
import type { MessageKey } from '@/lib/i18n';
import { computePrice, computeQuantity } from '@/lib/sync/rules';
import { SyncSettings, type Rounding, type SyncSettingsInput } from '@/lib/sync/schemas';

/** What the form holds: numbers as the seller typed them, so nothing typed is ever lost. */
export interface RulesDraft {
  stockSource: 'catalog' | 'fixed';
  /** 'all' sums every warehouse a product has; 'some' only `warehouses`. */
  warehouseMode: 'all' | 'some';
  warehouses: string[];
  buffer: string;
  max: string;
  stockFixed: string;
  priceSource: 'catalog' | 'fixed' | 'formula';
  priceFixed: string;
  percent: string;
  add: string;
  rounding: Rounding;
  /** Rate per marketplace id of the account. */
  rates: Record<string, string>;
  min: string;
  usePromotion: boolean;
  /** YYYY-MM-DD or ''. */
  saleStart: string;
  saleEnd: string;
  importFba: boolean;
  /** '' = the default (the first stock warehouse, else the product's first). */
  orderWarehouse: string;
  channelName: string;
  offersEvery: string;
  ordersEvery: string;
  nightlyHour: string;
}

/** A field's problem: a message key and its placeholders. */
export interface FieldError {
  key: MessageKey;
  params?: (string | number)[];
}

/** Errors by field path (e.g. `stock.buffer`, `price.currencyRates.<marketplaceId>`). */
export type FieldErrors = Record<string, FieldError>;

export type DraftResult = { ok: true; change: SyncSettingsInput; settings: SyncSettings } | { ok: false; errors: FieldErrors };

const num = (n: number | undefined): string => (n === undefined ? '' : String(n));
/** ISO date-time → YYYY-MM-DD for a date input ('' when missing or unreadable). */
function day(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}

/** The form's starting values from stored settings, with a rate field for each of the account's marketplaces. */
export function draftFromSettings(s: SyncSettings, marketplaceIds: readonly string[]): RulesDraft {
  const rates: Record<string, string> = {};
  for (const id of marketplaceIds) rates[id] = num(s.price.currencyRates[id] ?? 1);
  return {
    stockSource: s.stock.source,
    warehouseMode: s.stock.warehouses.length ? 'some' : 'all',
    warehouses: [...s.stock.warehouses],
    buffer: num(s.stock.buffer),
    max: num(s.stock.max),
    stockFixed: num(s.stock.fixed),
    priceSource: s.price.source,
    priceFixed: num(s.price.fixed),
    percent: num(s.price.percent),
    add: num(s.price.add),
    rounding: s.price.rounding,
    rates,
    min: num(s.price.min),
    usePromotion: s.price.usePromotion,
    saleStart: day(s.price.saleStart),
    saleEnd: day(s.price.saleEnd),
    importFba: s.orders.importFba,
    orderWarehouse: s.orders.warehouse ?? '',
    channelName: s.orders.channelName,
    offersEvery: num(s.schedule.offersEveryMinutes),
    ordersEvery: num(s.schedule.ordersEveryMinutes),
    nightlyHour: num(s.schedule.nightlyHour),
  };
}

/** A typed number ('12', '9,99', ' 3 '): NaN when it is not one, undefined when empty. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (s === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}

/** A required number: empty counts as not a number (the schema then reports it). */
const required = (text: string): number => parseNumber(text) ?? NaN;

/** The message for one zod issue on a number or text field. */
export function issueMessage(issue: z.core.$ZodIssue): FieldError {
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.expected === 'int' ? 'rules_err_whole' : 'rules_err_number' };
    case 'too_small':
      return issue.inclusive === false ? { key: 'rules_err_above', params: [Number(issue.minimum)] } : { key: 'rules_err_min', params: [Number(issue.minimum)] };
    case 'too_big':
      return { key: 'rules_err_max', params: [Number(issue.maximum)] };
    default:
      return { key: 'rules_err_invalid' };
  }
}

/**
 * The settings change the draft stands for, checked with SyncSettings over the stored settings
 * (so it is exactly what the engine will read), plus what the schema cannot know: a fixed rule
 * needs its value, "only these warehouses" needs one, a sale ends after it starts.
 */
export function draftToChange(draft: RulesDraft, stored: SyncSettings): DraftResult {
  const errors: FieldErrors = {};
  const optional = (text: string, path: string): number | undefined => {
    const n = parseNumber(text);
    if (n !== undefined && Number.isNaN(n)) errors[path] = { key: 'rules_err_number' };
    return n;
  };
  const currencyRates: Record<string, number> = {};
  for (const [id, text] of Object.entries(draft.rates)) currencyRates[id] = required(text);

  const change = {
    stock: {
      source: draft.stockSource,
      warehouses: draft.warehouseMode === 'some' ? [...draft.warehouses] : [],
      buffer: draft.stockSource === 'catalog' ? required(draft.buffer) : (parseNumber(draft.buffer) ?? 0),
      max: optional(draft.max, 'stock.max'),
      fixed: draft.stockSource === 'fixed' ? required(draft.stockFixed) : optional(draft.stockFixed, 'stock.fixed'),
    },
    price: {
      source: draft.priceSource,
      fixed: draft.priceSource === 'fixed' ? required(draft.priceFixed) : optional(draft.priceFixed, 'price.fixed'),
      percent: draft.priceSource === 'formula' ? required(draft.percent) : (parseNumber(draft.percent) ?? 0),
      add: draft.priceSource === 'formula' ? required(draft.add) : (parseNumber(draft.add) ?? 0),
      rounding: draft.rounding,
      // Rates of marketplaces the account no longer sells on are kept as stored.
      currencyRates: { ...stored.price.currencyRates, ...currencyRates },
      min: optional(draft.min, 'price.min'),
      usePromotion: draft.usePromotion,
      saleStart: draft.saleStart ? `${draft.saleStart}T00:00:00.000Z` : undefined,
      saleEnd: draft.saleEnd ? `${draft.saleEnd}T23:59:59.000Z` : undefined,
    },
    orders: {
      importFba: draft.importFba,
      warehouse: draft.orderWarehouse || undefined,
      channelName: draft.channelName.trim(),
    },
    schedule: {
      offersEveryMinutes: required(draft.offersEvery),
      ordersEveryMinutes: required(draft.ordersEvery),
      nightlyHour: required(draft.nightlyHour),
    },
  } satisfies SyncSettingsInput;

  // Values the schema allows but a rule cannot work with.
  if (draft.stockSource === 'catalog' && draft.warehouseMode === 'some' && draft.warehouses.length === 0) errors['stock.warehouses'] = { key: 'rules_err_warehouses' };
  if (!change.orders.channelName) errors['orders.channelName'] = { key: 'rules_err_required' };
  if (change.orders.channelName.length > 100) errors['orders.channelName'] = { key: 'rules_err_too_long', params: [100] };
  if (draft.saleStart && draft.saleEnd && draft.saleEnd < draft.saleStart) errors['price.saleEnd'] = { key: 'rules_err_sale_end' };

  const parsed = SyncSettings.safeParse({
    ...stored,
    stock: { ...stored.stock, ...change.stock },
    price: { ...stored.price, ...change.price },
    orders: { ...stored.orders, ...change.orders },
    schedule: { ...stored.schedule, ...change.schedule },
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= issueMessage(issue);
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, change, settings: parsed.data };
}

/** The example product of the preview: price 10.00, 12 in stock in one warehouse. */
export function previewProduct(warehouse: string): Pick<Product, 'price' | 'stock' | 'active' | 'extra'> {
  return { price: 10, stock: { [warehouse]: 12 }, active: true, extra: {} };
}

/**
 * The warehouse the example product's stock is in: the first one the rule counts (in catalog
 * order) when it names some, else the catalog's first ('main' for an empty catalog).
 */
export function exampleWarehouseFor(draft: Pick<RulesDraft, 'warehouseMode' | 'warehouses'>, catalogWarehouses: readonly string[]): string {
  if (draft.warehouseMode === 'some' && draft.warehouses.length) {
    return catalogWarehouses.find((w) => draft.warehouses.includes(w)) ?? draft.warehouses[0]!;
  }
  return catalogWarehouses[0] ?? 'main';
}

/** What Amazon would get for the example product on one marketplace. */
export interface PreviewLine {
  marketplaceId: string;
  country: string;
  price?: { amount: number; currency: string };
  quantity?: number;
}

/**
 * The preview: the example product (price 10.00, stock 12 in `warehouse`) as a merchant-fulfilled
 * listing on each marketplace, through the engine's computePrice and computeQuantity.
 */
export function previewLines(settings: SyncSettings, marketplaceIds: readonly string[], warehouse: string, now: number): PreviewLine[] {
  const product = previewProduct(warehouse);
  return marketplaceIds.map((marketplaceId) => {
    const mp = marketplaceById(marketplaceId);
    const listing = { marketplaceId, currency: mp?.currency, fulfillmentChannel: 'MFN' as const };
    return {
      marketplaceId,
      country: mp?.country ?? marketplaceId,
      price: computePrice(product, listing, settings.price, now),
      quantity: computeQuantity(product, listing, settings.stock),
    };
  });
}

/** Warehouse names over the catalog's products in the order first seen, plus any the rules name that the catalog lacks now. */
export function warehouseNames(stocks: Iterable<Record<string, number>>, alsoKeep: readonly (string | undefined)[] = []): string[] {
  const names = new Set<string>();
  for (const stock of stocks) for (const k of Object.keys(stock)) names.add(k);
  for (const k of alsoKeep) if (k) names.add(k);
  return [...names];
}
