/**
 * Matching benchmark (issue 4).
 *
 *   npm run bench:match -- --data DIR [--json] [--labels 0,50,200] [--errors N]
 *   npm run bench:match -- --synthetic 100000 [--json]
 *
 * DIR holds listings.csv and catalog.csv (id,title,brand,price,price_raw,description) and
 * matches.csv (listing_id,catalog_id). Data are read from DIR at run time, never copied.
 *
 * Definitions (applied identically to the engine and to the TF-IDF reference):
 * - recall@k / MRR: over listings with at least one true match; a hit at rank r counts when any
 *   true match is at rank r (MRR over the returned candidates (the rerank depth, 20), 0 beyond).
 * - confident precision (as the issue asks, over listings with a true match): correct confident
 *   top-1 / confident top-1. Coverage: share of those listings whose top-1 is marked confident.
 *   confidentPrecisionAll also counts listings without a true match (any confident mark there is an
 *   error); on amazon-google most such "errors" are identical titles the ground truth lacks. The reference has no confidence; its mark is a
 *   fixed rule (top cosine ≥ 0.8 and ≥ 0.1 above the second), not tuned on the data.
 * - best pairwise F1 (`bestF1`): predicted pairs are all (listing, candidate) pairs within each
 *   listing's top 5 whose pair score is ≥ t (engine: the suggestion's confidence; reference: the
 *   cosine); true pairs are all rows of matches.csv; the best F1 over all t is reported.
 *   `bestF1top1` is the same with only each listing's top candidate as a possible pair (listings
 *   with several true matches then cap recall).
 * - ece: expected calibration error of those pair scores (10 equal-width bins, |share true - mean score|
 *   weighted by the bin's share of pairs); only meaningful for the engine, whose score is a probability.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { DEFAULT_WEIGHTS, MatchIndex, learnWeights, type MatchListing, type MatchProduct, type Weights } from '../../lib/matching/index';
import type { Label } from '../../lib/matching/learn';
import { seededRandom } from '../fixtures/random.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// Arguments

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : '';
}
const asJson = process.argv.includes('--json');
const log = (...a: unknown[]): void => { if (!asJson) console.log(...a); else console.error(...a); };

// ---------------------------------------------------------------------------------------------
// Data

interface Row { id: string; title: string; brand: string; price: string; description: string }

function readCsv<T>(path: string): T[] {
  const parsed = Papa.parse<T>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) log(`warning: ${parsed.errors.length} CSV parse issues in ${path}`);
  return parsed.data;
}

function num(s: string | undefined): number | undefined {
  const n = s ? Number(s) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// Reference: plain word TF-IDF cosine over titles (exhaustive).

class TfIdfBaseline {
  private idf = new Map<string, number>();
  private vecs: Array<{ id: string; v: Map<string, number> }> = [];
  private static words(s: string): string[] {
    return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  constructor(products: MatchProduct[]) {
    const df = new Map<string, number>();
    const toks = products.map((p) => TfIdfBaseline.words(p.title));
    for (const t of toks) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
    const n = products.length;
    for (const [w, c] of df) this.idf.set(w, Math.log(n / c) + 1);
    this.vecs = products.map((p, i) => ({ id: p.id, v: this.vec(toks[i]!) }));
  }
  private vec(words: string[]): Map<string, number> {
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = c * (this.idf.get(w) ?? 0);
      if (x) { v.set(w, x); norm += x * x; }
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  }
  rank(title: string, k: number): Array<{ id: string; score: number }> {
    const q = this.vec(TfIdfBaseline.words(title));
    const out: Array<{ id: string; score: number }> = [];
    for (const d of this.vecs) {
      let s = 0;
      for (const [w, x] of q) { const y = d.v.get(w); if (y) s += x * y; }
      if (s > 0) out.push({ id: d.id, score: s });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, k);
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics

interface Ranked {
  listingId: string;
  /** Candidates best first: id, pair score used for F1. */
  cands: Array<{ id: string; pairScore: number }>;
  confident: boolean;
  /** Confidence of the top candidate (engine only). */
  topConfidence?: number;
}

