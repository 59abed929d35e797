/**
 * Product identifiers: seller SKUs, GTINs (EAN/UPC/ISBN) and ASINs.
 * Why a module of its own: exact identifiers decide automatic links, so their rules must be
 * strict (check digits) and shared by the index, the auto-linker and the search box.
 */

/** Configurable SKU normalization; every rule is optional and applied in the order listed. */
export interface SkuRules {
  /** Keep letter case (default false: SKUs compare case-insensitively). */
  caseSensitive?: boolean;
  /** Prefixes to strip, e.g. a marketplace prefix `['AMZ-', 'FBA_']` (matched case-insensitively). */
  stripPrefixes?: string[];
  /** Suffixes to strip, e.g. `['-FBA', '.DE']` (matched case-insensitively). */
  stripSuffixes?: string[];
  /** Characters removed everywhere, e.g. `' -_.'` so `AB-12 3` equals `AB123`. */
  removeChars?: string;
  /** Strip leading zeros (some ERPs pad numeric SKUs). */
  stripLeadingZeros?: boolean;
}

/**
 * Normalize a SKU for comparison: Unicode NFKC, trim, collapse spaces, case, then the rules.
 * Why: the same product is often `abc-1 `, `ABC-1` or `AMZ-ABC-1` on different systems.
 */
export function normalizeSku(sku: string, rules: SkuRules = {}): string {
  let s = sku.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!rules.caseSensitive) s = s.toUpperCase();
  const eq = (a: string, b: string): boolean => (rules.caseSensitive ? a === b : a.toUpperCase() === b.toUpperCase());
  for (const p of rules.stripPrefixes ?? []) {
    if (p && s.length > p.length && eq(s.slice(0, p.length), p)) { s = s.slice(p.length); break; }
  }
  for (const x of rules.stripSuffixes ?? []) {
    if (x && s.length > x.length && eq(s.slice(s.length - x.length), x)) { s = s.slice(0, s.length - x.length); break; }
  }
  if (rules.removeChars) {
    const remove = new Set(rules.removeChars);
    s = [...s].filter((c) => !remove.has(c)).join('');
  }
  if (rules.stripLeadingZeros) s = s.replace(/^0+(?=.)/, '');
  return s.trim();
}

/** GS1 check digit for the digits before the check digit (weights 3,1,3,... from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += (body.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** True when `isbn` is a valid ISBN-10 (9 digits and a check character 0-9 or X). */
export function isIsbn10(isbn: string): boolean {
  const s = isbn.replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{9}[\dX]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : s.charCodeAt(i) - 48) * (10 - i);
  return sum % 11 === 0;
}

/**
 * Convert a valid ISBN-10 to its ISBN-13 (978 prefix, new check digit); undefined when invalid.
 */
export function isbn10to13(isbn10: string): string | undefined {
  const s = isbn10.replace(/[\s-]/g, '').toUpperCase();
  if (!isIsbn10(s)) return undefined;
  const body = '978' + s.slice(0, 9);
  return body + String(gtinCheckDigit(body));
}

/**
 * Canonical GTIN-14 for a GTIN-8/12/13/14 (or an ISBN-10) with a valid check digit, else undefined.
 * Why 14 digits: UPC-A `036000291452`, EAN-13 `0036000291452` and GTIN-14 `00036000291452` are
 * one product; left-padding with zeros makes them compare equal.
 */
export function canonicalGtin(raw: string): string | undefined {
  const s = raw.replace(/[\s-]/g, '');
  if (/^\d{9}[\dXx]$/.test(s)) {
    const isbn13 = isbn10to13(s);
    if (isbn13) return '0' + isbn13;
    // A 10-digit string that is no ISBN is no GTIN either.
    return undefined;
  }
  if (!/^\d+$/.test(s) || ![8, 12, 13, 14].includes(s.length)) return undefined;
  const check = s.charCodeAt(s.length - 1) - 48;
  if (gtinCheckDigit(s.slice(0, -1)) !== check) return undefined;
  const padded = s.padStart(14, '0');
  // An all-zero body is a placeholder some exports use, never a product.
  if (/^0+$/.test(padded)) return undefined;
  return padded;
}

/**
 * True when `s` looks like an ASIN: `B0` + 8 letters/digits, or a valid ISBN-10 (book ASINs).
 * Case-insensitive because exports and URLs often lower-case it.
 */
export function isAsin(s: string): boolean {
  const t = s.trim().toUpperCase();
  return /^B0[0-9A-Z]{8}$/.test(t) || isIsbn10(t);
}

/** Canonical (upper-case) ASIN, or undefined when `s` is not one. */
export function canonicalAsin(s: string): string | undefined {
  return isAsin(s) ? s.trim().toUpperCase() : undefined;
}
