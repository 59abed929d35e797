/**
 * Soft one-to-one assignment between many listings and the catalog.
 *
 * Why: a catalog product is normally sold by one listing per marketplace, and a listing is one
 * product. Scoring each listing alone cannot use that; ranking a page (or a bulk match) together
 * can. The model: each listing matches at most one of its candidates or nothing, each product is
 * taken by at most one listing or stays unlisted. Its pair probabilities are found by Sinkhorn
 * scaling (alternately normalizing listings and products) of exp(score), with a "nothing" entry
 * on both sides. A product that several listings want is shared between them by how strongly each
 * wants it; a product nobody else wants keeps or gains its share.
 */

/** One listing's candidates: a product key and the scorer's log-odds. */
export type Row = ReadonlyArray<{ readonly key: string; readonly score: number }>;

/** Options of softAssign. */
export interface SoftAssignOptions {
  /**
   * Weight of "this product stays unlisted" against one unit of exp(score); the weight of "this
   * listing matches nothing" is 1 (score 0, even odds). Smaller values make products more
   * exclusive. Default 0.1: of the products a listing set points at, most are really listed.
   */
  productSlack?: number;
  /** Iteration cap (default 100); iteration stops earlier once the scaling has converged. */
  iterations?: number;
}

/**
 * Pair probabilities, same shape as `rows`: probability that listing i is product rows[i][j].
 * Each row sums to at most 1 (the rest is "no product"). Rows without candidates give [].
 */
export function softAssign(rows: readonly Row[], options: SoftAssignOptions = {}): number[][] {
  const slack = options.productSlack ?? 0.1;
  const iterations = options.iterations ?? 100;
  const cols = new Map<string, number>();
  const colOf: Int32Array[] = rows.map((r) => Int32Array.from(r, (c) => {
    let j = cols.get(c.key);
    if (j === undefined) cols.set(c.key, (j = cols.size));
    return j;
  }));
  // Kernel exp(score), shifted per row for range; the row's own "nothing" entry shifts with it.
  const kernel: Float64Array[] = [];
  const none: number[] = [];
  rows.forEach((r) => {
    const m = Math.max(0, ...r.map((c) => c.score));
    kernel.push(Float64Array.from(r, (c) => Math.exp(c.score - m)));
    none.push(Math.exp(-m));
  });
  const u = new Float64Array(rows.length);
  const v = new Float64Array(cols.size).fill(1);
  const colSum = new Float64Array(cols.size);
  const updateRows = (): void => {
    for (let i = 0; i < rows.length; i++) {
      const k = kernel[i]!;
      const c = colOf[i]!;
      let s = none[i]!;
      for (let j = 0; j < k.length; j++) s += k[j]! * v[c[j]!]!;
      u[i] = 1 / s;
    }
  };
  for (let it = 0; it < iterations; it++) {
    updateRows();
    colSum.fill(slack);
    for (let i = 0; i < rows.length; i++) {
      const k = kernel[i]!;
      const c = colOf[i]!;
      for (let j = 0; j < k.length; j++) colSum[c[j]!]! += u[i]! * k[j]!;
    }
    let change = 0;
    for (let j = 0; j < v.length; j++) {
      const next = 1 / colSum[j]!;
      change = Math.max(change, Math.abs(next - v[j]!) / next);
      v[j] = next;
    }
    if (change < 1e-6) break;
  }
  updateRows();
  return rows.map((_, i) => {
    const k = kernel[i]!;
    const c = colOf[i]!;
    return Array.from(k, (x, j) => u[i]! * x * v[c[j]!]!);
  });
}
