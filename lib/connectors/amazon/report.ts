/**
 * Reading Amazon report documents: gunzip, pick the text encoding, parse the tab-separated
 * GET_MERCHANT_LISTINGS_ALL_DATA file into listings.
 * Why the encoding dance: Amazon writes JP reports in Shift_JIS (windows-31j) and EU reports
 * often in windows-1252, without always saying so in the download's content-type.
 */
import { gunzipSync } from 'fflate';
import Papa from 'papaparse';
import { marketplaceById } from '../../domain/marketplaces';
import type { FulfillmentChannel } from '../../domain/listing';
import type { MarketplaceListing } from '../types';
import { ConnectorError } from '../types';

const WESTERN_EU = new Set(['DE', 'FR', 'IT', 'ES', 'GB', 'NL']);

/** The encoding Amazon usually uses for flat-file reports of a marketplace. */
export function defaultReportEncoding(marketplaceId: string): string {
  const country = marketplaceById(marketplaceId)?.country;
  if (country === 'JP') return 'windows-31j';
  if (country && WESTERN_EU.has(country)) return 'windows-1252';
  return 'utf-8';
}

/** windows-1252 characters of bytes 0x80-0x9F (the rest of the code page equals ISO-8859-1). */
export const CP1252_HIGH: readonly string[] = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

/**
 * Decode windows-1252 by table. Why not TextDecoder: Node 20 treats the 'windows-1252' label as
 * ISO-8859-1 and turns € or curly quotes into C1 control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join('');
  }
  return out;
}

function decodeAs(bytes: Uint8Array, label: string): string {
  const encoding = new TextDecoder(label).encoding;
  return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(label).decode(bytes);
}

/** The charset parameter of a content-type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** Undo GZIP when the document says so (or the bytes start with the gzip magic number). */
export function maybeGunzip(bytes: Uint8Array, compressionAlgorithm?: string): Uint8Array {
  const looksGzip = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (compressionAlgorithm === 'GZIP' || looksGzip) {
    try {
      return gunzipSync(bytes);
    } catch (error) {
      throw new ConnectorError('unexpected_shape', `report document: GZIP data could not be decompressed (${(error as Error).message})`, {});
    }
  }
  return bytes;
}

/**
 * Decode report bytes: a charset in the content-type wins, then a UTF-8 BOM, then strict UTF-8
 * when the text is valid UTF-8 with non-ASCII bytes (Amazon sends UTF-8 for some EU files), then
 * the marketplace's usual encoding.
 */
export function decodeReport(bytes: Uint8Array, opts: { contentType?: string | null; marketplaceId: string }): string {
  const declared = charsetOf(opts.contentType);
  if (declared) {
    try {
      return stripBom(decodeAs(bytes, declared));
    } catch {
      // unknown label: fall through to detection
    }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  const fallback = defaultReportEncoding(opts.marketplaceId);
  if (fallback !== 'utf-8' && bytes.some((b) => b >= 0x80)) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return decodeAs(bytes, fallback);
    }
  }
  return decodeAs(bytes, fallback);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Japanese column headers of the JP marketplace's listings report, mapped to the English ones. */
const JP_HEADERS: ReadonlyMap<string, string> = new Map(Object.entries({
  商品名: 'item-name',
  出品ID: 'listing-id',
  出品者SKU: 'seller-sku',
  価格: 'price',
  数量: 'quantity',
  商品IDタイプ: 'product-id-type',
  商品ID: 'product-id',
  'ASIN 1': 'asin1',
  フルフィルメント・チャンネル: 'fulfillment-channel',
  ステータス: 'status',
}));

/** Text of an item-description: HTML tags and entities Amazon allows there become spaces, runs of space one. */
function plainText(html: string): string {
  return html.replace(/<[^>]*>|&[a-z]+;|&#\d+;/gi, ' ').replace(/\s+/g, ' ').trim();
}

const PRODUCT_ID_TYPES: ReadonlyMap<string, string> = new Map([['1', 'ASIN'], ['2', 'ISBN'], ['3', 'UPC'], ['4', 'EAN']]);

/**
 * Parse a price written with `.` or `,` decimals (and maybe thousands separators). With both
 * separators the last one is the decimal point; with one kind only, `decimal` (the marketplace's
 * style) decides whether `,` or a `.` followed by groups of three digits separates thousands.
 */
export function parseReportPrice(raw: string | undefined, decimal: '.' | ',' = '.'): number | undefined {
  const s = (raw ?? '').trim().replace(/\s/g, '');
  if (!s) return undefined;
  const hasDot = s.includes('.');
  const hasComma = s.includes(',');
  let normal: string;
  if (hasDot && hasComma) normal = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  else if (hasComma) normal = decimal === ',' && !/^\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(',', '.') : s.replace(/,/g, '');
  else if (hasDot && decimal === ',' && /^\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, '');
  else normal = s;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

function channelOf(raw: string | undefined): FulfillmentChannel {
  const v = (raw ?? '').trim().toUpperCase();
  if (v === 'DEFAULT' || v === 'MERCHANT' || v === 'MFN') return 'MFN';
  if (v.startsWith('AMAZON') || v === 'AFN') return 'AFN';
  return v ? 'UNKNOWN' : 'MFN';
}

/**
 * Parse the text of a GET_MERCHANT_LISTINGS_ALL_DATA report (tab-separated, header row).
 * Rows without a seller-sku are skipped.
 */
export function parseMerchantListingsReport(text: string, marketplaceId: string): MarketplaceListing[] {
  const marketplace = marketplaceById(marketplaceId);
  const currency = marketplace?.currency;
  // Amazon's TSV does not quote fields; a title may contain `"`, so quoting is switched off.
  const parsed = Papa.parse<Record<string, string>>(text, {
    delimiter: '\t',
    header: true,
    skipEmptyLines: true,
    quoteChar: '\u0000',
    transformHeader: (h) => {
      const t = h.trim();
      return JP_HEADERS.get(t) ?? t.toLowerCase();
    },
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('seller-sku')) {
    throw new ConnectorError('unexpected_shape', `GET_MERCHANT_LISTINGS_ALL_DATA: no seller-sku column (columns: ${fields.slice(0, 8).join(', ')})`, {
      operation: 'getReportDocument',
    });
  }
  const out: MarketplaceListing[] = [];
  for (const row of parsed.data) {
    const sku = row['seller-sku']?.trim();
    if (!sku) continue;
    const quantity = Number.parseInt(row['quantity'] ?? '', 10);
    const productId = row['product-id']?.trim();
    const idType = row['product-id-type']?.trim();
    const listing: MarketplaceListing = {
      marketplaceId,
      sku,
      fulfillmentChannel: channelOf(row['fulfillment-channel']),
    };
    const asin = row['asin1']?.trim();
    if (asin) listing.asin = asin;
    const title = row['item-name']?.trim();
    if (title) listing.title = title;
    const description = plainText(row['item-description'] ?? '').slice(0, 4000);
    if (description) listing.description = description;
    const price = parseReportPrice(row['price'], marketplace?.decimal);
    if (price !== undefined) {
      listing.price = price;
      if (currency) listing.currency = currency;
    }
    if (Number.isFinite(quantity)) listing.quantity = quantity;
    const status = row['status']?.trim();
    if (status) listing.status = status;
    if (productId) listing.productId = productId;
    if (idType) listing.productIdType = PRODUCT_ID_TYPES.get(idType) ?? idType;
    out.push(listing);
  }
  return out;
}
