/**
 * Benchmark: import a generated 100,000-row catalog CSV through importCatalogCsv into a
 * fake-indexeddb Dexie in Node. Prints total time, rows/s, the longest synchronous slice between
 * yields (as the importer measures it, and as the event loop saw it), and heap used.
 * Then the same import in headless Chromium with real IndexedDB, from a File, with the browser's
 * long-task observer and a 10 ms heartbeat timer watching whether the page would freeze.
 *
 *   npm run bench:import            (or: npx tsx tests/bench/import.ts [rows] [chunkKiB] [--node|--browser])
 */
import 'fake-indexeddb/auto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { createDb } from '../../lib/db/db';
import { createCatalogSink } from '../../lib/catalog/catalog-store';
import { importCatalogCsv, mergeRow, previewCsv, type CatalogSink } from '../../lib/catalog/csv-import';
import type { Product } from '../../lib/domain/catalog';
import { generateCatalogCsv } from '../fixtures/csv/generate';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rows = Number(positional[0] ?? 100_000);
const chunkSize = Number(positional[1] ?? 16) * 1024;
const onlyNode = process.argv.includes('--node');
const onlyBrowser = process.argv.includes('--browser');
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

function memorySink(): CatalogSink {
  const m = new Map<string, Product>();
  return {
    async upsertBatch(list, { activeMapped }) {
      let created = 0;
      for (const p of list) {
        const old = m.get(p.sku);
        if (!old) created++;
        m.set(p.sku, old ? mergeRow(old, p, activeMapped) : p);
      }
      return { created, updated: list.length - created };
    },
  };
}