interface Figures {
  'recall@1': number; 'recall@3': number; 'recall@5': number; mrr: number;
  confidentPrecision: number; confidentCoverage: number; confidentPrecisionAll: number; bestF1: number; bestF1top1: number;
  /** Expected calibration error of the pair scores (top 5 of every listing, 10 bins); meaningful for probabilities only. */
  ece: number;
  bestF1Threshold: number; msPerListing: number; evaluated: number;
}

const round = (x: number, d = Number(process.env.BENCH_DIGITS ?? 3)): number => Math.round(x * 10 ** d) / 10 ** d;

function figures(results: Ranked[], truth: Map<string, Set<string>>, msPerListing: number): Figures {
  let r1 = 0, r3 = 0, r5 = 0, mrr = 0, matched = 0, conf = 0, confOk = 0, confAll = 0;
  let totalTrue = 0;
  const pairs: Array<{ s: number; ok: boolean }> = [];
  const top1: Array<{ s: number; ok: boolean }> = [];
  for (const r of results) {
    const t = truth.get(r.listingId);
    if (t) { matched++; totalTrue += t.size; }
    const rank = t ? r.cands.findIndex((c) => t.has(c.id)) : -1;
    if (t && rank >= 0) {
      if (rank < 1) r1++;
      if (rank < 3) r3++;
      if (rank < 5) r5++;
      mrr += 1 / (rank + 1);
    }
    if (r.confident) {
      confAll++;
      if (t) conf++;
      if (rank === 0) confOk++;
    }
    r.cands.slice(0, 5).forEach((c, i) => {
      const ok = !!t?.has(c.id);
      pairs.push({ s: c.pairScore, ok });
      if (i === 0) top1.push({ s: c.pairScore, ok });
    });
  }
  const bestF1 = (ps: Array<{ s: number; ok: boolean }>): { f1: number; t: number } => {
    ps.sort((a, b) => b.s - a.s);
    let tp = 0, best = 0, bestT = 1;
    ps.forEach((p, i) => {
      if (p.ok) tp++;
      const next = ps[i + 1];
      if (next && next.s === p.s) return; // threshold between distinct scores only
      const f1 = (2 * tp) / (i + 1 + totalTrue);
      if (f1 > best) { best = f1; bestT = p.s; }
    });
    return { f1: best, t: bestT };
  };
  const all = bestF1(pairs);
  const one = bestF1(top1);
  const bins = Array.from({ length: 10 }, () => ({ n: 0, ok: 0, s: 0 }));
  for (const p of pairs) {
    const b = bins[Math.min(9, Math.max(0, Math.floor(p.s * 10)))]!;
    b.n++; b.s += p.s; if (p.ok) b.ok++;
  }
  const ece = bins.reduce((e, b) => e + (b.n ? Math.abs(b.ok - b.s) : 0), 0) / Math.max(pairs.length, 1);
  return {
    'recall@1': round(r1 / matched), 'recall@3': round(r3 / matched), 'recall@5': round(r5 / matched), mrr: round(mrr / matched),
    confidentPrecision: round(conf ? confOk / conf : 0), confidentCoverage: round(matched ? conf / matched : 0),
    confidentPrecisionAll: round(confAll ? confOk / confAll : 0),
    bestF1: round(all.f1), bestF1top1: round(one.f1), ece: round(ece), bestF1Threshold: round(all.t, 4),
    msPerListing: round(msPerListing, 3), evaluated: matched,
  };
}

