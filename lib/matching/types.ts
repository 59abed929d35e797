/**
 * Shapes the matching engine takes and returns. Plain data, so they cross the background
 * worker's message boundary unchanged.
 */
import type { SkuRules } from './identifiers';

/** A catalog product as the matcher sees it. `id` is the catalog key (the catalog SKU in Skulink). */
export interface MatchProduct {
  id: string;
  sku?: string;
  title: string;
  brand?: string;
  price?: number;
  gtin?: string;
  asin?: string;
  mpn?: string;
  description?: string;
}

/** A marketplace listing to match; every field is optional because pages show different subsets. */
export interface MatchListing {
  id?: string;
  sku?: string;
  title?: string;
  brand?: string;
  price?: number;
  gtin?: string;
  asin?: string;
  /** The listing's description or bullet points, when the source has them (the page rows do not). */
  description?: string;
}

/** One human-readable reason behind a suggestion; `code` is stable so the UI can translate it. */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
  /** English text. */
  text: string;
}

/** One ranked candidate for a listing. */
export interface Suggestion {
  productId: string;
  /** Raw scorer output (log-odds); higher is better. Comparable between candidates of one listing. */
  score: number;
  /** Estimated probability that this candidate is the listing's product (0..1). */
  confidence: number;
  /** True when confidence is high and no close rival exists: safe to link in bulk. */
  confident: boolean;
  reasons: Reason[];
}

/** Names of the scorer's features; a weight vector maps each to a number. */
export const FEATURE_NAMES = [
  'bias',
  'wordCos',
  'charCos',
  'codeShared',
  'codeConflict',
  'yearShared',
  'yearConflict',
  'numberShared',
  'numberConflict',
  'measureConflict',
  'brandSame',
  'brandDiffers',
  'priceClose',
  'priceApart',
  'gapToBest',
  'coverage',
  'descCoverage',
  'reverseCoverage',
  'abbreviation',
  'variantConflict',
  'descReverseCoverage',
] as const;

/** One feature name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Parameters of the confidence calibration (a Platt layer over the hand-set confidence). */
export const CALIBRATION_NAMES = ['calScale', 'calShift'] as const;

/** One calibration parameter name. */
export type CalibrationName = (typeof CALIBRATION_NAMES)[number];

/** Scorer weights: the log-odds contribution of each feature per unit, plus the confidence calibration. */
export type Weights = Record<FeatureName | CalibrationName, number>;

/** Index options. All have defaults chosen from general principles, not from one dataset. */
export interface MatchOptions {
  /** SKU normalization used for exact SKU matches. */
  skuRules?: SkuRules;
  /** Starting weights (e.g. learnt earlier and stored with the seller's settings). */
  weights?: Weights;
  /** How many candidates get the full feature scoring (default 20). */
  rerankDepth?: number;
  /** Probability above which the top suggestion may be marked confident (default 0.9). */
  confidentThreshold?: number;
}
