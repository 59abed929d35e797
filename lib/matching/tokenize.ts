/**
 * Text analysis for matching: normalization (accents, case, punctuation) and the pieces of a
 * product title that carry identity: words, model/part codes, years, version numbers, measures.
 * Why language-neutral rules: the same code runs on every marketplace (en, de, fr, es, it, ja, ...),
 * so it relies on Unicode classes and shapes (letters next to digits), not on word lists.
 */

/**
 * A word table as a Map. Why not an object literal: a lookup by a word from a title must not find
 * Object.prototype members (`constructor`, `toString`), which once crashed the analysis.
 */
export function table(entries: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(entries));
}

/** Letters that NFKD does not decompose but that sellers type both ways. */
const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ĳ: 'ij',
};

/**
 * Normalize text for comparison: NFKD, accents removed, lower case, a few letters folded
 * (ß→ss, æ→ae, ø→o ...). `Café` and `CAFE` normalize to the same string.
 */
export function normalizeText(s: string): string {
  const lower = s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return lower.replace(/[ßæœøłđðþıĳ]/g, (c) => FOLD[c] ?? c);
}

/** Scripts written without spaces between words: they are cut into character bigrams. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAS_LETTER = /\p{L}/u;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
const TRADEMARK = /[®™©]|\((?:r|tm|c)\)/gi;
const VERSION = /^(v|ver|version|r|rel|cs|x|mk)(\d+(?:\.\d+)?)$/;
const YEAR = /^(19[89]\d|20[0-3]\d)$/;
/** Tokens that look like codes but are ordinals or sizes, not model numbers. */
const ORDINAL = /^(\d+)(st|nd|rd|th|er|e|eme|o|a|te|ten)$/;
/** Roman numerals of sequels and versions (`iii`, `xi`); single letters are too ambiguous. */
const ROMAN = table({
  ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9', xi: '11', xii: '12', xiii: '13', xiv: '14', xv: '15',
});

/** Units of measure and quantity, mapped to one canonical name per dimension and scale. */
const UNITS = table({
  tb: 'tb', gb: 'gb', mb: 'mb', kb: 'kb', go: 'gb',
  kg: 'kg', g: 'g', gr: 'g', mg: 'mg', lb: 'lb', lbs: 'lb', oz: 'oz',
  l: 'l', ltr: 'l', ml: 'ml', cl: 'cl', dl: 'dl', floz: 'floz',
  mm: 'mm', cm: 'cm', m: 'm', inch: 'in', inches: 'in', ft: 'ft',
  w: 'w', kw: 'kw', v: 'v', mah: 'mah', wh: 'wh', hz: 'hz', khz: 'khz', mhz: 'mhz', ghz: 'ghz',
  mp: 'mp', x: 'x',
  pk: 'qty', pack: 'qty', packs: 'qty', pc: 'qty', pcs: 'qty', pieces: 'qty', piece: 'qty', ct: 'qty', count: 'qty',
  stuck: 'qty', stk: 'qty', pezzi: 'qty', pieza: 'qty', piezas: 'qty', unidades: 'qty', uds: 'qty', unid: 'qty', er: 'qty',
  darab: 'qty', pecas: 'qty',
  user: 'users', users: 'users', u: 'users', seats: 'users', licenses: 'users',
});
const MEASURE = /(\d+(?:[.,]\d+)?)\s?-?\s?([a-z]{1,8})(?![\p{L}\p{N}])/gu;
/**
 * Pack sizes written before the number, in the marketplaces' languages: `pack of 6`, `set of 3`,
 * `lot de 3`, `paquete de 4`, `confezione da 6`, `kit com 2`, `caja de 12`.
 */
const PACK_OF = /\b(?:pack|set|lot|box|case|bundle|paquete|caja|lote|juego|confezione|scatola|kit|pacote|caixa|conjunto|packung)\s(?:of|de|da|di|com|mit|x)\s(\d{1,4})(?![\p{L}\p{N}])/gu;

const NONE: string[] = [];
Object.freeze(NONE);
/** A set as an array; empty sets share one frozen array (saves memory over 100,000 products). */
function list(s: Set<string>): string[] {
  return s.size ? [...s] : NONE;
}

/** What the matcher reads from one title (or any short product text). */
export interface Analyzed {
  /** Word tokens in order (lower case, accents removed); numbers keep their decimals. */
  words: string[];
  /** Model/part-number forms: letter+digit tokens with separators removed, plus joins of adjacent tokens. */
  codes: string[];
  /** Strong codes: letter+digit tokens of length ≥ 4 that are not measures or ordinals; used for conflicts. */
  strongCodes: string[];
  /** Years 1980-2039. */
  years: string[];
  /** Other numbers (versions, sizes), trailing `.0` removed. */
  numbers: string[];
  /** Measures as `unit:value`, e.g. `gb:500`, `qty:3`. */
  measures: string[];
}

