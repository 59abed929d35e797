/**
 * Pairwise features between a listing and one candidate product, with the reasons a person reads.
 * Why features and not one similarity: a shared model number, a different year or a brand that
 * differs each move the odds by a different amount, and the seller's labels can re-weigh them.
 */
import { analyze, charTrigrams, normalizeText, table, type Analyzed } from './tokenize';
import type { FeatureName, Reason } from './types';

/** Membership test over a side's terms (a Set for listings, the index's term ids for products). */
export interface TermLookup {
  has(term: string): boolean;
}

/** One side of a comparison (listing or product), analyzed once and reused. */
export interface Side {
  a: Analyzed;
  /** Words and codes of the title. */
  terms: TermLookup;
  /** Distinct terms as a list (listing side only; used to iterate). */
  termList?: string[];
  /** Cache character trigrams on this side (true for a listing, false for catalog products to save memory). */
  cacheGrams?: boolean;
  /** Significant brand tokens (legal-form words removed), from the brand field. */
  brandTokens: string[];
  brandText?: string;
  price?: number;
  grams?: Map<number, number>;
  gramNorm?: number;
  /** IDF-weighted trigrams of a cached (listing) side, for the idf function they were computed with. */
  gramWeights?: { idf: (gram: number) => number; w: Map<number, number>; norm: number };
  /** Terms of the description (a product's first 300 characters, a listing's first 1,000), when there is one. */
  descTerms?: TermLookup;
  /** Long model codes of the description (a listing's model or part number is often only there). */
  descCodes?: string[];
  /** Variant markers of the title (see variantsOf); cached on listing sides. */
  variants?: Variants;
}

/**
 * Variant markers: words that name the platform, the kind of licence or condition, or the edition
 * tier. Why: two titles of one product line that differ only here are different products (the
 * Windows and the Mac build, an upgrade and a full licence, academic and retail, refurbished and
 * new, Standard and Professional), and word similarity alone barely sees a one-word difference.
 * The lists are generic retail vocabulary, not taken from any dataset.
 */
const PLATFORM = table({
  mac: 'mac', macintosh: 'mac', osx: 'mac', macos: 'mac', win: 'win', windows: 'win', pc: 'win', linux: 'linux',
});
/** Licence or condition flags: present on one side and absent on the other is a conflict. */
const FLAG = table({
  upgrade: 'upgrade', upg: 'upgrade', academic: 'academic', student: 'academic', students: 'academic', edu: 'academic',
  education: 'academic', teacher: 'academic', oem: 'oem', refurbished: 'refurbished', refurb: 'refurbished', renewed: 'refurbished',
});
/** Edition tiers: both sides naming a tier and no tier in common is a conflict. */
const TIER = table({
  standard: 'standard', std: 'standard', professional: 'pro', pro: 'pro', premium: 'premium', deluxe: 'deluxe', dlx: 'deluxe',
  ultimate: 'ultimate', home: 'home', basic: 'basic', enterprise: 'enterprise', express: 'express', lite: 'lite',
});

/**
 * Colours, in the languages of the marketplaces (accents removed as normalizeText does): two
 * titles that both name colours and share none are different variants (a black and a blue case,
 * a magenta and a black ink cartridge); colour is the commonest variation axis of a listing family.
 * Words that belong to either side's brand (Blue Crane, Black & Decker) are not colours there,
 * nor a colour word in a fixed phrase (Blu-ray, red-eye, white balance; see NOT_A_COLOUR_BEFORE).
 * Left out: words with a common other meaning in titles (`or`, `clear`, `rose`).
 */
