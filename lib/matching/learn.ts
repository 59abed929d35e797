/**
 * Learning from the seller: every accepted suggestion, manual link and rejection is a label, and
 * the scorer adapts to the seller's catalog in two steps:
 * 1. feature weights, by a listwise objective (the accepted product against the other candidates
 *    of the same listing), regularized toward the current weights;
 * 2. the confidence calibration (calScale, calShift), by a logistic fit of "the top suggestion was
 *    the product the seller chose" on the labelled listings.
 * Why regularized toward the current weights: with 10 or 50 labels a free fit would overfit; the
 * prior keeps the hand-set meaning of each feature until the labels say otherwise.
 */
import type { MatchIndex, ScoredCandidate } from './match-index';
import { completeWeights, featureArray, logit, rawConfidence, sigmoid } from './scorer';
import { FEATURE_NAMES, type MatchListing, type Weights } from './types';

/** One label: the seller linked (accepted) or rejected this listing-product pair. */
export interface Label {
  listing: MatchListing;
  productId: string;
  accepted: boolean;
}

/** Options of learnWeights; defaults suit 0 to a few thousand labels. */
export interface LearnOptions {
  /** Strength of the pull toward the base weights, in labels (default 10). */
  prior?: number;
  /** Strength of the pull of the calibration toward identity, in labels (default 1). */
  calibrationPrior?: number;
  /** Gradient steps (default 300). */
  iterations?: number;
}

interface Group {
  /** Feature rows of the listing's candidates; `pos` indexes the accepted one (or -1). */
  xs: number[][];
  pos: number;
  /** Rejected rows (each pushed below the listing's other candidates). */
  rejected: Set<number>;
}

function listingKey(l: MatchListing): string {
  return l.id ?? `${l.sku ?? ''}\u0000${l.title ?? ''}`;
}

/** Gather each labelled listing's candidates with features, adding labelled products that were not among them. */
function groups(labels: Label[], index: MatchIndex): Array<{ listing: MatchListing; cands: ScoredCandidate[]; accepted?: string; rejected: Set<string> }> {
  const byListing = new Map<string, { listing: MatchListing; accepted?: string; rejected: Set<string> }>();
  for (const l of labels) {
    const key = listingKey(l.listing);
    let g = byListing.get(key);
    if (!g) byListing.set(key, (g = { listing: l.listing, rejected: new Set() }));
    if (l.accepted) g.accepted = l.productId;
    else g.rejected.add(l.productId);
  }
  const out: Array<{ listing: MatchListing; cands: ScoredCandidate[]; accepted?: string; rejected: Set<string> }> = [];
  for (const g of byListing.values()) {
    const cands = index.scoreCandidates(g.listing);
    for (const id of [g.accepted, ...g.rejected]) {
      if (!id || cands.some((c) => c.productId === id)) continue;
      const pair = index.pairFeaturesFor(g.listing, id);
      if (pair) cands.push(pair);
    }
    out.push({ ...g, cands });
  }
  return out;
}

/**
 * Fit scorer weights and confidence calibration to the seller's labels, starting from and
 * regularized toward `base` (default: the index's current weights). Returns new weights; apply
 * them with index.setWeights().
 */
export function learnWeights(labels: Label[], index: MatchIndex, base?: Weights, options: LearnOptions = {}): Weights {
  const start = completeWeights(base ?? index.weights);
  if (!labels.length) return start;
  const prior = options.prior ?? 10;
  const iterations = options.iterations ?? 300;
  const gs = groups(labels, index);
  const data: Group[] = gs.map((g) => ({
    xs: g.cands.map((c) => featureArray(c.features)),
    pos: g.accepted ? g.cands.findIndex((c) => c.productId === g.accepted) : -1,
    rejected: new Set(g.cands.flatMap((c, i) => (g.rejected.has(c.productId) ? [i] : []))),
  }));
  const w0 = FEATURE_NAMES.map((k) => start[k]);
  const w = [...w0];
  const n = w.length;
  const count = data.length;

  // Step 1: listwise (softmax) likelihood of the accepted product among the candidates; a
  // rejected product with no accepted one is pushed down against the listing's other candidates.
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(n).fill(0);
    for (const d of data) {
      if (!d.xs.length) continue;
      const z = d.xs.map((x) => x.reduce((s, v, j) => s + v * w[j]!, 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      const target = new Array<number>(d.xs.length).fill(0);
      if (d.pos >= 0) target[d.pos] = 1;
      else {
        // Spread the target over the non-rejected candidates.
        const keep = d.xs.length - d.rejected.size;
        if (keep <= 0) continue;
        for (let i = 0; i < d.xs.length; i++) if (!d.rejected.has(i)) target[i] = 1 / keep;
      }
      for (let i = 0; i < d.xs.length; i++) {
        const err = e[i]! / sum - target[i]!;
        if (!err) continue;
        const x = d.xs[i]!;
        for (let j = 0; j < n; j++) g[j]! += err * x[j]!;
      }
    }
    const lr = 0.5 / (1 + it / 100);
    for (let j = 0; j < n; j++) w[j]! -= (lr * (g[j]! + prior * (w[j]! - w0[j]!))) / (count + prior);
  }
  const out = { ...start };
  FEATURE_NAMES.forEach((k, j) => { out[k] = w[j]!; });

  // Step 2: calibration. For each listing with an accepted product: was the new top-1 that product?
  const cal: Array<{ x: number; y: number }> = [];
  for (const g of gs) {
    if (!g.accepted) continue;
    const scored = g.cands.map((c, i) => ({ id: c.productId, s: data[gs.indexOf(g)]!.xs[i]!.reduce((a, v, j) => a + v * w[j]!, 0) }))
      .sort((a, b) => b.s - a.s);
    if (!scored.length) continue;
    const raw = rawConfidence(scored.map((x) => x.s), 0);
    cal.push({ x: logit(raw), y: scored[0]!.id === g.accepted ? 1 : 0 });
  }
  if (cal.length) {
    const cp = options.calibrationPrior ?? 1;
    let a = start.calScale;
    let b = start.calShift;
    for (let it = 0; it < 500; it++) {
      let ga = 0;
      let gb = 0;
      for (const { x, y } of cal) {
        const err = sigmoid(a * x + b) - y;
        ga += err * x;
        gb += err;
      }
      ga += cp * (a - start.calScale);
      gb += cp * (b - start.calShift);
      a -= (0.5 * ga) / (cal.length + cp);
      b -= (0.5 * gb) / (cal.length + cp);
    }
    // Never let calibration invert the ordering of confidence.
    out.calScale = Math.max(0.2, a);
    out.calShift = b;
  }
  return out;
}
