/**
 * Overlay benchmark in real Chromium with the built extension: N listing rows appear on a
 * Seller Central inventory page (the page inserts them, like its React app does); how long until
 * every row carries Skulink's badge, and what that costs the page's main thread, read from a
 * Chromium trace: the longest task, and Skulink's own script time per task, against the same page
 * without the extension. Prints figures; it is not a test.
 * Usage: npm run bench:overlay [-- --rows 250,1000 --catalog 10000 --runs 3 --json]
 */
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { launchExtension } from '../e2e/harness.ts';
import { generateJanusPage, generateListings } from '../fixtures/seller-central/generate.ts';
import { seedCatalog } from '../e2e/seed.ts';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/chromium.mjs';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '250,1000' }, catalog: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const sizes = values.rows!.split(',').map(Number);
const runs = Number(values.runs);
const catalogSize = Number(values.catalog);
const URL_RE = /^https:\/\/sellercentral\.amazon\.com\/myinventory\/inventory/;

interface Run { rows: number; insertMs: number; firstBadgeMs: number; annotatedMs: number; longestTaskMs: number; longestOwnMs: number; ownTotalMs: number; tasksOver50: number }
interface TraceEvent { name: string; ts: number; dur?: number; tid: number; ph: string; args?: { data?: { url?: string; scriptName?: string } } }

/** Insert `n` rows in the page, wait for badges (if any), and read the trace. */
async function measure(context: BrowserContext, page: Page, n: number, expectBadges: boolean): Promise<Run> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,v8.execute', transferMode: 'ReportEvents' });
  // tsx keeps function names with a __name helper the page does not have.
  await page.evaluate('window.__name = (f) => f');
  const inPage = await page.evaluate(async ([count, badges]) => {
    const annotated = () => document.querySelectorAll('[data-skulink-state]').length;
    performance.mark('skulink-bench-t0');
    const t0 = performance.now();
    document.querySelector('kat-pagination')!.dispatchEvent(new CustomEvent('change', { detail: { value: 1 } }));
    const insertMs = performance.now() - t0;
    let firstBadgeMs = -1;
    // A MutationObserver sees each badge the moment it is inserted (rAF polling would add a frame).
    const annotatedMs = !badges ? 0 : await new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`only ${annotated()} of ${count} rows annotated after 20 s`)), 20000);
      const check = () => {
        const c = annotated();
        if (c > 0 && firstBadgeMs < 0) firstBadgeMs = performance.now() - t0;
        if (c >= count) { clearTimeout(timeout); mo.disconnect(); resolve(performance.now() - t0); }
      };
      const mo = new MutationObserver(check);
      mo.observe(document.documentElement, { childList: true, subtree: true });
      check();
    });
    await new Promise((r) => setTimeout(r, 1500)); // refinement (suggestions) and the page's settling
    return { insertMs, firstBadgeMs, annotatedMs };
  }, [n, expectBadges] as const);
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  const t0 = events.find((e) => e.name === 'skulink-bench-t0');
  if (!t0) throw new Error('trace has no start mark');
  const main = events.filter((e) => e.tid === t0.tid && e.dur !== undefined);
  // Tasks after the one in which the page inserted its rows (that one is the page's).
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ts > t0.ts);
  const insertTask = main.find((e) => e.name === 'RunTask' && e.ts <= t0.ts && e.ts + e.dur! >= t0.ts);
  const own = main.filter((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.callFunction') && `${e.args?.data?.url ?? ''}${e.args?.data?.scriptName ?? ''}`.startsWith('chrome-extension://'));
  const ownIn = (task: TraceEvent) => {
    let sum = 0;
    let until = 0;
    for (const e of own) {
      if (e.ts < task.ts || e.ts + e.dur! > task.ts + task.dur! || e.ts < until) continue;
      sum += e.dur!;
      until = e.ts + e.dur!;
    }
    return sum / 1000;
  };
  const all = insertTask ? [insertTask, ...tasks] : tasks;
  return {
    rows: n,
    ...inPage,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.dur! / 1000)),
    longestOwnMs: Math.max(0, ...all.map(ownIn)),
    ownTotalMs: all.reduce((s, t) => s + ownIn(t), 0),
    tasksOver50: tasks.filter((t) => t.dur! > 50_000).length,
  };
}