function runEngine(index: MatchIndex, listings: MatchListing[], batch = true): { results: Ranked[]; ms: number } {
  const t0 = performance.now();
  // --slack 0.3 overrides the product slack of suggestMany (for development; not used for reported figures).
  const slack = arg('slack');
  const all = batch ? index.suggestMany(listings, 30, slack ? { productSlack: Number(slack) } : {}) : listings.map((l) => index.suggest(l, 30));
  const results = listings.map((l, i) => {
    const sug = all[i]!;
    return {
      listingId: l.id!,
      cands: sug.map((s) => ({ id: s.productId, pairScore: s.confidence })),
      confident: sug[0]?.confident ?? false,
      topConfidence: sug[0]?.confidence ?? 0,
    };
  });
  return { results, ms: (performance.now() - t0) / Math.max(listings.length, 1) };
}

function runBaseline(base: TfIdfBaseline, listings: MatchListing[]): { results: Ranked[]; ms: number } {
  const t0 = performance.now();
  const results = listings.map((l) => {
    const r = base.rank(l.title ?? '', 30);
    const confident = !!r[0] && r[0].score >= 0.8 && r[0].score - (r[1]?.score ?? 0) >= 0.1;
    return { listingId: l.id!, cands: r.map((c) => ({ id: c.id, pairScore: c.score })), confident };
  });
  return { results, ms: (performance.now() - t0) / Math.max(listings.length, 1) };
}

function printTable(rows: Array<[string, Figures]>): void {
  const keys: Array<keyof Figures> = ['recall@1', 'recall@3', 'recall@5', 'mrr', 'confidentPrecision', 'confidentCoverage', 'confidentPrecisionAll', 'bestF1', 'bestF1top1', 'ece', 'msPerListing', 'evaluated'];
  log(['figure'.padEnd(20), ...rows.map(([n]) => n.padStart(14))].join(''));
  for (const k of keys) log([k.padEnd(20), ...rows.map(([, f]) => String(f[k]).padStart(14))].join(''));
}

/** Deterministic PRNG so runs are repeatable. */
const rng = seededRandom;

function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Real data