const COLOUR = table({
  black: 'black', negro: 'black', negra: 'black', nero: 'black', nera: 'black', preto: 'black', preta: 'black', noir: 'black',
  noire: 'black', schwarz: 'black', fekete: 'black',
  white: 'white', blanco: 'white', blanca: 'white', bianco: 'white', bianca: 'white', branco: 'white', branca: 'white',
  blanc: 'white', blanche: 'white', weiss: 'white', feher: 'white',
  red: 'red', rojo: 'red', roja: 'red', rosso: 'red', rossa: 'red', vermelho: 'red', vermelha: 'red', rouge: 'red', rot: 'red', piros: 'red',
  blue: 'blue', azul: 'blue', blu: 'blue', bleu: 'blue', bleue: 'blue', blau: 'blue', kek: 'blue', navy: 'blue',
  green: 'green', verde: 'green', vert: 'green', verte: 'green', grun: 'green', gruen: 'green', zold: 'green',
  yellow: 'yellow', amarillo: 'yellow', amarilla: 'yellow', giallo: 'yellow', gialla: 'yellow', amarelo: 'yellow', amarela: 'yellow',
  jaune: 'yellow', gelb: 'yellow', sarga: 'yellow',
  pink: 'pink', rosa: 'pink', rozsaszin: 'pink',
  purple: 'purple', morado: 'purple', morada: 'purple', viola: 'purple', roxo: 'purple', roxa: 'purple', violet: 'purple',
  violette: 'purple', lila: 'purple',
  orange: 'orange', naranja: 'orange', arancione: 'orange', laranja: 'orange', narancs: 'orange',
  grey: 'grey', gray: 'grey', gris: 'grey', grigio: 'grey', grigia: 'grey', cinza: 'grey', grau: 'grey', szurke: 'grey',
  silver: 'silver', plata: 'silver', plateado: 'silver', argento: 'silver', prata: 'silver', argent: 'silver', silber: 'silver', ezust: 'silver',
  gold: 'gold', dorado: 'gold', oro: 'gold', ouro: 'gold', dourado: 'gold', dore: 'gold', arany: 'gold',
  brown: 'brown', marron: 'brown', marrone: 'brown', castanho: 'brown', braun: 'brown', barna: 'brown',
  beige: 'beige', cyan: 'cyan', magenta: 'magenta', turquoise: 'turquoise', turquesa: 'turquoise',
  // Shades map to their family (a false conflict costs more than a missed one).
  aqua: 'turquoise', teal: 'turquoise', burgundy: 'red', maroon: 'red', charcoal: 'grey', lime: 'green', olive: 'green',
  fuchsia: 'pink', indigo: 'blue', lavender: 'purple', champagne: 'gold', bronze: 'brown',
});

/** Words after which a colour word is part of a name, not a colour (`blu ray`, `red eye`, `blue tooth`). */
const NOT_A_COLOUR_BEFORE = new Set(['ray', 'rays', 'eye', 'eyes', 'tooth', 'balance', 'friday', 'hat', 'label']);

/** The variant markers of one title, and its quantities above one (`3 users`, `5-pack`). */
export interface Variants {
  platforms: string[];
  flags: string[];
  tiers: string[];
  /** Colour words of the title (as written, accents removed), words of its own brand excluded. */
  colours: string[];
  /** Units (`qty`, `users`) whose value is above 1, and the units present at all. */
  multi: string[];
  units: string[];
}

const QUANTITY_UNITS = new Set(['qty', 'users']);

function variantsOf(s: Side): Variants {
  if (s.variants) return s.variants;
  const platforms = new Set<string>();
  const flags = new Set<string>();
  const tiers = new Set<string>();
  const colours = new Set<string>();
  const words = s.a.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (COLOUR.has(w) && !s.brandTokens.includes(w) && !NOT_A_COLOUR_BEFORE.has(words[i + 1] ?? '')) colours.add(w);
    const p = PLATFORM.get(w);
    if (p) platforms.add(p);
    const f = FLAG.get(w);
    if (f) flags.add(f);
    const t = TIER.get(w);
    if (t) tiers.add(t);
  }
  const multi: string[] = [];
  const units: string[] = [];
  for (const m of s.a.measures) {
    const i = m.indexOf(':');
    const unit = m.slice(0, i);
    if (!QUANTITY_UNITS.has(unit)) continue;
    units.push(unit);
    if (Number(m.slice(i + 1)) > 1) multi.push(unit);
  }
  const v = { platforms: [...platforms], flags: [...flags], tiers: [...tiers], colours: [...colours], multi, units };
  if (s.cacheGrams) s.variants = v;
  return v;
}

/**
 * Variant dimensions on which two titles disagree: platforms or tiers named on both sides with
 * none in common, a licence/condition flag on one side only, or a quantity above one on one side
 * where the other names none (an unmarked title is the single item / single user).
 */
