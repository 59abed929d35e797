/**
 * Benchmark: import a generated 100,000-row catalog CSV through importCatalogCsv into a
 * fake-indexeddb Dexie in Node. Prints total time, rows/s, the longest synchronous slice between
 * yields (as the importer measures it, and as the event loop saw it), and heap used.
 *
 *   npm run bench:import            (or: npx tsx tests/bench/import.ts [rows] [chunkKiB])
 */
import 'fake-indexeddb/auto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createDb } from '../../lib/db/db';
import { createCatalogSink } from '../../lib/catalog/catalog-store';
import { importCatalogCsv, mergeRow, previewCsv, type CatalogSink } from '../../lib/catalog/csv-import';
import type { Product } from '../../lib/domain/catalog';
import { generateCatalogCsv } from '../fixtures/csv/generate';

const rows = Number(process.argv[2] ?? 100_000);
const chunkSize = Number(process.argv[3] ?? 64) * 1024;
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

async function main(): Promise<void> {
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
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
