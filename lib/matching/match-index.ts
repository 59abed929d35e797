/**
 * MatchIndex: an inverted index over the catalog's titles, exact-identifier maps, and the
 * candidate scoring behind suggest() and search().
 * Why an inverted index with rare-token blocking: scoring 100,000 products per listing is too
 * slow for a page overlay; rare words and codes find the few products worth scoring.
 */
import { canonicalAsin, canonicalGtin, normalizeSku, type SkuRules } from './identifiers';
import { dot, makeSide, pairFeatures, type Side, type TermLookup } from './features';
import { analyze, charTrigrams } from './tokenize';
import { softAssign } from './assignment';
import { calibrate, completeWeights, rawConfidence } from './scorer';
import type { FeatureName, MatchListing, MatchOptions, MatchProduct, Reason, Suggestion, Weights } from './types';

interface Doc {
  product: MatchProduct;
  side: Side;
  /** Term ids of the title, ascending, and their normalized TF-IDF weights. */
  tids: Int32Array;
  /** Term counts (capped at 255), same order as tids. Weights are (1 + ln tf) · idf · invNorm. */
  tf: Uint8Array;
  /** Term ids of the description's first 300 characters, ascending (for descCoverage). */
  descIds?: Int32Array;
  alive: boolean;
  /** Whether this doc's trigrams are in the trigram DF sample. */
  gramCounted?: boolean;
  /** Twin key (see twinKey), computed on first use by suggestMany. */
  twin?: string;
}

/**
 * The `k` docs of `docs` with the highest `score[doc]`, by a bounded min-heap (O(n log k)).
 * Why not sort: a common word can touch thousands of docs and only the best few matter.
 */
function topByScore(docs: number[], score: Float64Array, k: number): number[] {
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number): boolean => score[a]! < score[b]!;
  for (const d of docs) {
    if (size < k) {
      // Sift up.
      let i = size++;
      heap[i] = d;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        const t = heap[i]!; heap[i] = heap[parent]!; heap[parent] = t;
        i = parent;
      }
    } else if (less(heap[0]!, d)) {
      // Replace the minimum and sift down.
      heap[0] = d;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && less(heap[l]!, heap[m]!)) m = l;
        if (r < size && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        const t = heap[i]!; heap[i] = heap[m]!; heap[m] = t;
        i = m;
      }
    }
  }
  return Array.from(heap.subarray(0, size));
}

