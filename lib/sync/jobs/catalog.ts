/**
 * Job "catalog": download the catalog system's products, page by page, into `products`.
 * Each page and its cursor are written in one transaction after the page arrives.
 */
import type { Product } from '../../domain/catalog';
import type { RunContext } from '../context';
import { markReflected } from '../stock';

/** Products asked per page. */
export const CATALOG_PAGE_SIZE = 250;

/** Run (or resume) the catalog download. */
export async function runCatalogJob(ctx: RunContext): Promise<void> {
  const { db } = ctx;
  let next = ctx.cp.cursor['next'] as string | undefined;
  let pages = (ctx.cp.cursor['pages'] as number | undefined) ?? 0;
  if (ctx.cp.cursor['done']) return;
  for (;;) {
    ctx.checkAbort();
    const requestedAt = ctx.now;
    const page = await ctx.deps.catalog.listProducts({ cursor: next, pageSize: CATALOG_PAGE_SIZE }, ctx.signal);
    pages += 1;
    await ctx.commit('pages', { next: page.next, pages, done: !page.next }, {
      tables: [db.products, ctx.tables.orders],
      progress: { phase: 'catalog', done: (ctx.cp.counts['created'] ?? 0) + (ctx.cp.counts['updated'] ?? 0) + page.items.length },
      work: async () => {
        const now = ctx.now;
        const existing = await db.products.bulkGet(page.items.map((p) => p.sku));
        const rows: Product[] = page.items.map((p, i) => {
          ctx.count(existing[i] ? 'updated' : 'created');
          return { ...p, createdAt: existing[i]?.createdAt ?? now, updatedAt: now };
        });
        await db.products.bulkPut(rows);
        await markReflected(ctx.tables, new Set(rows.map((r) => r.sku)), requestedAt);
      },
    });
    if (!page.next) return;
    next = page.next;
  }
}
