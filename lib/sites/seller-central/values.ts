/**
 * Small, total parsers for values read from Seller Central pages: numbers in the marketplace's
 * format, JSON attributes, the legacy table's base64 row ids. None of them throws.
 */

/**
 * Parse a price as shown or stored: "$1,234.56", "1.234,56 €", "55,00", "¥1,980", "55.00".
 * `decimal` is the marketplace's separator; a lone other separator followed by exactly three digits
 * is read as a thousands separator ("1.234" on a comma marketplace is 1234), otherwise as decimal
 * (kat-input values may use "." whatever the marketplace). Returns undefined when there is no number.
 */
export function parseDecimal(text: string | null | undefined, decimal: '.' | ','): number | undefined {
  if (text == null) return undefined;
  let s = text.normalize('NFKC').replace(/[^\d.,-]/g, '');
  if (!/\d/.test(s)) return undefined;
  const other = decimal === ',' ? '.' : ',';
  const hasDec = s.includes(decimal);
  const hasOther = s.includes(other);
  let sep: string | undefined;
  if (hasDec && hasOther) sep = s.lastIndexOf(decimal) > s.lastIndexOf(other) ? decimal : other;
  else if (hasDec) sep = count(s, decimal) > 1 ? undefined : decimal;
  else if (hasOther) sep = count(s, other) > 1 || /[.,]\d{3}$/.test(s) ? undefined : other;
  const group = sep === undefined ? /[.,]/g : sep === ',' ? /\./g : /,/g;
  s = s.replace(group, '');
  if (sep) s = s.replace(sep, '.');
  if (!/^-?\d*\.?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/**
 * Parse the first integer in a text: "25", "1,234", "1.234", "Stückzahl: 2", "12.0" (12).
 * Separators count as thousands separators only when three digits follow.
 */
export function parseInteger(text: string | null | undefined): number | undefined {
  if (text == null) return undefined;
  const m = /-?\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?!\d)|-?\d+/.exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const n = Number(m[0].replace(/[^\d-]/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Parse a JSON attribute into a plain object; undefined for missing, broken or non-object JSON. */
export function safeJsonObject(text: string | null | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A non-empty string field of a parsed object (numbers are turned into strings), else undefined. */
export function stringField(obj: Record<string, unknown> | undefined, ...keys: string[]): string | undefined {
  if (!obj) return undefined;
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/**
 * The SKU hidden in a legacy row id: base64 of the UTF-8 SKU with each `=` written `_e`.
 * Returns undefined for ids that are not such an encoding (wrong alphabet, invalid UTF-8, control
 * characters), so an opaque id never turns into a made-up SKU.
 */
export function decodeLegacyRowId(id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  const b64 = id.replace(/_e/g, '=');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (!s.trim() || /[\u0000-\u001f\u007f-\u009f\ufffd]/.test(s)) return undefined;
  return s;
}

/** The legacy row id of a SKU (inverse of `decodeLegacyRowId`). */
export function encodeLegacyRowId(sku: string): string {
  const bytes = new TextEncoder().encode(sku);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/=/g, '_e');
}

/**
 * A CSS string literal for an attribute selector value: `[data-sku=${cssString(sku)}]`.
 * Why not CSS.escape: it is missing in Node DOM libraries, and quoting is all a value needs.
 */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ').replace(/\r/g, '\\d ')}"`;
}

/** An element's text with whitespace collapsed and trimmed ('' for null). */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