async function scenario(context: BrowserContext, n: number, run: number, badges: boolean): Promise<Run> {
  // Fresh SKUs every run, so nothing is cached: page 2 of a one-page list starts empty.
  const html = generateJanusPage({ rows: n, seed: 1000 + n * 10 + run, lazy: true, pageSize: n, batch: n, rerenderMs: 0 });
  await context.route(URL_RE, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/myinventory/inventory?page=2');
  await page.waitForTimeout(800);
  const r = await measure(context, page, n, badges);
  await page.close();
  await context.unroute(URL_RE);
  return r;
}

const results: Run[] = [];
const baseline: Run[] = [];
const b = await launchExtension();
try {
  const seedPage = await b.popup();
  const catalog = generateListings({ rows: catalogSize, seed: 77 });
  const started = Date.now();
  await seedCatalog(seedPage, catalog.map((l, i) => ({ sku: i % 2 ? l.sku : `ERP-${i}`, title: l.title, brand: l.brand, price: l.price })));
  console.log(`catalog: ${catalogSize} products seeded in ${Date.now() - started} ms`);
  await seedPage.close();
  for (const n of sizes) for (let run = 0; run < runs; run++) results.push(await scenario(b.context, n, run, true));
} finally {
  await b.close();
}
// The same pages in the same Chromium without the extension: what the page's own rendering costs here.
const plain = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
try {
  const context = await plain.newContext({ viewport: { width: 1400, height: 900 } });
  for (const n of sizes) for (let run = 0; run < runs; run++) baseline.push(await scenario(context, n, run, false));
} finally {
  await plain.close();
}

const med = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
const f = (x: number, w: number) => x.toFixed(0).padStart(w);
console.log('\nms from the moment the page starts inserting the rows; medians over runs, maxima for tasks.');
console.log('rows | page insert | first badge | all badged | after insert | Skulink script: longest in one task, total | longest task: with / page alone | tasks > 50 ms: with / alone');
const summary: Record<string, unknown> = {};
for (const n of sizes) {
  const rs = results.filter((r) => r.rows === n);
  const bs = baseline.filter((r) => r.rows === n);
  const row = {
    insertMs: med(rs.map((r) => r.insertMs)),
    firstBadgeMs: med(rs.map((r) => r.firstBadgeMs)),
    annotatedMs: med(rs.map((r) => r.annotatedMs)),
    annotatedAfterInsertMs: med(rs.map((r) => r.annotatedMs - r.insertMs)),
    longestOwnScriptMs: Math.max(...rs.map((r) => r.longestOwnMs)),
    ownScriptTotalMs: med(rs.map((r) => r.ownTotalMs)),
    longestTaskMs: Math.max(...rs.map((r) => r.longestTaskMs)),
    baselineLongestTaskMs: Math.max(...bs.map((r) => r.longestTaskMs)),
    tasksOver50: Math.max(...rs.map((r) => r.tasksOver50)),
    baselineTasksOver50: Math.max(...bs.map((r) => r.tasksOver50)),
  };
  summary[n] = row;
  console.log(`${String(n).padEnd(4)} | ${f(row.insertMs, 11)} | ${f(row.firstBadgeMs, 11)} | ${f(row.annotatedMs, 10)} | ${f(row.annotatedAfterInsertMs, 12)} | ${f(row.longestOwnScriptMs, 27)}, ${f(row.ownScriptTotalMs, 5)} | ${f(row.longestTaskMs, 20)} / ${f(row.baselineLongestTaskMs, 5)} | ${f(row.tasksOver50, 18)} / ${row.baselineTasksOver50}`);
}
console.log(`targets: 250 rows annotated within 150 ms of appearing; no task over 50 ms. (runs per size: ${runs}, catalog ${catalogSize} products)`);
if (values.json) console.log(JSON.stringify({ catalog: catalogSize, runs, sizes: summary }));