export function variantConflicts(q: Side, d: Side): Array<{ kind: 'edition' | 'colour'; listing: string; product: string }> {
  const a = variantsOf(q);
  const b = variantsOf(d);
  const out: Array<{ kind: 'edition' | 'colour'; listing: string; product: string }> = [];
  const named = (x: string[], y: string[], kind: 'edition' | 'colour' = 'edition'): void => {
    if (x.length && y.length && !intersects(x, y)) out.push({ kind, listing: x.join('/'), product: y.join('/') });
  };
  // Tiers and colours: each side names one the other does not. A word both share may be part of
  // a name (Da-Lite, Pro-Ject) and must not hide `standard` against `deluxe`.
  const distinct = (x: string[], y: string[], kind: 'edition' | 'colour' = 'edition'): void => {
    if (x.length && y.length) named(x.filter((t) => !y.includes(t)), y.filter((t) => !x.includes(t)), kind);
  };
  named(a.platforms, b.platforms);
  distinct(a.tiers, b.tiers);
  const flag = a.flags.find((f) => !b.flags.includes(f)) ?? b.flags.find((f) => !a.flags.includes(f));
  if (flag) out.push({ kind: 'edition', listing: a.flags.includes(flag) ? flag : '-', product: b.flags.includes(flag) ? flag : '-' });
  const qty = a.multi.find((u) => !b.units.includes(u)) ?? b.multi.find((u) => !a.units.includes(u));
  if (qty) out.push({ kind: 'edition', listing: a.multi.includes(qty) ? `${qty} > 1` : '1', product: b.multi.includes(qty) ? `${qty} > 1` : '1' });
  // Colours, leaving out the other side's brand words too (a title naming the brand Blue Crane).
  const colours = (x: string[], brand: string[]): string[] => [...new Set(x.filter((w) => !brand.includes(w)).map((w) => COLOUR.get(w)!))];
  if (a.colours.length && b.colours.length) distinct(colours(a.colours, d.brandTokens), colours(b.colours, q.brandTokens), 'colour');
  return out;
}

/** Legal-form and filler words that say nothing about which brand it is. */
const BRAND_FILLER = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas',
  'sarl', 'srl', 'spa', 'bv', 'nv', 'plc', 'kg', 'ohg', 'oy', 'ab', 'as', 'kk', 'the', 'and', 'und', 'et', 'y', 'e', 'group',
  'international', 'intl', 'software', 'technologies', 'technology', 'tech', 'systems', 'electronics', 'products',
  'industries', 'enterprises', 'brands', 'media', 'entertainment', 'interactive', 'usa', 'us', 'europe', 'com', 'www',
]);

const brandCache = new Map<string, string[]>();

/** Significant tokens of a brand; cached because a catalog repeats a few hundred brands. */
function brandTokensOf(brandText: string): string[] {
  let t = brandCache.get(brandText);
  if (!t) {
    if (brandCache.size > 5000) brandCache.clear();
    t = analyze(brandText).words.filter((w) => w.length > 1 && !BRAND_FILLER.has(w));
    brandCache.set(brandText, t);
  }
  return t;
}

const NO_TERMS: TermLookup = { has: () => false };

/**
 * Build a comparison side from a title, brand and price. `lean` skips the term set: the index
 * keeps term ids instead and supplies the lookup (see MatchIndex).
 */
export function makeSide(title: string, brand: string | undefined, price: number | undefined, lean = false, description?: string): Side {
  const a = analyze(title);
  const brandText = brand ? normalizeText(brand).trim() : undefined;
  const brandTokens = brandText ? brandTokensOf(brandText) : [];
  const p = price && price > 0 ? price : undefined;
  if (lean) return { a, terms: NO_TERMS, cacheGrams: false, brandTokens, brandText: brandText || undefined, price: p };
  const termList = [...new Set<string>([...a.words, ...a.codes])];
  let descTerms: Set<string> | undefined;
  let descCodes: string[] | undefined;
  if (description?.trim()) {
    const da = analyze(description.slice(0, 1000));
    descTerms = new Set([...da.words, ...da.codes]);
    descCodes = da.strongCodes.filter((c) => c.length >= 5);
  }
  return { a, terms: new Set(termList), termList, cacheGrams: true, brandTokens, brandText: brandText || undefined, price: p, descTerms, descCodes };
}

const scratch = new Map<number, number>();

