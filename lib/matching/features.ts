/**
 * Pairwise features between a listing and one candidate product, with the reasons a person reads.
 * Why features and not one similarity: a shared model number, a different year or a brand that
 * differs each move the odds by a different amount, and the seller's labels can re-weigh them.
 */
import { analyze, charTrigrams, normalizeText, type Analyzed } from './tokenize';
import type { FeatureName, Reason } from './types';

/** One side of a comparison (listing or product), analyzed once and reused. */
export interface Side {
  a: Analyzed;
  /** Words and codes of the title, as a set. */
  terms: Set<string>;
  /** Significant brand tokens (legal-form words removed), from the brand field. */
  brandTokens: string[];
  brandText?: string;
  price?: number;
  grams?: Map<string, number>;
  gramNorm?: number;
}

/** Legal-form and filler words that say nothing about which brand it is. */
const BRAND_FILLER = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas',
  'sarl', 'srl', 'spa', 'bv', 'nv', 'plc', 'kg', 'ohg', 'oy', 'ab', 'as', 'kk', 'the', 'and', 'und', 'et', 'y', 'e', 'group',
  'international', 'intl', 'software', 'technologies', 'technology', 'tech', 'systems', 'electronics', 'products',
  'industries', 'enterprises', 'brands', 'media', 'entertainment', 'interactive', 'usa', 'us', 'europe', 'com', 'www',
]);

/** Build a comparison side from a title, brand and price. */
export function makeSide(title: string, brand: string | undefined, price: number | undefined): Side {
  const a = analyze(title);
  const terms = new Set<string>([...a.words, ...a.codes]);
  const brandText = brand ? normalizeText(brand).trim() : undefined;
  const brandTokens = brandText ? analyze(brandText).words.filter((w) => w.length > 1 && !BRAND_FILLER.has(w)) : [];
  return { a, terms, brandTokens, brandText: brandText || undefined, price: price && price > 0 ? price : undefined };
}

function grams(s: Side): { g: Map<string, number>; n: number } {
  if (!s.grams) {
    s.grams = charTrigrams(s.a.words);
    let n = 0;
    for (const v of s.grams.values()) n += v * v;
    s.gramNorm = Math.sqrt(n);
  }
  return { g: s.grams, n: s.gramNorm ?? 0 };
}

/** Cosine of the character-trigram count vectors of two sides' words (robust to abbreviations and typos). */
export function charCosine(x: Side, y: Side): number {
  const a = grams(x);
  const b = grams(y);
  if (!a.n || !b.n) return 0;
  const [small, big] = a.g.size <= b.g.size ? [a.g, b.g] : [b.g, a.g];
  let dot = 0;
  for (const [k, v] of small) {
    const w = big.get(k);
    if (w) dot += v * w;
  }
  return dot / (a.n * b.n);
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
  /** wordCos minus the best wordCos among this listing's candidates (≤ 0). */
  gapToBest: number;
}

/**
 * Compute every feature and the reasons for one (listing, product) pair.
 * Why reasons come from the same code: what the seller reads is exactly what moved the score.
 */
export function pairFeatures(q: Side, d: Side, r: RetrievalFeatures): { f: Record<FeatureName, number>; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const f: Record<FeatureName, number> = {
    bias: 1, wordCos: r.wordCos, charCos: charCosine(q, d), codeShared: 0, codeConflict: 0, yearShared: 0, yearConflict: 0,
    numberShared: 0, numberConflict: 0, measureConflict: 0, brandSame: 0, brandDiffers: 0, priceClose: 0, priceApart: 0,
    gapToBest: r.gapToBest, coverage: r.coverage,
  };

  // Model and part numbers.
  const shared = q.a.codes.filter((c) => d.terms.has(c));
  const sharedStrong = shared.filter((c) => c.length >= 4).sort((x, y) => y.length - x.length);
  if (sharedStrong.length) {
    f.codeShared = 1;
    reasons.push({ code: 'model-both', params: { model: sharedStrong[0]! }, text: `model number ${sharedStrong[0]} in both` });
  } else if (shared.length) {
    f.codeShared = 0.5;
    reasons.push({ code: 'model-both', params: { model: shared[0]! }, text: `model number ${shared[0]} in both` });
  } else if (q.a.strongCodes.length && d.a.strongCodes.length) {
    const compatible = q.a.strongCodes.some((x) => d.a.strongCodes.some((y) => codesCompatible(x, y)) || d.terms.has(x));
    if (!compatible) {
      f.codeConflict = 1;
      reasons.push({
        code: 'model-differs', params: { listing: q.a.strongCodes[0]!, product: d.a.strongCodes[0]! },
        text: `model number ${q.a.strongCodes[0]} vs ${d.a.strongCodes[0]}`,
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
