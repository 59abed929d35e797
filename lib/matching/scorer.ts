/**
 * The scorer: a logistic model over pair features, and how its output becomes a confidence.
 * Why hand-set defaults: the engine must work on a new seller's catalog before any label exists,
 * so every weight below follows from what the feature means, not from fitting one dataset.
 */
import { CALIBRATION_NAMES, FEATURE_NAMES, type FeatureName, type Weights } from './types';

/**
 * Default weights (log-odds per unit of feature). Reading guide:
 * - title similarity (word and character cosine, coverage) carries most of the evidence;
 * - a shared model number is strong evidence, a conflicting one fairly strong counter-evidence;
 * - a different year/edition or version is strong counter-evidence (2007 and 2008 are two products);
 * - brand agreement is mild, an explicit brand conflict strong; price is weak both ways;
 * - gapToBest compares with the best other candidate, so a clear winner scores higher.
 */
export const DEFAULT_WEIGHTS: Weights = {
  bias: -7,
  wordCos: 5,
  charCos: 4,
  codeShared: 2.5,
  codeConflict: -2,
  yearShared: 0.5,
  yearConflict: -2.5,
  numberShared: 0.5,
  numberConflict: -1.5,
  measureConflict: -1.5,
  brandSame: 1,
  brandDiffers: -1.5,
  priceClose: 1,
  priceApart: -1.5,
  gapToBest: 0,
  coverage: 2,
  descCoverage: 1.5,
  reverseCoverage: 0,
  abbreviation: 2,
  // Per variant dimension in conflict (platform, tier, licence flag, pack size): as strong as a
  // size conflict, since it is the same kind of evidence (an attribute with different values).
  variantConflict: -1.5,
  // The product title's words that the listing's description names (and its title does not): the
  // mirror of `coverage`, the listing's words in the product title, and as strong.
  descReverseCoverage: 2,
  // Confidence calibration: identity until the seller's labels say otherwise.
  calScale: 1,
  calShift: 0,
};

/** A complete weight vector: missing names take the default, unknown names are dropped. */
export function completeWeights(w?: Partial<Weights>): Weights {
  const out = { ...DEFAULT_WEIGHTS };
  if (w) for (const k of [...FEATURE_NAMES, ...CALIBRATION_NAMES]) if (typeof w[k] === 'number' && Number.isFinite(w[k])) out[k] = w[k]!;
  return out;
}

/** Logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Feature vector as an array in FEATURE_NAMES order (for learning). */
export function featureArray(f: Record<FeatureName, number>): number[] {
  return FEATURE_NAMES.map((k) => f[k]);
}

/** Inverse of the logistic function, clamped away from 0 and 1. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

/**
 * Uncalibrated confidence of candidate `i`: the probability that it is the listing's product under
 * a "one of these, or none" model, exp(s_i) / (1 + Σ_j exp(s_j)). Why: it is the model the
 * listwise learning fits, a close rival takes its share, and "none" keeps weak matches low.
 */
export function rawConfidence(scores: readonly number[], i: number): number {
  const m = Math.max(0, ...scores);
  let sum = Math.exp(-m);
  for (const s of scores) sum += Math.exp(s - m);
  return Math.exp(scores[i]! - m) / sum;
}

/** Calibrated confidence: a Platt layer (calScale, calShift) over rawConfidence; learnt from labels. */
export function calibrate(raw: number, w: Pick<Weights, 'calScale' | 'calShift'>): number {
  return sigmoid(w.calScale * logit(raw) + w.calShift);
}