async function run(label: string, sink: CatalogSink, csv: string): Promise<void> {
  const { mapping } = await previewCsv(csv);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let progressCalls = 0;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await importCatalogCsv(csv, mapping, sink, {
    chunkSize,
    onProgress: () => {
      progressCalls++;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  console.log(`\n${label}`);
  console.log(`  rows ${s.rows}  created ${s.created}  updated ${s.updated}  rejected ${s.rejected}  warnings ${s.warnings.length}`);
  console.log(`  total ${(ms / 1000).toFixed(2)} s wall (${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU)   ${Math.round(s.rows / (ms / 1000)).toLocaleString('en')} rows/s`);
  console.log(`  chunks ${s.chunks} (${chunkSize / 1024} KiB each, ~${Math.round(s.rows / s.chunks)} rows), progress callbacks ${progressCalls}`);
  console.log(`  sync slice between yields (parse + validate, measured by the importer): max ${s.maxSliceMs.toFixed(1)} ms, p95 ${s.p95SliceMs.toFixed(1)} ms`);
  console.log(`  event-loop delay max (includes fake-indexeddb's own synchronous work): ${(loop.max / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms`);
  console.log(`  heap used: before ${mb(heapBefore)}, peak seen ${mb(heapPeak)}, after ${mb(process.memoryUsage().heapUsed)}`);
}

/** Page script: generate the CSV, import it from a File into real IndexedDB, watch the main thread. */
const BROWSER_ENTRY = `
import { createDb } from './lib/db/db';
import { importCatalogToDb } from './lib/catalog/catalog-store';
import { importCatalogCsv, previewCsv } from './lib/catalog/csv-import';
import { generateCatalogCsv } from './tests/fixtures/csv/generate';
globalThis.runImportBench = async (rows, chunkSize) => {
  const csv = generateCatalogCsv({ rows, seed: 42, badEvery: 1000 });
  const file = new File([csv], 'bench.csv', { type: 'text/csv' });
  const db = createDb('bench-' + Date.now());
  const out = [];
  for (const label of ['parse + validate only (no-op sink)', 'first import (creates)', 'same file again (updates)']) {
    const longTasks = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    obs.observe({ type: 'longtask', buffered: false });
    let last = performance.now(), maxGap = 0;
    const beat = setInterval(() => { const now = performance.now(); maxGap = Math.max(maxGap, now - last); last = now; }, 10);
    let progressCalls = 0;
    const { mapping } = await previewCsv(file);
    const t0 = performance.now();
    const opts = { chunkSize, onProgress: () => { progressCalls++; } };
    const s = label.startsWith('parse')
      ? await importCatalogCsv(file, mapping, { upsertBatch: async (l) => ({ created: l.length, updated: 0 }) }, opts)
      : await importCatalogToDb(db, file, mapping, opts);
    const ms = performance.now() - t0;
    clearInterval(beat);
    await new Promise((r) => setTimeout(r, 50));
    obs.disconnect();
    const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
    out.push({ label, ms, rows: s.rows, created: s.created, updated: s.updated, rejected: s.rejected, chunks: s.chunks,
      maxSliceMs: s.maxSliceMs, p95SliceMs: s.p95SliceMs, progressCalls, longTasks: longTasks.length,
      maxLongTask: longTasks.length ? Math.max(...longTasks) : 0, maxGap, heap, count: await db.products.count() });
  }
  await db.delete();
  return out;
};
`;

interface BrowserResult {
  label: string;
  ms: number;
  rows: number;
  created: number;
  updated: number;
  rejected: number;
  chunks: number;
  maxSliceMs: number;
  p95SliceMs: number;
  progressCalls: number;
  longTasks: number;
  maxLongTask: number;
  maxGap: number;
  heap: number;
  count: number;
}

async function runBrowser(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const { build } = await import('esbuild');
  const bundle = await build({
    stdin: { contents: BROWSER_ENTRY, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const { chromium } = await import('playwright-core');
  // @ts-expect-error plain ESM helper shared with the npm scripts
  const { CHROMIUM_FLAGS, findChromium } = (await import('../../scripts/chromium.mjs')) as { CHROMIUM_FLAGS: string[]; findChromium: () => string };
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    // A real origin so IndexedDB works; nothing leaves the machine.
    await page.route('http://bench.skulink.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><title>import bench</title><script type="module">${script.replace(/<\/script/gi, '<\\/script')}</script>` }),
    );
    await page.goto('http://bench.skulink.test/');
    await page.waitForFunction(() => 'runImportBench' in globalThis);
    const results = (await page.evaluate(
      ([n, c]) => (globalThis as unknown as { runImportBench: (n: number, c: number) => Promise<Record<string, number | string>[]> }).runImportBench(n, c),
      [rows, chunkSize] as const,
    )) as unknown as BrowserResult[];
    for (const r of results) {
      console.log(`\nChromium ${await browser.version()}, real IndexedDB, from a File: ${r.label}`);
      console.log(`  rows ${r.rows}  created ${r.created}  updated ${r.updated}  rejected ${r.rejected}  products in db ${r.count}`);
      console.log(`  total ${(r.ms / 1000).toFixed(2)} s   ${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en')} rows/s   chunks ${r.chunks}, progress callbacks ${r.progressCalls}`);
      console.log(`  sync slice between yields (importer): max ${r.maxSliceMs.toFixed(1)} ms, p95 ${r.p95SliceMs.toFixed(1)} ms`);
      console.log(`  long tasks (>50 ms) seen by PerformanceObserver: ${r.longTasks}${r.longTasks ? `, longest ${r.maxLongTask.toFixed(0)} ms` : ''}`);
      console.log(`  longest gap of a 10 ms heartbeat timer: ${r.maxGap.toFixed(1)} ms`);
      console.log(`  JS heap used after: ${mb(r.heap)}`);
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (onlyBrowser) return runBrowser();
  const t = performance.now();
  const csv = generateCatalogCsv({ rows, seed: 42, badEvery: 1000 });
  console.log(`generated ${rows.toLocaleString('en')} rows, ${mb(csv.length)} in ${(performance.now() - t).toFixed(0)} ms (every 1000th row broken)`);

  await run('parse + validate only (in-memory sink)', memorySink(), csv);

  const db = createDb(`bench-import-${Date.now()}`);
  await run('into Dexie on fake-indexeddb (first import: creates)', createCatalogSink(db), csv);
  console.log(`  products in db: ${await db.products.count()}`);
  await run('into Dexie on fake-indexeddb (same file again: updates)', createCatalogSink(db), csv);
  console.log(`  products in db: ${await db.products.count()}`);
  await db.delete();
  if (!onlyNode) await runBrowser();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
