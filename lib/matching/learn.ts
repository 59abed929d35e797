/**
 * Learning from the seller: every accepted suggestion, manual link and rejection is a label, and
 * the scorer's weights adapt to the seller's catalog with a regularized logistic regression.
 * Why regularized toward the current weights: with 10 or 50 labels a free fit would overfit;
 * the prior keeps the hand-set meaning of each feature until the labels say otherwise.
 */
import type { MatchIndex } from './match-index';
import { completeWeights, featureArray, sigmoid } from './scorer';
import { FEATURE_NAMES, type MatchListing, type Weights } from './types';

/** One label: the seller linked (accepted) or rejected this listing-product pair. */
export interface Label {
  listing: MatchListing;
  productId: string;
  accepted: boolean;
}

/** Options of learnWeights; defaults suit 0 to a few thousand labels. */
export interface LearnOptions {
  /** Strength of the pull toward the base weights (default 2). */
  prior?: number;
  /** Other candidates of an accepted listing are implicit rejections with this weight (default 0.5). */
  implicitNegativeWeight?: number;
  /** How many other candidates count as implicit rejections (default 5). */
  implicitNegatives?: number;
  /** Gradient steps (default 300). */
  iterations?: number;
}

/**
 * Fit scorer weights to the seller's labels, starting from and regularized toward `base`
 * (default: the index's current weights). Returns new weights; apply with index.setWeights().
 */
export function learnWeights(labels: Label[], index: MatchIndex, base?: Weights, options: LearnOptions = {}): Weights {
  const start = completeWeights(base ?? index.weights);
  const prior = options.prior ?? 2;
  const negW = options.implicitNegativeWeight ?? 0.5;
  const negK = options.implicitNegatives ?? 5;
  const xs: number[][] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  const explicit = new Set(labels.map((l) => `${l.listing.id ?? l.listing.title}\u0000${l.productId}`));
  for (const label of labels) {
    const pair = index.pairFeaturesFor(label.listing, label.productId);
    if (!pair) continue;
    xs.push(featureArray(pair.features));
    ys.push(label.accepted ? 1 : 0);
    ws.push(1);
    if (!label.accepted || negW <= 0) continue;
    // The seller chose this product: the candidates ranked around it were not it.
    let taken = 0;
    for (const c of index.scoreCandidates(label.listing, Math.max(negK * 2, 10))) {
      if (taken >= negK) break;
      if (c.productId === label.productId) continue;
      if (explicit.has(`${label.listing.id ?? label.listing.title}\u0000${c.productId}`)) continue;
      xs.push(featureArray(c.features));
      ys.push(0);
      ws.push(negW);
      taken++;
    }
  }
  const w0 = FEATURE_NAMES.map((k) => start[k]);
  if (!xs.length) return start;
  const w = [...w0];
  const n = w.length;
  const iterations = options.iterations ?? 300;
  const totalW = ws.reduce((a, b) => a + b, 0);
  // Batch gradient descent with a step that shrinks; the problem is small (≤ a few thousand rows).
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(n).fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j < n; j++) z += w[j]! * x[j]!;
      const err = (sigmoid(z) - ys[i]!) * ws[i]!;
      for (let j = 0; j < n; j++) g[j]! += err * x[j]!;
    }
    const lr = 2 / (1 + it / 50);
    for (let j = 0; j < n; j++) {
      const grad = (g[j]! + prior * (w[j]! - w0[j]!)) / (totalW + prior);
      w[j]! -= lr * grad;
    }
  }
  const out = { ...start };
  FEATURE_NAMES.forEach((k, j) => { out[k] = w[j]!; });
  return out;
}