function hasDigitChar(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function hasId(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Whether a pair has a stated conflict: a model number, year, edition, version number, size,
 * colour or brand that differs, or a product another listing is linked to. Such a pair is never
 * marked confident, however high its score: linking a 320 GB listing to the 500 GB product in
 * bulk is the mistake the mark must not make.
 */
function hasConflict(reasons: readonly Reason[]): boolean {
  return reasons.some((r) => CONFLICTS.has(r.code));
}
const CONFLICTS = new Set(['model-differs', 'year-differs', 'edition-differs', 'number-differs', 'size-differs', 'colour-differs', 'brand-differs', 'linked-to-other']);

/** Log-odds of an existing link in suggestMany's assignment: as sure as an exact identifier. */
const LINKED_SCORE = 12;

/**
 * The candidate with the reason that `owner` is already linked to its product: another item
 * (`linked-to-other`, never confident) or the same item under another SKU (`linked-same-item`).
 */
function withLink<T extends { reasons: Reason[] }>(c: T, owner: MatchListing, sameItem: boolean): T {
  const listing = owner.sku ?? owner.id ?? '';
  return withReason(c, sameItem
    ? { code: 'linked-same-item', params: { listing }, text: `linked to ${listing}, the same item under another SKU` }
    : { code: 'linked-to-other', params: { listing }, text: `already linked to listing ${listing}` });
}

/** The candidate with the reason "identical to `others` other catalog products" when there are any. */
function withTwins(c: ScoredCandidate, others: number): ScoredCandidate {
  if (others < 1) return c;
  return withReason(c, { code: 'catalog-twin', params: { count: others }, text: `identical to ${others} other product(s) in the catalog` });
}

/** The candidate with the reason "another listing matches this product better" (once). */
function withClaim(c: ScoredCandidate, owner: MatchListing | undefined): ScoredCandidate {
  if (c.reasons.some((r) => r.code === 'claimed-by-other')) return c;
  return withReason(c, {
    code: 'claimed-by-other', params: owner?.id ? { listing: owner.id } : undefined,
    text: 'another listing matches this product better',
  });
}

/** A copy of the candidate with one more reason. */
function withReason<T extends { reasons: Reason[] }>(c: T, reason: Reason): T {
  return { ...c, reasons: [...c.reasons, reason] };
}

/** A candidate with its features, as suggest() scores it; exposed for learning and benchmarks. */
export interface ScoredCandidate {
  doc: number;
  productId: string;
  features: Record<FeatureName, number>;
  reasons: Reason[];
  score: number;
}

/** Analyzed listing, ready to be compared with candidates. */
interface Query {
  side: Side;
  tids: number[];
  tw: number[];
  /** IDF of each query term (same order as tids), and the total IDF mass including unknown terms. */
  idf: number[];
  idfMass: number;
}

const SKU_EXACT = 'sku';

/** The twin group of a listing: its ASIN, or without one its text (see twinKey). */
function twinGroup(l: MatchListing): string {
  const asin = l.asin ? canonicalAsin(l.asin) : undefined;
  return asin ? `asin:${asin}` : twinKey(l.title ?? '', l.brand, l.description);
}

/** Options of MatchIndex.suggestMany. */
export interface SuggestManyOptions {
  /** 0 ranks each listing alone (no assignment); default 1. */
  exclusivity?: number;
  /** Product-side slack of the assignment (see softAssign); for development. */
  productSlack?: number;
  /**
   * Links that already exist (product and its listing, on the same marketplace): the product is
   * taken. Another listing sees it with the reason `linked-to-other` and never as confident; a
   * listing of the same item (same ASIN) shares it.
   */
  linked?: ReadonlyArray<{ productId: string; listing: MatchListing }>;
}

/**
 * Items with the same title words (in any order), brand and description are twins: nothing in
 * them tells them apart. suggestMany's assignment keeps twins from competing (see softAssign).
 */
function twinKey(title: string, brand: string | undefined, description: string | undefined): string {
  const words = (text: string | undefined): string => (text ? analyze(text.slice(0, 1000)).words.join(' ') : '');
  return [analyze(title).words.sort().join(' '), words(brand), words(description)].join('\u0001');
}

/**
 * Pivoted length normalization (Singhal, Buckley and Mitra 1996): a title's TF-IDF norm is
 * replaced by (1 - slope) · mean norm + slope · norm. Why: plain cosine over-penalizes long
 * catalog titles (category words, package contents, system requirements) against short ones
 * that say less; 0.75 is the slope the literature uses by default (BM25's b), not fitted here.
 */
const LENGTH_SLOPE = 0.75;

function addTo(map: Map<string, Set<string>>, key: string | undefined, id: string): void {
  if (!key) return;
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(id);
}
function removeFrom(map: Map<string, Set<string>>, key: string | undefined, id: string): void {
  if (!key) return;
  const s = map.get(key);
  if (s) { s.delete(id); if (!s.size) map.delete(key); }
}

/** Terms of a side with their counts: words counted as often as they occur, codes once. */
function termCounts(side: Side): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of side.a.words) m.set(w, (m.get(w) ?? 0) + 1);
  for (const c of side.a.codes) if (!m.has(c)) m.set(c, 1);
  return m;
}

/**
 * The catalog index. Build it in the background worker; it answers suggest/search in about a
 * millisecond for 100,000 products and updates incrementally with upsert/remove.
 */
export class MatchIndex {
  private docs: Doc[] = [];
  private byId = new Map<string, number>();
  private vocab = new Map<string, number>();
  private df: number[] = [];
  private postDocs: number[][] = [];
  /** 1 / norm of each doc's TF-IDF vector; candidate generation uses idf × this (tf taken as 1). */
  private invNorm = new Float64Array(1024);
  /** Sum of the IDF of each doc's terms (for reverse coverage). */
  private mass = new Float64Array(1024);
  /** Mean TF-IDF norm of the titles at the last reweight: the pivot of the length normalization. */
  private pivot = 0;
  private live = 0;
  /** Live count when TF-IDF weights were last computed; weights are refreshed when it drifts. */
  private weightedAt = 0;
  private skus = new Map<string, Set<string>>();
  private gtins = new Map<string, Set<string>>();
  private asins = new Map<string, Set<string>>();
  private sortedSkus: string[] | undefined;
  private acc = new Float64Array(0);
  /** Document frequency of each character trigram of titles (for charCos weights). */
  private gramDf = new Map<number, number>();
  private readonly gramScratch = new Map<number, number>();
  /** Trigram document frequencies come from every `gramEvery`-th product (a sample keeps big builds fast). */
  private gramEvery = 1;
  private gramSampled = 0;
  private readonly gramIdf = (g: number): number => {
    let v = this.gramIdfCache.get(g);
    if (v === undefined) {
      v = Math.log(1 + (this.gramSampled + 1) / ((this.gramDf.get(g) ?? 0) + 1));
      this.gramIdfCache.set(g, v);
    }
    return v;
  };
  /** Memo of gramIdf; cleared whenever the trigram sample changes. */
  private gramIdfCache = new Map<number, number>();
  private w: Weights;
  private readonly skuRules: SkuRules;
  private readonly depth: number;
  private readonly confidentAt: number;