function realData(dir: string): void {
  const catalogRows = readCsv<Row>(resolve(dir, 'catalog.csv'));
  const listingRows = readCsv<Row>(resolve(dir, 'listings.csv'));
  const matchRows = readCsv<{ listing_id: string; catalog_id: string }>(resolve(dir, 'matches.csv'));
  const products: MatchProduct[] = catalogRows.map((r) => ({
    id: r.id, title: r.title ?? '', brand: r.brand || undefined, price: num(r.price), description: r.description || undefined,
  }));
  const listings: MatchListing[] = listingRows.map((r) => ({ id: r.id, title: r.title ?? '', brand: r.brand || undefined, price: num(r.price), description: r.description || undefined }));
  const truth = new Map<string, Set<string>>();
  for (const m of matchRows) {
    let s = truth.get(m.listing_id);
    if (!s) truth.set(m.listing_id, (s = new Set()));
    s.add(m.catalog_id);
  }
  log(`data: ${dir}\n  catalog ${products.length}, listings ${listings.length}, with a true match ${listings.filter((l) => truth.has(l.id!)).length}, true pairs ${matchRows.length}`);

  const t0 = performance.now();
  const index = MatchIndex.build(products);
  // --weights '{"charCos":3}' overrides default weights (for development; not used for reported figures).
  const override = arg('weights');
  if (override) index.setWeights({ ...DEFAULT_WEIGHTS, ...(JSON.parse(override) as Partial<Weights>) });
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const base = new TfIdfBaseline(products);
  const baseBuildMs = performance.now() - t1;

  const eng = runEngine(index, listings);
  const single = runEngine(index, listings, false);
  const ref = runBaseline(base, listings);
  const fe = figures(eng.results, truth, eng.ms);
  const fs = figures(single.results, truth, single.ms);
  const fb = figures(ref.results, truth, ref.ms);
  // How precision trades against coverage as the confidence bar moves (the mark uses 0.9).
  const curveLine = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98].map((t) => {
    let n = 0, ok = 0;
    for (const r of eng.results) {
      if ((r.topConfidence ?? 0) < t || !truth.has(r.listingId)) continue;
      n++;
      if (truth.get(r.listingId)?.has(r.cands[0]?.id ?? '')) ok++;
    }
    const matchedN = eng.results.filter((r) => truth.has(r.listingId)).length;
    return `≥${t}: precision ${n ? round(ok / n) : '-'} coverage ${round(n / matchedN)}`;
  });
  log(`\n  top-1 confidence bar -> ${curveLine.join('; ')}`);
  log(`\nall listings (weights: defaults, 0 labels)  build: engine ${buildMs.toFixed(0)} ms, reference ${baseBuildMs.toFixed(0)} ms`);
  printTable([['engine', fe], ['one-by-one', fs], ['tfidf-ref', fb]]);
  log('  engine: suggestMany over all listings (soft one-to-one assignment of listings and products; confidence = the pair\'s probability in it);');
  log('  one-by-one: suggest() per listing, no knowledge of the other listings.');

  // Error dump for development: --errors N prints N misses at rank 1.
  const nErr = Number(arg('errors') ?? 0);
  if (nErr > 0) {
    const byId = new Map(products.map((p) => [p.id, p]));
    let shown = 0;
    for (const r of eng.results) {
      const t = truth.get(r.listingId);
      if (!t || t.has(r.cands[0]?.id ?? '') || shown >= nErr) continue;
      shown++;
      const l = listings.find((x) => x.id === r.listingId)!;
      const rank = r.cands.findIndex((c) => t.has(c.id));
      log(`\nL: ${l.title} | ${l.brand} | ${l.price}`);
      log(`  got  ${r.cands[0] ? byId.get(r.cands[0].id)!.title : '-'} | ${r.cands[0] ? byId.get(r.cands[0].id)!.price : ''} (${r.cands[0]?.pairScore.toFixed(3)})`);
      const truthId = [...t][0]!;
      log(`  want ${byId.get(truthId)?.title} | ${byId.get(truthId)?.price} rank ${rank} ${rank >= 0 ? r.cands[rank]!.pairScore.toFixed(3) : ''}`);
      log('  why top:', index.suggest(l, 1)[0]?.reasons.map((x) => x.code).join(','));
    }
  }

  // Learning curve: labels drawn from ground truth for a fixed random set of 200 matched listings;
  // every row below is evaluated on the same held-out listings (the rest, matched or not).
  const labelCounts = (arg('labels') || '0,50,200').split(',').map(Number).filter((n) => Number.isFinite(n));
  const pool = shuffle(listings.filter((l) => truth.has(l.id!)), rng(42)).slice(0, Math.max(...labelCounts, 0));
  const poolIds = new Set(pool.map((l) => l.id!));
  const heldOut = listings.filter((l) => !poolIds.has(l.id!));
  const curve: Record<string, Figures> = {};
  const curveRows: Array<[string, Figures]> = [];
  for (const n of labelCounts) {
    const labels: Label[] = [];
    for (const l of pool.slice(0, n)) {
      const t = truth.get(l.id!)!;
      index.setWeights(DEFAULT_WEIGHTS);
      const top = index.suggest(l, 1)[0];
      // What a seller does: accept the right product (manual link if not suggested) and reject a wrong top suggestion.
      labels.push({ listing: l, productId: [...t][0]!, accepted: true });
      if (top && !t.has(top.productId)) labels.push({ listing: l, productId: top.productId, accepted: false });
    }
    const w: Weights = n > 0 ? learnWeights(labels, index, DEFAULT_WEIGHTS) : DEFAULT_WEIGHTS;
    index.setWeights(w);
    const r = runEngine(index, heldOut);
    const f = figures(r.results, truth, r.ms);
    curve[String(n)] = f;
    curveRows.push([`${n} labels`, f]);
    if (n === Math.max(...labelCounts) && arg('show-weights') !== undefined) log('learnt weights', JSON.stringify(w));
  }
  index.setWeights(DEFAULT_WEIGHTS);
  const refHeld = figures(runBaseline(base, heldOut).results, truth, 0);
  curveRows.push(['tfidf-ref', refHeld]);
  log(`\nlearning from the seller's labels (evaluated on ${heldOut.length} held-out listings, the ${pool.length} label listings excluded)`);
  printTable(curveRows);

  const mem = process.memoryUsage();
  log(`\nheap used ${(mem.heapUsed / 1e6).toFixed(1)} MB; build ${buildMs.toFixed(0)} ms; engine ${fe.msPerListing} ms/listing, reference ${fb.msPerListing} ms/listing`);

  if (asJson) {
    const { bestF1Threshold: _t, evaluated: _e, ...main } = fe;
    const { bestF1Threshold: _bt, evaluated: _be, ...ref } = fb;
    const { bestF1Threshold: _st, evaluated: _se, ...one } = fs;
    console.log(JSON.stringify({ ...main, buildMs: round(buildMs, 1), baseline: ref, oneByOne: one, learning: curve }));
  }
}