/** Drop trailing `.0` groups so `v17.0` and `17` compare equal. */
function canonicalNumber(n: string): string {
  let s = n.replace(/,/g, '.');
  while (/\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  if (/^\d+$/.test(s)) s = s.replace(/^0+(?=\d)/, '');
  return s;
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** True when s has an ASCII digit (NFKD already mapped full-width digits to ASCII). */
function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) return true;
  return false;
}
/** True when s has a letter (fast for ASCII, Unicode-aware otherwise). */
function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c > 127 && HAS_LETTER.test(s[i]!)) return true;
  }
  return false;
}
/** True when s is only ASCII digits. */
function allDigits(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}
/** True when s is digits with optional `.digits` groups (`10.4.6`). */
function isNumber(s: string): boolean {
  if (!s.length || !isDigitCode(s.charCodeAt(0)) || !isDigitCode(s.charCodeAt(s.length - 1))) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c) && !(c === 46 && isDigitCode(s.charCodeAt(i - 1)) && isDigitCode(s.charCodeAt(i + 1)))) return false;
  }
  return true;
}
const isYear = (s: string): boolean => s.length === 4 && YEAR.test(s);

/**
 * Split a chunk on connectors (- / _ + '), and on dots not between two digits, so decimals
 * (`v2.0`, `4.0c`) stay inside one part.
 */
function splitChunk(chunk: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= chunk.length; i++) {
    const c = i < chunk.length ? chunk.charCodeAt(i) : -1;
    const isSep = c === -1 || c === 45 || c === 47 || c === 95 || c === 43 || c === 39
      || (c === 46 && !(isDigitCode(chunk.charCodeAt(i - 1)) && isDigitCode(chunk.charCodeAt(i + 1))));
    if (isSep) {
      if (i > start) {
        const p = chunk.slice(start, i);
        parts.push(p.includes('.') ? canonicalDecimal(p) : p);
      }
      start = i + 1;
    }
  }
  return parts;
}

/** Drop zero decimals inside a token: `v2.0` -> `v2`, `4.0c` -> `4c`, `17.50` -> `17.5`. */
function canonicalDecimal(p: string): string {
  return p.replace(/(\p{N})\.0+(?!\p{N})(?=\p{L}|$)/u, (_m, d: string) => d).replace(/(\.\p{N}*?[1-9])0+$/u, '$1');
}