  private constructor(options: MatchOptions = {}) {
    this.w = completeWeights(options.weights);
    this.skuRules = options.skuRules ?? {};
    this.depth = options.rerankDepth ?? 20;
    this.confidentAt = options.confidentThreshold ?? 0.9;
  }

  /** Build an index over `products` (one pass; TF-IDF weights from the whole catalog). */
  static build(products: MatchProduct[], options?: MatchOptions): MatchIndex {
    const ix = new MatchIndex(options);
    ix.gramEvery = Math.max(1, Math.floor(products.length / 20000));
    for (const p of products) ix.insert(p, false);
    ix.reweight();
    return ix;
  }

  /**
   * Build like build(), yielding to the event loop every `sliceSize` products. Why: the background
   * service worker must keep answering messages while a 100,000-product catalog is indexed.
   */
  static async buildInSlices(products: MatchProduct[], options?: MatchOptions, sliceSize = 2000): Promise<MatchIndex> {
    const ix = new MatchIndex(options);
    ix.gramEvery = Math.max(1, Math.floor(products.length / 20000));
    for (let i = 0; i < products.length; i += sliceSize) {
      for (const p of products.slice(i, i + sliceSize)) ix.insert(p, false);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    ix.reweight();
    return ix;
  }

  /** Number of products in the index. */
  get size(): number {
    return this.live;
  }

  /** Current scorer weights. */
  get weights(): Weights {
    return { ...this.w };
  }

  /** Replace the scorer weights (e.g. with learnWeights' result). */
  setWeights(w: Weights): void {
    this.w = completeWeights(w);
  }

  /** Add a product or replace the one with the same id. */
  upsert(product: MatchProduct): void {
    if (this.byId.has(product.id)) this.remove(product.id);
    this.insert(product, true);
    if (this.live > 50 && Math.abs(this.live - this.weightedAt) > 0.2 * Math.max(this.weightedAt, 1)) this.reweight();
  }

  /** Remove a product by id (no-op when absent). */
  remove(productId: string): void {
    const d = this.byId.get(productId);
    if (d === undefined) return;
    const doc = this.docs[d]!;
    doc.alive = false;
    this.byId.delete(productId);
    this.live--;
    for (const t of doc.tids) this.df[t]!--;
    if (doc.gramCounted) {
      this.gramSampled--;
      this.gramIdfCache.clear();
      for (const g of charTrigrams(doc.side.a.words, this.gramScratch).keys()) {
        const n = (this.gramDf.get(g) ?? 1) - 1;
        if (n > 0) this.gramDf.set(g, n);
        else this.gramDf.delete(g);
      }
    }
    const p = doc.product;
    removeFrom(this.skus, normalizeSku(p.sku ?? p.id, this.skuRules), p.id);
    removeFrom(this.gtins, p.gtin ? canonicalGtin(p.gtin) : undefined, p.id);
    removeFrom(this.asins, p.asin ? canonicalAsin(p.asin) : undefined, p.id);
    this.sortedSkus = undefined;
    // Postings keep the dead doc until the next reweight; queries skip it.
    if (this.docs.length > 64 && this.live < this.docs.length / 2) this.reweight();
  }

  private termId(t: string): number {
    let id = this.vocab.get(t);
    if (id === undefined) {
      id = this.df.length;
      this.vocab.set(t, id);
      this.df.push(0);
      this.postDocs.push([]);
    }
    return id;
  }

  /** IDF of a title term by its text (unknown terms count as in no product). */
  private readonly termIdf = (term: string): number => {
    const id = this.vocab.get(term);
    return Math.log(1 + (this.live + 1) / ((id === undefined ? 0 : this.df[id]!) + 1));
  };

  private idf(t: number): number {
    const df = this.df[t] ?? 0;
    return Math.log(1 + (this.live + 1) / (df + 1));
  }

  private insert(p: MatchProduct, weighNow: boolean): void {
    // Products keep term ids, not strings: the index answers membership (see sideOf).
    const side = makeSide(p.title, p.brand, p.price, true);
    const counts = termCounts(side);
    let descIds: Int32Array | undefined;
    if (p.description) {
      const da = analyze(p.description.slice(0, 300));
      descIds = Int32Array.from(new Set([...da.words, ...da.codes].map((t) => this.termId(t)))).sort();
    }
    const ids: number[] = [];
    const tfs: number[] = [];
    for (const [t, c] of counts) { ids.push(this.termId(t)); tfs.push(c); }
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]! - ids[b]!);
    const tids = Int32Array.from(order.map((i) => ids[i]!));
    const tf = Uint8Array.from(order.map((i) => Math.min(tfs[i]!, 255)));
    const d = this.docs.length;
    const counted = d % this.gramEvery === 0;
    this.docs.push({ product: p, side, tids, tf, descIds, alive: true, gramCounted: counted });
    this.byId.set(p.id, d);
    this.live++;
    for (const t of tids) this.df[t]!++;
    if (counted) {
      this.gramSampled++;
      this.gramIdfCache.clear();
      for (const g of charTrigrams(side.a.words, this.gramScratch).keys()) this.gramDf.set(g, (this.gramDf.get(g) ?? 0) + 1);
    }
    addTo(this.skus, normalizeSku(p.sku ?? p.id, this.skuRules), p.id);
    addTo(this.gtins, p.gtin ? canonicalGtin(p.gtin) : undefined, p.id);
    addTo(this.asins, p.asin ? canonicalAsin(p.asin) : undefined, p.id);
    this.sortedSkus = undefined;
    if (weighNow) {
      this.weighDoc(d);
      this.post(d);
    }
  }

  /** Normalized TF-IDF weights of a doc from its term counts and the current IDF table. */
  private weighDoc(d: number, idf?: number[]): void {
    const doc = this.docs[d]!;
    let norm = 0;
    let mass = 0;
    for (let i = 0; i < doc.tids.length; i++) {
      const t = doc.tids[i]!;
      const df = idf ? idf[t]! : this.idf(t);
      const v = (1 + Math.log(doc.tf[i]!)) * df;
      norm += v * v;
      mass += df;
    }
    norm = Math.sqrt(norm) || 1;
    if (this.pivot) norm = (1 - LENGTH_SLOPE) * this.pivot + LENGTH_SLOPE * norm;
    if (d >= this.invNorm.length) {
      const size = Math.max(d + 1, this.invNorm.length * 2);
      const grownNorm = new Float64Array(size);
      grownNorm.set(this.invNorm);
      this.invNorm = grownNorm;
      const grownMass = new Float64Array(size);
      grownMass.set(this.mass);
      this.mass = grownMass;
    }
    this.invNorm[d] = 1 / norm;
    this.mass[d] = mass;
  }

  private post(d: number): void {
    const doc = this.docs[d]!;
    for (let i = 0; i < doc.tids.length; i++) {
      const t = doc.tids[i]!;
      this.postDocs[t]!.push(d);
    }
  }

  /** Recompute all TF-IDF weights and postings, dropping removed products. */
  private reweight(): void {
    const docs = this.docs.filter((d) => d.alive);
    this.docs = docs;
    this.byId = new Map(docs.map((d, i) => [d.product.id, i]));
    for (let t = 0; t < this.postDocs.length; t++) this.postDocs[t] = [];
    const idf = this.df.map((_, t) => this.idf(t));
    // First the plain norms (pivot 0), whose mean becomes the pivot; then the pivoted norms.
    this.pivot = 0;
    let sum = 0;
    for (let d = 0; d < docs.length; d++) {
      this.weighDoc(d, idf);
      sum += 1 / this.invNorm[d]!;
    }
    this.pivot = docs.length ? sum / docs.length : 0;
    for (let d = 0; d < docs.length; d++) {
      this.weighDoc(d, idf);
      this.post(d);
    }
    this.weightedAt = this.live;
    if (this.acc.length < docs.length) this.acc = new Float64Array(Math.max(docs.length * 2, 1024));
  }

  /** A product's comparison side with term lookups backed by the index's term ids. */
  private sideOf(doc: Doc): Side {
    const vocab = this.vocab;
    const lookup = (ids: Int32Array): TermLookup => ({
      has: (t) => {
        const id = vocab.get(t);
        return id !== undefined && hasId(ids, id);
      },
    });
    return { ...doc.side, terms: lookup(doc.tids), descTerms: doc.descIds ? lookup(doc.descIds) : undefined };
  }

  /** Analyze a listing into a query over this index's vocabulary. */
  private query(l: MatchListing): Query {
    const side = makeSide(l.title ?? '', l.brand, l.price, false, l.description);
    const counts = termCounts(side);
    const tids: number[] = [];
    const tw: number[] = [];
    const idfs: number[] = [];
    let idfMass = 0;
    let norm = 0;
    for (const [t, c] of counts) {
      const id = this.vocab.get(t);
      const df = id === undefined ? 0 : this.df[id]!;
      const idf = Math.log(1 + (this.live + 1) / (df + 1));
      idfMass += idf;
      const v = (1 + Math.log(c)) * idf;
      norm += v * v;
      if (id !== undefined && df > 0) { tids.push(id); tw.push(v); idfs.push(idf); }
    }
    // Split compounds: `print shop` also looks for `printshop`, `web radio` for `webradio`
    // (catalog words only; the words themselves still count on their own).
    const words = side.a.words;
    for (let i = 0; i + 1 < words.length; i++) {
      const a = words[i]!;
      const b = words[i + 1]!;
      if (a.length < 2 || b.length < 2 || hasDigitChar(a) || hasDigitChar(b)) continue;
      const j = a + b;
      if (counts.has(j)) continue;
      const id = this.vocab.get(j);
      if (id === undefined || !this.df[id] || tids.includes(id)) continue;
      const idf = Math.log(1 + (this.live + 1) / (this.df[id]! + 1));
      tids.push(id);
      tw.push(idf);
      idfs.push(idf);
      norm += idf * idf;
    }
    // And the other way: `brainfood`, unknown to the catalog, also looks for `brain` and `food`.
    for (const w of words) {
      if (w.length < 7 || hasDigitChar(w) || this.vocab.has(w)) continue;
      for (let k = 3; k <= w.length - 3; k++) {
        const a = this.vocab.get(w.slice(0, k));
        const b = this.vocab.get(w.slice(k));
        if (a === undefined || b === undefined || !this.df[a] || !this.df[b]) continue;
        for (const id of [a, b]) {
          if (tids.includes(id)) continue;
          const idf = Math.log(1 + (this.live + 1) / (this.df[id]! + 1));
          tids.push(id);
          tw.push(idf);
          idfs.push(idf);
          norm += idf * idf;
        }
        break;
      }
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < tw.length; i++) tw[i]! /= norm;
    return { side, tids, tw, idf: idfs, idfMass };
  }

  /** Exact cosine and IDF coverage of query q against doc d (merge of two sorted term lists). */
  private exact(q: Query, d: number): { cos: number; coverage: number; reverse: number } {
    const doc = this.docs[d]!;
    let cos = 0;
    let cov = 0;
    const docMass = this.mass[d]!;
    const inv = this.invNorm[d]!;
    for (let i = 0; i < q.tids.length; i++) {
      const t = q.tids[i]!;
      // Binary search in the doc's sorted term ids.
      let lo = 0;
      let hi = doc.tids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = doc.tids[mid]!;
        if (v === t) { cos += q.tw[i]! * (1 + Math.log(doc.tf[mid]!)) * q.idf[i]! * inv; cov += q.idf[i]!; break; }
        if (v < t) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return { cos, coverage: q.idfMass ? Math.min(1, cov / q.idfMass) : 0, reverse: docMass ? Math.min(1, cov / docMass) : 0 };
  }

  /**
   * Candidate docs for a query: accumulate scores over the postings of its rarer terms, then
   * rescore the best ones exactly. Why a posting cap: a word in 20% of the catalog adds little
   * evidence but costs most of the time; it still counts in the exact rescoring.
   */
  private candidates(q: Query, want: number, exhaustive = false): Array<{ doc: number; cos: number; coverage: number; reverse: number }> {
    const n = this.docs.length;
    if (exhaustive) {
      const all: Array<{ doc: number; cos: number; coverage: number; reverse: number }> = [];
      for (let d = 0; d < n; d++) {
        if (!this.docs[d]!.alive) continue;
        const e = this.exact(q, d);
        if (e.cos > 0) all.push({ doc: d, ...e });
      }
      return all.sort((a, b) => b.cos - a.cos).slice(0, want);
    }
    if (this.acc.length < n) this.acc = new Float64Array(Math.max(n * 2, 1024));
    const acc = this.acc;
    const touched: number[] = [];
    const cap = Math.max(1000, Math.floor(this.live * 0.01));
    const order = q.tids.map((_, i) => i).sort((a, b) => this.df[q.tids[a]!]! - this.df[q.tids[b]!]!);
    let used = 0;
    for (const i of order) {
      const t = q.tids[i]!;
      const docs = this.postDocs[t]!;
      if (docs.length > cap && used >= 1) continue;
      const qw = q.tw[i]! * q.idf[i]!;
      const inv = this.invNorm;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j]!;
        if (acc[d] === 0) touched.push(d);
        acc[d]! += qw * inv[d]!;
      }
      used++;
    }
    // Keep the best partial scores, then rescore exactly.
    const pool = Math.max(want * 4, 80);
    const picked = touched.length <= pool ? touched : topByScore(touched, acc, pool);
    for (const d of touched) acc[d] = 0;
    const out: Array<{ doc: number; cos: number; coverage: number; reverse: number }> = [];
    for (const d of picked) {
      if (!this.docs[d]!.alive) continue;
      out.push({ doc: d, ...this.exact(q, d) });
    }
    return out.sort((a, b) => b.cos - a.cos).slice(0, want);
  }

  /**
   * Score the candidates of one listing with every feature; sorted best first.
   * Exposed for learnWeights and the benchmark; the UI uses suggest().
   */
  scoreCandidates(listing: MatchListing, depth = this.depth, exhaustive = false, weights: Weights = this.w): ScoredCandidate[] {
    const q = this.query(listing);
    const cands = this.candidates(q, depth, exhaustive);
    const best = cands.length ? cands[0]!.cos : 0;
    const out: ScoredCandidate[] = cands.map((c) => {
      const doc = this.docs[c.doc]!;
      const { f, reasons } = pairFeatures(q.side, this.sideOf(doc), { wordCos: c.cos, coverage: c.coverage, reverseCoverage: c.reverse, gapToBest: c.cos - best, gramIdf: this.gramIdf, termIdf: this.termIdf });
      return { doc: c.doc, productId: doc.product.id, features: f, reasons, score: dot(weights, f) };
    });
    return out.sort((a, b) => b.score - a.score);
  }

  /** Features of one given (listing, product) pair among the listing's candidates; for learning from manual links. */
  pairFeaturesFor(listing: MatchListing, productId: string): ScoredCandidate | undefined {
    const d = this.byId.get(productId);
    if (d === undefined) return undefined;
    const q = this.query(listing);
    const cands = this.candidates(q, this.depth);
    const best = cands.length ? cands[0]!.cos : 0;
    const e = this.exact(q, d);
    const doc = this.docs[d]!;
    const { f, reasons } = pairFeatures(q.side, this.sideOf(doc), { wordCos: e.cos, coverage: e.coverage, reverseCoverage: e.reverse, gapToBest: e.cos - Math.max(best, e.cos), gramIdf: this.gramIdf, termIdf: this.termIdf });
    return { doc: d, productId, features: f, reasons, score: dot(this.w, f) };
  }

  /** Turn scored candidates into suggestions with calibrated confidence and the confident mark. */
  private toSuggestions(scored: ScoredCandidate[], k: number, confidences?: number[]): Suggestion[] {
    const scores = scored.map((c) => c.score);
    return scored.slice(0, k).map((c, i) => {
      const confidence = confidences ? confidences[i]! : calibrate(rawConfidence(scores, i), this.w);
      return {
        productId: c.productId,
        score: c.score,
        confidence,
        confident: i === 0 && confidence >= this.confidentAt && !hasConflict(c.reasons),
        reasons: c.reasons,
      };
    });
  }

  /**
   * Top-k catalog products for a listing, best first. Exact identifier matches come first with
   * confidence 1 (or 0.5 each when several products share the identifier: ambiguous, never guessed).
   */
  suggest(listing: MatchListing, k = 5, options: Pick<SuggestManyOptions, 'linked'> = {}): Suggestion[] {
    const out = this.withExact(listing, k, listing.title ? this.scoreCandidates(listing) : []);
    if (!options.linked?.length) return out;
    // Say which suggestions another listing already holds (ranking unchanged: the seller may
    // link two SKUs to one product by hand); a product held by another item is not confident.
    const byProduct = new Map(options.linked.filter((x) => x.listing.id !== listing.id).map((x) => [x.productId, x.listing]));
    return out.map((s) => {
      const owner = byProduct.get(s.productId);
      if (!owner) return s;
      const same = twinGroup(owner) === twinGroup(listing);
      return { ...withLink(s, owner, same), confident: s.confident && same };
    });
  }

  /** Exact identifier matches first, then the scored candidates. */
  private withExact(listing: MatchListing, k: number, scored: ScoredCandidate[], confidences?: number[]): Suggestion[] {
    const exact = this.exactMatches(listing);
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    if (exact) {
      const unique = exact.productIds.length === 1;
      const reason: Reason = {
        code: `same-${exact.kind}`,
        text: `same ${exact.kind.toUpperCase()}` + (unique ? '' : ` (shared by ${exact.productIds.length} products)`),
        params: unique ? undefined : { count: exact.productIds.length },
      };
      for (const id of exact.productIds.slice(0, k)) {
        out.push({ productId: id, score: 20, confidence: unique ? 1 : 1 / exact.productIds.length, confident: unique, reasons: [reason] });
        seen.add(id);
      }
    }
    if (out.length >= k) return out.slice(0, k);
    const keep = scored.map((c) => !seen.has(c.productId));
    const rest = this.toSuggestions(scored.filter((_, i) => keep[i]), k - out.length, confidences?.filter((_, i) => keep[i]));
    if (out.length) for (const s of rest) { s.confident = false; s.confidence = Math.min(s.confidence, 0.5); }
    return [...out, ...rest];
  }

  /**
   * Suggestions for many listings at once (a page of the inventory, a bulk match), best first per
   * listing. Why together: a catalog product is normally sold by one listing per marketplace.
   * - Ranking and confidence come from a soft one-to-one assignment of all the listings to their
   *   candidates (see softAssign): a product that another listing wants more is shared out, one
   *   that nobody else wants keeps its share. Confidence is the pair's probability in that model
   *   (not passed through the learnt calibration, which is fitted to one-listing confidences).
   * - The confident mark also needs the listing's own evidence: its one-listing confidence, after
   *   demoting products another listing scores better, must reach the bar. Why: taking a rival
   *   away on another listing's word can be wrong, so it reorders but does not by itself make a
   *   pair safe to link in bulk.
   * `exclusivity: 0` turns both off (each listing alone). The result is in the order of `listings`.
   */
  suggestMany(listings: MatchListing[], k = 5, options: SuggestManyOptions = {}): Suggestion[][] {
    const lambda = options.exclusivity ?? 1;
    const own = listings.map((l) => (l.title ? this.scoreCandidates(l) : []));
    if (!lambda) return listings.map((l, i) => this.withExact(l, k, own[i]!));
    const pairwise = this.demoteClaimed(own, listings, lambda);
    // Twins on either side are one party in the assignment (see softAssign): listings with the
    // same ASIN (one item under two SKUs), or without one, the same title, brand and description.
    const rowGroups = listings.map(twinGroup);
    // Existing links hold their product: each is a row sure of it (a twin listing shares it).
    const asked = new Set(listings.flatMap((l) => (l.id === undefined ? [] : [l.id])));
    const linked = (options.linked ?? []).filter((x) => this.byId.has(x.productId) && !(x.listing.id !== undefined && asked.has(x.listing.id)));
    const linkedBy = new Map(linked.map((x) => [x.productId, { listing: x.listing, group: twinGroup(x.listing) }]));
    const joint = softAssign(
      [
        ...own.map((cs) => cs.map((c) => ({ key: c.productId, score: c.score, twin: this.twinOf(c.doc) }))),
        ...linked.map((x) => [{ key: x.productId, score: LINKED_SCORE, twin: this.twinOf(this.byId.get(x.productId)!) }]),
      ],
      { productSlack: options.productSlack, rowGroups: [...rowGroups, ...linked.map((x) => twinGroup(x.listing))] },
    ).slice(0, listings.length);
    // Which listing holds the largest share of each product (for the "claimed" reason).
    const holder = new Map<string, { i: number; p: number }>();
    joint.forEach((ps, i) => ps.forEach((p, j) => {
      const id = own[i]![j]!.productId;
      const h = holder.get(id);
      if (!h || p > h.p) holder.set(id, { i, p });
    }));
    return listings.map((l, i) => {
      const twins = new Map<string, number>();
      for (const c of own[i]!) {
        const t = this.twinOf(c.doc);
        twins.set(t, (twins.get(t) ?? 0) + 1);
      }
      const ranked = own[i]!.map((c, j) => {
        const h = holder.get(c.productId)!;
        const p = joint[i]![j]!;
        const link = linkedBy.get(c.productId);
        const claimed = link
          ? withLink(c, link.listing, link.group === rowGroups[i])
          : rowGroups[h.i] !== rowGroups[i] && h.p > p ? withClaim(c, listings[h.i]) : c;
        return { c: withTwins(claimed, (twins.get(this.twinOf(c.doc)) ?? 1) - 1), p };
      }).sort((a, b) => b.p - a.p);
      const out = this.withExact(l, k, ranked.map((x) => x.c), ranked.map((x) => x.p));
      const cap = new Map<string, number>();
      const scores = pairwise[i]!.map((c) => c.score);
      pairwise[i]!.forEach((c, j) => cap.set(c.productId, calibrate(rawConfidence(scores, j), this.w)));
      out.forEach((s, r) => {
        if (s.reasons.some((x) => x.code.startsWith('same-'))) return;
        s.confident = r === 0 && (cap.get(s.productId) ?? 0) >= this.confidentAt && !hasConflict(s.reasons);
      });
      return out;
    });
  }

  /** The twin key of a catalog doc (see twinKey), made when first asked. */
  private twinOf(doc: number): string {
    const d = this.docs[doc]!;
    return (d.twin ??= twinKey(d.product.title, d.product.brand, d.product.description));
  }

  /** A candidate demoted by `penalty` log-odds because listing `owner` claims its product. */
  private claimed(c: ScoredCandidate, penalty: number, owner: MatchListing | undefined): ScoredCandidate {
    if (!penalty) return c;
    return { ...withClaim(c, owner), score: c.score - penalty };
  }

  /** For suggestMany's confident mark: a product that another listing scores better is demoted by the score gap. */
  private demoteClaimed(scored: ScoredCandidate[][], listings: MatchListing[], lambda: number): ScoredCandidate[][] {
    // Best and second-best claim on each product, with the listing that makes it.
    const best = new Map<string, { s1: number; i1: number; s2: number }>();
    scored.forEach((cands, i) => {
      for (const c of cands) {
        const b = best.get(c.productId);
        if (!b) best.set(c.productId, { s1: c.score, i1: i, s2: -Infinity });
        else if (c.score > b.s1) { b.s2 = b.s1; b.s1 = c.score; b.i1 = i; }
        else if (c.score > b.s2) b.s2 = c.score;
      }
    });
    return scored.map((cands, i) => cands.map((c) => {
      const b = best.get(c.productId)!;
      const other = b.i1 === i ? b.s2 : b.s1;
      return this.claimed(c, lambda * Math.max(0, other - c.score), listings[b.i1]);
    }).sort((a, b) => b.score - a.score));
  }

  /**
   * Free-text search over the whole catalog for the search box: a GTIN or ASIN finds its product,
   * a SKU prefix lists SKUs in order, anything else ranks titles.
   */
  search(text: string, k = 10): Suggestion[] {
    const t = text.trim();
    if (!t) return [];
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const push = (id: string, code: string, reasonText: string): void => {
      if (seen.has(id) || out.length >= k) return;
      seen.add(id);
      out.push({ productId: id, score: 20, confidence: 1, confident: false, reasons: [{ code, text: reasonText }] });
    };
    const gtin = canonicalGtin(t);
    if (gtin) for (const id of this.gtins.get(gtin) ?? []) push(id, 'same-gtin', 'same GTIN');
    const asin = canonicalAsin(t);
    if (asin) for (const id of this.asins.get(asin) ?? []) push(id, 'same-asin', 'same ASIN');
    const sku = normalizeSku(t, this.skuRules);
    if (sku) {
      const sorted = this.skuList();
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < sku) lo = mid + 1; else hi = mid; }
      for (let i = lo; i < sorted.length && sorted[i]!.startsWith(sku) && out.length < k; i++) {
        for (const id of this.skus.get(sorted[i]!) ?? []) push(id, i === lo && sorted[i] === sku ? 'same-sku' : 'sku-prefix', 'SKU starts with ' + t);
      }
    }
    if (out.length < k) {
      for (const s of this.toSuggestions(this.scoreCandidates({ title: t }), k)) {
        if (!seen.has(s.productId) && out.length < k) { seen.add(s.productId); out.push({ ...s, confident: false }); }
      }
    }
    return out;
  }

  private skuList(): string[] {
    if (!this.sortedSkus) this.sortedSkus = [...this.skus.keys()].sort();
    return this.sortedSkus;
  }

  /**
   * Products sharing an exact identifier with the listing, tried in order SKU, GTIN, ASIN.
   * More than one id means the identifier is ambiguous: report it, never pick one.
   */
  exactMatches(listing: MatchListing): { kind: 'sku' | 'gtin' | 'asin'; productIds: string[] } | undefined {
    if (listing.sku) {
      const ids = this.skus.get(normalizeSku(listing.sku, this.skuRules));
      if (ids?.size) return { kind: SKU_EXACT, productIds: [...ids].sort() };
    }
    if (listing.gtin) {
      const g = canonicalGtin(listing.gtin);
      const ids = g ? this.gtins.get(g) : undefined;
      if (ids?.size) return { kind: 'gtin', productIds: [...ids].sort() };
    }
    if (listing.asin) {
      const a = canonicalAsin(listing.asin);
      const ids = a ? this.asins.get(a) : undefined;
      if (ids?.size) return { kind: 'asin', productIds: [...ids].sort() };
    }
    return undefined;
  }

  /** The product stored under an id. */
  get(productId: string): MatchProduct | undefined {
    const d = this.byId.get(productId);
    return d === undefined ? undefined : this.docs[d]!.product;
  }
}