function grams(s: Side, mayUseScratch = true): { g: Map<number, number>; n: number } {
  if (s.grams) return { g: s.grams, n: s.gramNorm ?? 0 };
  // Catalog sides are not cached (memory); they reuse one scratch map.
  const g = charTrigrams(s.a.words, s.cacheGrams || !mayUseScratch ? undefined : scratch);
  let n = 0;
  for (const v of g.values()) n += v * v;
  n = Math.sqrt(n);
  if (s.cacheGrams) { s.grams = g; s.gramNorm = n; }
  return { g, n };
}

/**
 * Cosine of the character-trigram vectors of two sides' words, each trigram weighted by `idf`
 * when given (rare trigrams count more). Robust to abbreviations, typos and split compounds.
 */
export function charCosine(x: Side, y: Side, idf?: (gram: number) => number): number {
  const a = grams(x);
  const b = grams(y, !!x.cacheGrams);
  if (!a.n || !b.n) return 0;
  if (!idf) {
    const [small, big] = a.g.size <= b.g.size ? [a.g, b.g] : [b.g, a.g];
    let dot = 0;
    for (const [k, v] of small) {
      const w = big.get(k);
      if (w) dot += v * w;
    }
    return dot / (a.n * b.n);
  }
  // The listing's weighted trigrams are computed once per query and reused for every candidate.
  let wa = x.gramWeights?.idf === idf ? x.gramWeights : undefined;
  if (!wa) {
    const w = new Map<number, number>();
    let n2 = 0;
    for (const [k, v] of a.g) {
      const t = v * idf(k);
      w.set(k, t);
      n2 += t * t;
    }
    wa = { idf, w, norm: Math.sqrt(n2) };
    if (x.cacheGrams) x.gramWeights = wa;
  }
  const na = wa.norm * wa.norm;
  let dot = 0;
  let nb = 0;
  for (const [k, v] of b.g) {
    const t = v * idf(k);
    nb += t * t;
    const u = wa.w.get(k);
    if (u) dot += u * t;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function isDigitStart(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** How much a shared code proves: 0 for 2 characters, 1 from 8 characters up. */
function codeStrength(c: string): number {
  return Math.max(0, Math.min(1, (c.length - 2) / 6));
}

/**
 * A code that reads as a part number, safe to match through descriptions: letters and at least
 * two digits, no decimal point, not a word with a short number. Versions (`v11.5`), bit widths
 * (`64bit`), resolutions (`800x600`) and word+number joins (`pro11`, `win32`) are common in
 * descriptions and say little.
 */
function partNumberLike(c: string): boolean {
  if (c.length < 5 || !/^[a-z0-9]+$/.test(c) || /^\d+(?:x\d+|bit)$/.test(c) || /^[a-z]+\d{1,2}$/.test(c)) return false;
  let digits = 0;
  for (let i = 0; i < c.length; i++) if (c.charCodeAt(i) >= 48 && c.charCodeAt(i) <= 57) digits++;
  return digits >= 2 && digits < c.length;
}

function intersects(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** True when one code equals the other or contains it at the start or end (`kdl40v4100` vs `kdl40v4100b`). */
function codesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 4 && (l.startsWith(s) || l.endsWith(s));
}

/** Brand relation: +1 same brand, -1 different brands, 0 unknown. */
function brandRelation(q: Side, d: Side): { rel: number; shown?: string } {
  if (q.brandTokens.length) {
    const hit = q.brandTokens.find((t) => d.terms.has(t) || d.brandTokens.includes(t));
    if (hit) return { rel: 1, shown: q.brandText };
  }
  if (d.brandTokens.length) {
    const hit = d.brandTokens.find((t) => q.terms.has(t) || q.brandTokens.includes(t));
    if (hit) return { rel: 1, shown: d.brandText };
  }
  if (q.brandTokens.length && d.brandTokens.length) return { rel: -1 };
  return { rel: 0 };
}

/** Features that the index computes itself (they need the IDF table or the other candidates). */
export interface RetrievalFeatures {
  wordCos: number;
  /** Share of the listing's IDF mass found in the product's title. */
  coverage: number;
  /** Share of the product title's IDF mass found in the listing. */
  reverseCoverage: number;
  /** wordCos minus the best wordCos among this listing's candidates (≤ 0). */
  gapToBest: number;
  /** IDF of a character trigram over the catalog, for charCos. */
  gramIdf?: (gram: number) => number;
  /** IDF of a title term over the catalog, for descReverseCoverage. */
  termIdf?: (term: string) => number;
}

/**
 * Compute every feature and the reasons for one (listing, product) pair.
 * Why reasons come from the same code: what the seller reads is exactly what moved the score.
 */
export function pairFeatures(q: Side, d: Side, r: RetrievalFeatures): { f: Record<FeatureName, number>; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const f: Record<FeatureName, number> = {
    bias: 1, wordCos: r.wordCos, charCos: charCosine(q, d, r.gramIdf), codeShared: 0, codeConflict: 0, yearShared: 0, yearConflict: 0,
    numberShared: 0, numberConflict: 0, measureConflict: 0, brandSame: 0, brandDiffers: 0, priceClose: 0, priceApart: 0,
    gapToBest: r.gapToBest, coverage: r.coverage, descCoverage: 0, reverseCoverage: r.reverseCoverage, abbreviation: 0,
    variantConflict: 0, descReverseCoverage: 0,
  };
  // Abbreviations (`prem` / `premium`, `upg` / `upgrade`): listing words missing from the product
  // that start one of its words, or that one of its words starts.
  {
    let abbreviated = 0;
    for (const w of q.a.words) {
      if (w.length < 3 || d.terms.has(w) || isDigitStart(w)) continue;
      if (d.a.words.some((x) => x.length >= 3 && !isDigitStart(x) && (x.startsWith(w) || w.startsWith(x)))) abbreviated++;
    }
    f.abbreviation = q.a.words.length ? abbreviated / q.a.words.length : 0;
  }
  // The product title's terms that the listing's description names and its title does not.
  if (q.descTerms && r.termIdf) {
    let mass = 0;
    let hit = 0;
    for (const t of new Set([...d.a.words, ...d.a.codes])) {
      if (t.length < 2) continue;
      const x = r.termIdf(t);
      mass += x;
      if (!q.terms.has(t) && q.descTerms.has(t)) hit += x;
    }
    f.descReverseCoverage = mass ? hit / mass : 0;
    if (f.descReverseCoverage >= 0.2) {
      const pct = Math.round(f.descReverseCoverage * 100);
      reasons.push({ code: 'description-names', params: { percent: pct }, text: `the listing's description names ${pct}% more of the product title` });
    }
  }
  if (d.descTerms) {
    let hit = 0;
    let all = 0;
    for (const t of q.termList ?? []) { all++; if (d.terms.has(t) || d.descTerms.has(t)) hit++; }
    f.descCoverage = all ? hit / all : 0;
  }

  // Model and part numbers: a long shared code is near-proof, a short one (`cs3`) weak.
  let bestShared = '';
  let bestStrength = 0;
  for (const c of q.a.codes) {
    if (!d.terms.has(c)) continue;
    const st = codeStrength(c);
    if (st > bestStrength) { bestStrength = st; bestShared = c; }
  }
  // A long code named on both sides, in a title or a description: the listing's model number is
  // often only in its description (or an attribute), the catalog's MPN in the product's.
  if (bestStrength < 1) {
    const consider = (c: string): void => {
      if (c.length < 5 || codeStrength(c) <= bestStrength || !partNumberLike(c)) return;
      if (d.terms.has(c) || d.descTerms?.has(c)) { bestStrength = codeStrength(c); bestShared = c; }
    };
    if (q.descCodes) for (const c of q.descCodes) consider(c);
    if (d.descTerms) for (const c of q.a.strongCodes) consider(c);
  }
  if (bestShared) {
    f.codeShared = bestStrength;
    reasons.push({ code: 'model-both', params: { model: bestShared }, text: `model number ${bestShared} in both` });
  }
  // Conflict: each side has a long code the other lacks, and no long code in common.
  if (bestStrength < 0.5) {
    const mine = q.a.strongCodes.filter((c) => c.length >= 5 && !d.terms.has(c));
    const theirs = d.a.strongCodes.filter((c) => c.length >= 5 && !q.terms.has(c));
    if (mine.length && theirs.length && !mine.some((x) => theirs.some((y) => codesCompatible(x, y)))) {
      f.codeConflict = 1;
      reasons.push({
        code: 'model-differs', params: { listing: mine[0]!, product: theirs[0]! },
        text: `model number ${mine[0]} vs ${theirs[0]}`,
      });
    }
  }

  // Years (editions).
  if (q.a.years.length && d.a.years.length) {
    if (intersects(q.a.years, d.a.years)) {
      f.yearShared = 1;
    } else {
      f.yearConflict = 1;
      reasons.push({
        code: 'year-differs', params: { listing: q.a.years.join('/'), product: d.a.years.join('/') },
        text: `edition ${q.a.years.join('/')} vs ${d.a.years.join('/')}`,
      });
    }
  }

  // Versions and other numbers.
  if (q.a.numbers.length && d.a.numbers.length) {
    if (intersects(q.a.numbers, d.a.numbers)) {
      f.numberShared = 1;
    } else {
      f.numberConflict = 1;
      reasons.push({
        code: 'number-differs', params: { listing: q.a.numbers.join('/'), product: d.a.numbers.join('/') },
        text: `version/number ${q.a.numbers.join('/')} vs ${d.a.numbers.join('/')}`,
      });
    }
  }

  // Sizes and quantities: same unit, no common value.
  for (const m of q.a.measures) {
    const unit = m.slice(0, m.indexOf(':'));
    const theirs = d.a.measures.filter((x) => x.startsWith(unit + ':'));
    if (theirs.length && !theirs.includes(m) && !q.a.measures.some((x) => theirs.includes(x))) {
      f.measureConflict = 1;
      const lv = m.slice(unit.length + 1);
      const pv = theirs[0]!.slice(unit.length + 1);
      reasons.push({ code: 'size-differs', params: { unit, listing: lv, product: pv }, text: `size ${lv} ${unit} vs ${pv} ${unit}` });
      break;
    }
  }

  // Editions, platforms, licence kinds and pack sizes.
  const variants = variantConflicts(q, d);
  if (variants.length) {
    f.variantConflict = variants.length;
    const edition = variants.find((v) => v.kind === 'edition');
    if (edition) reasons.push({ code: 'edition-differs', params: { listing: edition.listing, product: edition.product }, text: `edition ${edition.listing} vs ${edition.product}` });
    const colour = variants.find((v) => v.kind === 'colour');
    if (colour) reasons.push({ code: 'colour-differs', params: { listing: colour.listing, product: colour.product }, text: `colour ${colour.listing} vs ${colour.product}` });
  }

  // Brand.
  const brand = brandRelation(q, d);
  if (brand.rel > 0) {
    f.brandSame = 1;
    reasons.push({ code: 'brand-same', params: { brand: brand.shown ?? '' }, text: `same brand ${brand.shown ?? ''}`.trim() });
  } else if (brand.rel < 0) {
    f.brandDiffers = 1;
    reasons.push({
      code: 'brand-differs', params: { listing: q.brandText ?? '', product: d.brandText ?? '' },
      text: `brand differs (${q.brandText} vs ${d.brandText})`,
    });
  }

  // Price: a weak signal, symmetric in log space.
  if (q.price && d.price) {
    const ratio = Math.max(q.price, d.price) / Math.min(q.price, d.price);
    const lr = Math.log(ratio);
    f.priceClose = Math.max(0, 1 - lr / Math.log(1.5));
    f.priceApart = Math.min(lr / Math.log(3), 2);
    if (ratio >= 2) {
      const shown = Math.round(ratio * 10) / 10;
      reasons.push({ code: 'price-apart', params: { ratio: shown }, text: `price ${shown}x apart` });
    } else if (ratio <= 1.15) {
      reasons.push({ code: 'price-close', text: 'similar price' });
    }
  }

  if (r.coverage >= 0.999 && r.wordCos > 0) {
    reasons.push({ code: 'title-contains', text: 'all words of the listing title appear in the product' });
  } else if (r.wordCos > 0) {
    const pct = Math.round(r.coverage * 100);
    reasons.push({ code: 'title-similar', params: { percent: pct }, text: `${pct}% of the title's distinctive words in common` });
  }
  return { f, reasons };
}

/** Weighted sum of features (log-odds). */
export function dot(w: Record<FeatureName, number>, f: Record<FeatureName, number>): number {
  let s = 0;
  for (const k in f) s += (w[k as FeatureName] ?? 0) * f[k as FeatureName];
  return s;
}
