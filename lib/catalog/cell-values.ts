/**
 * Reading typed values out of CSV cells as sellers write them: prices with currency signs and
 * decimal commas ("€ 12,50", "1.234,56"), stock counts, yes/no flags in several languages.
 */
import { currencyIn } from './column-mapping';

/** Result of reading a number from a cell. */
export type NumberCell = { ok: true; value: number; currency?: string } | { ok: false; problem: 'not-a-number' | 'negative' | 'not-integer' };

/**
 * Parse a price. `decimal` is the file's decimal separator, or `auto`: then the last of `.`/`,`
 * is the decimal separator when both appear, and a lone separator followed by exactly three
 * digits ("1.234", "12,500") is read as a thousands separator unless the integer part is 0.
 * Currency signs/codes around the number are allowed and reported ("€ 12,50" -> 12.5 EUR).
 */
export function parsePrice(text: string, decimal: '.' | ',' | 'auto' = 'auto'): NumberCell {
  // Fast path for the common plain forms ("12", "12.5", "12,50"): no currency, no thousands.
  const plain = /^(\d{1,15})(?:([.,])(\d{1,2}))?$/.exec(text);
  if (plain && (!plain[2] || decimal === 'auto' || decimal === plain[2])) {
    return { ok: true, value: plain[3] ? Number(`${plain[1]}.${plain[3]}`) : Number(plain[1]) };
  }
  const currency = currencyIn(text);
  // Drop currency marks and every kind of space (incl. NBSP / narrow NBSP used as thousands separators).
  let s = text.replace(/[€£¥$]|\b(?:EUR|USD|GBP|HUF|PLN|SEK|BRL|MXN|CAD|JPY|Ft|zł|R)\b|\s|\u00a0|\u202f/gi, '');
  s = s.replace(/'/g, ''); // Swiss thousands: 1'234.50
  let negative = false;
  if (/^-/.test(s) || /^\(.*\)$/.test(s)) {
    negative = true;
    s = s.replace(/^-|^\(|\)$/g, '');
  }
  if (!/^\d[\d.,]*$/.test(s) && !/^[.,]\d+$/.test(s)) return { ok: false, problem: 'not-a-number' };
  const lastComma = s.lastIndexOf(',');
  const lastPoint = s.lastIndexOf('.');
  let sep: '.' | ',' | undefined;
  if (decimal !== 'auto') {
    sep = decimal;
  } else if (lastComma >= 0 && lastPoint >= 0) {
    sep = lastComma > lastPoint ? ',' : '.';
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const only = lastComma >= 0 ? ',' : '.';
    const count = s.split(only).length - 1;
    const after = s.length - s.lastIndexOf(only) - 1;
    const intPart = s.slice(0, s.indexOf(only));
    // "1.234.567" has many: thousands. "1.234" is ambiguous: thousands unless "0.125".
    sep = count > 1 || (after === 3 && intPart !== '0' && intPart !== '') ? undefined : only;
  }
  const thousands = sep === ',' ? '.' : sep === '.' ? ',' : undefined;
  let normalized: string;
  if (thousands) {
    // Thousands separators must group by three: "1.234,56" yes, "12.34,5" no.
    const intPart = sep && s.includes(sep) ? s.slice(0, s.lastIndexOf(sep)) : s;
    if (intPart.includes(thousands) && !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(intPart)) return { ok: false, problem: 'not-a-number' };
    normalized = s.split(thousands).join('');
  } else {
    // No decimal separator: every . or , must be a thousands separator grouping by three.
    if (!/^\d{1,3}([.,]\d{3})*$/.test(s) && /[.,]/.test(s)) return { ok: false, problem: 'not-a-number' };
    normalized = s.replace(/[.,]/g, '');
  }
  if (sep) {
    if (normalized.split(sep).length > 2) return { ok: false, problem: 'not-a-number' };
    normalized = normalized.replace(sep, '.');
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return { ok: false, problem: 'not-a-number' };
  if (negative && value !== 0) return { ok: false, problem: 'negative' };
  const rounded = Math.round(value * 10000) / 10000;
  return currency ? { ok: true, value: rounded, currency } : { ok: true, value: rounded };
}

/**
 * Parse a stock count: a whole number, optionally with thousands separators or a ".0"/",00"
 * an export added. Negative counts and fractions are problems, never silently clamped.
 */
export function parseStock(text: string): NumberCell {
  let s = text.replace(/\s|\u00a0|\u202f/g, '');
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  s = s.replace(/[.,]0+$/, '');
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) s = s.replace(/[.,]/g, '');
  if (/^\d*[.,]\d+$/.test(s)) return { ok: false, problem: 'not-integer' };
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'not-a-number' };
  const value = Number(s);
  if (!Number.isSafeInteger(value)) return { ok: false, problem: 'not-a-number' };
  if (negative && value !== 0) return { ok: false, problem: 'negative' };
  return { ok: true, value };
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'x', 'active', 'enabled', 'on', 'si', 'sí', 's', 'activo', 'activa', 'attivo', 'ativo', 'sim', 'oui', 'actif', 'ja', 'aktiv', 'igen', 'aktív', 'publicado', 'published', 'live']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'inactive', 'disabled', 'off', 'inactivo', 'inactiva', 'non', 'inattivo', 'nao', 'não', 'inativo', 'inactif', 'nein', 'inaktiv', 'nem', 'inaktív', 'draft', 'borrador', 'archived']);

/** Read a yes/no cell in several languages; undefined when the text is neither. */
export function parseActive(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}