// ---------------------------------------------------------------------------------------------
// Synthetic scale test

function gc(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch { /* best effort */ }
}

function synthetic(nProducts: number): void {
  const r = rng(7);
  const syll = ['ka', 'lo', 'mi', 'ne', 'ro', 'ta', 'vi', 'zu', 'pe', 'sa', 'do', 'fi', 'gu', 'ha', 'ju', 'be', 'co', 'xe', 'wy', 'qu'];
  const word = (n: number): string => Array.from({ length: n }, () => syll[Math.floor(r() * syll.length)]!).join('');
  const vocab = Array.from({ length: 5000 }, () => word(2 + Math.floor(r() * 3)));
  const brands = Array.from({ length: 400 }, () => word(2 + Math.floor(r() * 2)));
  // Zipf-like pick: frequent words are frequent, most are rare.
  const zipf = (xs: string[]): string => xs[Math.floor(xs.length * r() ** 2.5)]!;
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const code = (): string => Array.from({ length: 2 + Math.floor(r() * 2) }, () => letters[Math.floor(r() * letters.length)]).join('') + '-' + String(100 + Math.floor(r() * 9900)) + (r() < 0.4 ? letters[Math.floor(r() * letters.length)] : '');
  const units = ['GB', 'ml', 'kg', 'cm', 'pack'];
  const products: MatchProduct[] = [];
  for (let i = 0; i < nProducts; i++) {
    const brand = zipf(brands);
    const words = Array.from({ length: 3 + Math.floor(r() * 4) }, () => zipf(vocab));
    const parts = [brand, ...words];
    if (r() < 0.7) parts.push(code());
    if (r() < 0.5) parts.push(`${1 + Math.floor(r() * 500)} ${units[Math.floor(r() * units.length)]}`);
    if (r() < 0.3) parts.push(String(2000 + Math.floor(r() * 26)));
    products.push({ id: `P${i}`, title: parts.join(' '), brand, price: Math.round(5 + r() * 500) });
  }
  const listings: Array<MatchListing & { truth: string }> = [];
  for (let i = 0; i < 10000; i++) {
    const p = products[Math.floor(r() * products.length)]!;
    let ws = p.title.split(' ');
    ws = ws.filter((_, j) => j === 0 || r() > 0.15); // drop some words
    if (r() < 0.3) ws = [...ws.slice(1), ws[0]!]; // brand moved to the end
    let title = ws.join(' ').replace(/([A-Z]+)-(\d+)/, (_m, a: string, b: string) => (r() < 0.5 ? a + b : `${a} ${b}`));
    if (r() < 0.5) title = title.toLowerCase();
    if (r() < 0.3) title += ' ' + zipf(vocab);
    listings.push({ id: `L${i}`, title, brand: r() < 0.7 ? p.brand : undefined, price: p.price! * (0.8 + r() * 0.4), truth: p.id });
  }

  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const index = MatchIndex.build(products);
  const buildMs = performance.now() - t0;
  const cb = process.cpuUsage(c0);
  const buildCpuMs = (cb.user + cb.system) / 1000;
  gc();
  const heapIndex = process.memoryUsage().heapUsed - heap0;

  // Warm up, then time each query.
  for (const l of listings.slice(0, 200)) index.suggest(l, 5);
  // Wall time per query, and process CPU time (user+system) which is less disturbed when other
  // processes compete for the cores.
  const times: number[] = [];
  const cpu: number[] = [];
  let hit = 0;
  for (const l of listings) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const s = index.suggest(l, 5);
    times.push(performance.now() - t);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    if (s[0]?.productId === l.truth) hit++;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const pct = (p: number, xs = times): number => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;

  // Exhaustive scan of all products for a sample of listings, same scorer.
  const sample = listings.slice(0, 200);
  let exHit = 0;
  const te = performance.now();
  for (const l of sample) if (index.scoreCandidates(l, 30, true)[0]?.productId === l.truth) exHit++;
  const exMean = (performance.now() - te) / sample.length;
  const idxHitSample = sample.filter((l) => index.suggest(l, 1)[0]?.productId === l.truth).length;

  // Incremental update cost.
  const tu = performance.now();
  for (let i = 0; i < 1000; i++) index.upsert({ ...products[i]!, title: products[i]!.title + ' v2' });
  const upsertMs = (performance.now() - tu) / 1000;

  gc();
  const heapTotal = process.memoryUsage().heapUsed;
  const out = {
    products: nProducts, listings: listings.length, buildMs: round(buildMs, 0), buildCpuMs: round(buildCpuMs, 0),
    p50ms: round(pct(0.5), 3), p95ms: round(pct(0.95), 3), p99ms: round(pct(0.99), 3), meanMs: round(mean, 3),
    cpuP50ms: round(pct(0.5, cpu), 3), cpuP95ms: round(pct(0.95, cpu), 3), loadAverage: round(loadavg()[0]!, 1),
    exhaustiveMeanMs: round(exMean, 2), speedup: round(exMean / mean, 1),
    recall1: round(hit / listings.length), recall1SampleIndexed: round(idxHitSample / sample.length), recall1SampleExhaustive: round(exHit / sample.length),
    upsertMs: round(upsertMs, 3), heapIndexMB: round(heapIndex / 1e6, 1), heapUsedMB: round(heapTotal / 1e6, 1),
  };
  log(`synthetic: ${nProducts} products, ${listings.length} listings`);
  log(`  index build        ${out.buildMs} ms wall, ${out.buildCpuMs} ms CPU (all threads, GC included)`);
  log(`  query p50/p95/p99  ${out.p50ms} / ${out.p95ms} / ${out.p99ms} ms (mean ${out.meanMs} ms)`);
  log(`  query CPU p50/p95  ${out.cpuP50ms} / ${out.cpuP95ms} ms (1-min load average ${out.loadAverage} on ${cpus().length} cores)`);
  log(`  exhaustive scan    ${out.exhaustiveMeanMs} ms/query over ${sample.length} listings -> speedup ${out.speedup}x`);
  log(`  recall@1           ${out.recall1} (sample: indexed ${out.recall1SampleIndexed}, exhaustive ${out.recall1SampleExhaustive})`);
  log(`  upsert             ${out.upsertMs} ms each`);
  log(`  heap               index ${out.heapIndexMB} MB (after GC), whole process ${out.heapUsedMB} MB after GC incl. the synthetic data`);
  if (asJson) console.log(JSON.stringify(out));
}

const syn = arg('synthetic');
if (syn !== undefined) synthetic(Number(syn) || 100000);
else realData(resolve(repoRoot, arg('data') || '../shared/datasets/amazon-google'));
