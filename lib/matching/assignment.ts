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
 *
 * Twins (catalog rows with the same title, brand and description; listings with the same title
 * and brand) are not rivals. A listing chooses among twin products as one option, and twin listings
 * (the same item under two SKUs, e.g. FBA and merchant-fulfilled) choose as one. A group of n twin
 * products can take up to n listings; each twin is then shared by the listings that chose the
 * group. So one listing that wants a duplicated product gets every copy, and five listings that
 * want five indistinguishable rows get a fifth of each, as nothing says which is whose.
 */

/** One listing's candidates: a product key, the scorer's log-odds, and the product's twin group if any. */
export type Row = ReadonlyArray<{ readonly key: string; readonly score: number; readonly twin?: string }>;

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
  /**
   * Twin group of each row (same length as rows): rows with the same group are indistinguishable
   * listings and are assigned as one (their candidates merged, the best score of each product kept).
   */
  rowGroups?: readonly string[];
}

/**
 * Pair probabilities, same shape as `rows`: probability that listing i is product rows[i][j].
 * A row's options (its twin groups and lone products) sum to at most 1 (the rest is "no
 * product"); twins in a row, and twin rows, get the same probability. Rows without candidates give [].
 */
export function softAssign(rows: readonly Row[], options: SoftAssignOptions = {}): number[][] {
  // Options: a twin group or a lone product. Capacity: how many distinct products it holds.
  const optionOf = (c: Row[number]): string => (c.twin === undefined ? `k:${c.key}` : `t:${c.twin}`);
  const members = new Map<string, Set<string>>();
  for (const r of rows) for (const c of r) {
    const o = optionOf(c);
    let m = members.get(o);
    if (!m) members.set(o, (m = new Set()));
    m.add(c.key);
  }
  // Twin rows merge; within a merged row each option keeps its best score.
  const merged: Array<Map<string, number>> = [];
  const mergedOf: number[] = [];
  const byGroup = new Map<string, number>();
  rows.forEach((r, i) => {
    const g = options.rowGroups?.[i];
    let m = g === undefined ? undefined : byGroup.get(g);
    if (m === undefined) {
      m = merged.length;
      merged.push(new Map());
      if (g !== undefined) byGroup.set(g, m);
    }
    mergedOf.push(m);
    const best = merged[m]!;
    for (const c of r) best.set(optionOf(c), Math.max(best.get(optionOf(c)) ?? -Infinity, c.score));
  });
  const opts = merged.map((m) => [...m.keys()]);
  const solved = solve(
    merged.map((m, i) => opts[i]!.map((key) => ({ key, score: m.get(key)! }))),
    (key) => members.get(key)!.size,
    options,
  );
  // Demand on each option; a twin is shared by the listings that chose its group.
  const demand = new Map<string, number>();
  solved.forEach((ps, i) => ps.forEach((p, j) => demand.set(opts[i]![j]!, (demand.get(opts[i]![j]!) ?? 0) + p)));
  const at = solved.map((ps, i) => new Map(opts[i]!.map((o, j) => [o, ps[j]! / Math.max(1, demand.get(o)!)])));
  return rows.map((r, i) => r.map((c) => at[mergedOf[i]!]!.get(optionOf(c))!));
}

/** Sinkhorn scaling over rows whose keys are distinct within each row; a column takes up to capacity(key) rows. */
function solve(rows: readonly Row[], capacity: (key: string) => number, options: SoftAssignOptions): number[][] {
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
  const cap = new Float64Array(cols.size);
  for (const [key, j] of cols) cap[j] = capacity(key);
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
    for (let j = 0; j < v.length; j++) colSum[j] = slack * cap[j]!;
    for (let i = 0; i < rows.length; i++) {
      const k = kernel[i]!;
      const c = colOf[i]!;
      for (let j = 0; j < k.length; j++) colSum[c[j]!]! += u[i]! * k[j]!;
    }
    let change = 0;
    for (let j = 0; j < v.length; j++) {
      const next = cap[j]! / colSum[j]!;
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