function bigrams(run: string, out: string[]): void {
  const chars = [...run];
  if (chars.length === 1) out.push(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

/**
 * Analyze a product text into words, codes, years, numbers and measures.
 * `KDL-40V4100`, `kdl 40v4100` and `KDL40V4100` all yield the code `kdl40v4100`.
 */
export function analyze(raw: string): Analyzed {
  // Trademark marks say nothing about the product: ®, ™, (r), (tm), (c).
  const text = raw.replace(TRADEMARK, ' ');
  const ascii = ASCII.test(text);
  const norm = ascii ? text.toLowerCase() : normalizeText(text);
  const words: string[] = [];
  const codes = new Set<string>();
  const strong = new Set<string>();
  const years = new Set<string>();
  const numbers = new Set<string>();
  const measures = new Set<string>();

  // Measures first, on the raw normalized text (they span a space: `500 gb`).
  for (const m of norm.matchAll(MEASURE)) {
    const unit = UNITS.get(m[2]!);
    if (unit) measures.add(`${unit}:${canonicalNumber(m[1]!)}`);
  }
  for (const m of norm.matchAll(PACK_OF)) measures.add(`qty:${canonicalNumber(m[1]!)}`);
  const measureForms = new Set<string>();
  for (const m of measures) {
    const [u, v] = m.split(':');
    measureForms.add(`${v}${u}`);
  }

  // Chunks: alphanumeric runs joined by in-word connectors (- . / _ + ').
  const chunks = norm.match(/[\p{L}\p{N}]+(?:[-./_+'][\p{L}\p{N}]+)*/gu) ?? [];
  const unspaced = !ascii && UNSPACED.test(norm);
  /** One entry per emitted word, for joins of adjacent tokens. */
  const seq: string[] = [];
  /** One entry per chunk with its connectors removed (`18v-55` -> `18v55`), for joins of chunks. */
  const chunkForms: string[] = [];
  for (const chunk of chunks) {
    if (unspaced && UNSPACED.test(chunk)) {
      // Split into runs of unspaced script and the rest; bigram the former.
      for (const run of chunk.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu) ?? []) {
        if (UNSPACED.test(run)) bigrams(run, words);
        else for (const p of run.split(/[^\p{L}\p{N}]+/u)) if (p) { words.push(p); seq.push(p); }
      }
      continue;
    }
    if (isNumber(chunk)) {
      const n = canonicalNumber(chunk);
      words.push(n);
      seq.push(n);
      chunkForms.push(n);
      if (isYear(n)) years.add(n);
      else numbers.add(n);
      if (n.length >= 5 && allDigits(n)) { codes.add(n); strong.add(n); }
      continue;
    }
    const parts = splitChunk(chunk);
    const joined = parts.length === 1 ? parts[0]! : parts.join('');
    chunkForms.push(joined);
    for (const p of parts) {
      const roman = parts.length === 1 ? ROMAN.get(p) : undefined;
      if (roman) {
        words.push(roman);
        seq.push(roman);
        numbers.add(roman);
        continue;
      }
      words.push(p);
      seq.push(p);
      if (isNumber(p)) {
        if (isYear(p)) years.add(p);
        else if (parts.length === 1 || p.length <= 3) numbers.add(canonicalNumber(p));
      } else if (isDigitCode(p.charCodeAt(0))) {
        const ord = ORDINAL.exec(p);
        if (ord) numbers.add(ord[1]!);
      }
    }
    const jd = hasDigit(joined);
    if (jd && hasLetter(joined)) {
      codes.add(joined);
      if (joined.length >= 4 && !ORDINAL.test(joined) && !measureForms.has(joined)) strong.add(joined);
      // A version glued to letters (`v8`, `cs3`, `x5`) also counts as that number, and as a word.
      const v = VERSION.exec(joined);
      if (v) {
        const n = canonicalNumber(v[2]!);
        numbers.add(n);
        words.push(n);
      }
    } else if (jd && parts.length > 1 && joined.length >= 5 && allDigits(joined)) {
      // Hyphenated part numbers written with or without the hyphen: `394-00416`.
      codes.add(joined);
      strong.add(joined);
    }
  }
  // Joins of adjacent tokens and chunks, up to three: `kdl 40v4100` -> `kdl40v4100`, `cs 3` ->
  // `cs3`, `GSR 18V-55` -> `gsr18v55`, `DDF 485 Z` -> `ddf485z`. Only short letter pieces are glued
  // to number-bearing ones, never years or long words.
  const glue = (pieces: string[]): void => {
    for (let i = 0; i + 1 < pieces.length; i++) {
      const first = pieces[i]!;
      let digit = hasDigit(first);
      // A letters-only start must be short (`kdl`, `gsr`); years never join.
      if (isYear(first) || (!digit && first.length > 4)) continue;
      let joined = first;
      let prevDigit = digit;
      for (let k = i + 1; k < pieces.length && k <= i + 2; k++) {
        const p = pieces[k]!;
        const pd = hasDigit(p);
        // After the first piece, a letters-only piece must be a short suffix (`z`, `b`) of a number.
        if (isYear(p) || (!pd && (p.length > 2 || !prevDigit))) break;
        joined += p;
        digit = digit || pd;
        prevDigit = pd;
        if (joined.length > 24) break;
        if (digit && hasLetter(joined) && !measureForms.has(joined)) codes.add(joined);
      }
    }
  };
  glue(seq);
  if (chunkForms.length > 1) glue(chunkForms);
  for (const m of measureForms) codes.delete(m);
  // A number that carries a unit is a size, compared as a measure, not as a version.
  for (const m of measures) numbers.delete(m.slice(m.indexOf(':') + 1));
  return {
    words,
    codes: list(codes),
    strongCodes: list(strong),
    years: list(years),
    numbers: list(numbers),
    measures: list(measures),
  };
}

/**
 * Character trigrams of each word padded with spaces (`' ab'`, `'abc'`, `'bc '`), as a multiset
 * keyed by a number (three UTF-16 units packed in 48 bits: no string per trigram, faster maps).
 * `into` is cleared and reused.
 */
export function charTrigrams(words: readonly string[], into?: Map<number, number>): Map<number, number> {
  const grams = into ?? new Map<number, number>();
  grams.clear();
  for (const w of words) {
    let a = 32;
    let b = 32;
    for (let i = 0; i <= w.length; i++) {
      const c = i < w.length ? w.charCodeAt(i) : 32;
      if (i > 0 || w.length === 0) {
        const key = a * 4294967296 + b * 65536 + c;
        grams.set(key, (grams.get(key) ?? 0) + 1);
      }
      a = b;
      b = c;
    }
  }
  return grams;
}
