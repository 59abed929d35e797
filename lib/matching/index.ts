/**
 * Skulink's matching engine: which catalog product is this listing?
 * Public API for the background worker, the overlay's suggestions, auto-link and the search box.
 */
export type { MatchProduct, MatchListing, Reason, Suggestion, Weights, MatchOptions, FeatureName, CalibrationName } from './types';
export { FEATURE_NAMES, CALIBRATION_NAMES } from './types';
export { MatchIndex, type ScoredCandidate, type SuggestManyOptions } from './match-index';
export { learnWeights, type Label, type LearnOptions } from './learn';
export { autoLink, type AutoLink, type AutoLinkResult } from './autolink';
export { DEFAULT_WEIGHTS, completeWeights } from './scorer';
export {
  normalizeSku, canonicalGtin, isbn10to13, isAsin, canonicalAsin, isIsbn10, gtinCheckDigit, type SkuRules,
} from './identifiers';
export { normalizeText, analyze, type Analyzed } from './tokenize';
