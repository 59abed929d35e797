/**
 * Job "reconcile": link unlinked listings to catalog products by exact SKU, then by GTIN, when
 * exactly one product matches and the seller has not rejected that pair; then refresh suggestions.
 * Local work only, committed in chunks so a kill loses at most one chunk of work.
 */
import type { Link, LinkEvent } from '../../domain/link';
import type { Listing } from '../../domain/listing';
import type { RunContext } from '../context';

const CHUNK = 2000;
const normSku = (s: string) => s.normalize('NFKC').trim().toUpperCase();

/** Run (or resume) link reconciliation. */
export async function runReconcileJob(ctx: RunContext): Promise<void> {
  const { db } = ctx;
  let offset = (ctx.cp.cursor['offset'] as number | undefined) ?? 0;
  const autoLink = ctx.deps.autoLink;
  if (autoLink && !ctx.cp.cursor['linked']) {
    // The seller's own auto-link (with their SKU rules), one marketplace per step.
    const ids = ctx.settings.marketplaceIds;
    while (offset < ids.length) {
      ctx.checkAbort();
      const r = await autoLink(ids[offset]!, ctx.signal);
      offset += 1;
      ctx.count('linked', r.linked);
      ctx.count('ambiguous', r.ambiguous ?? 0);
      ctx.count('noMatch', r.noMatch ?? 0);
      await ctx.commit('link', { offset, linked: offset >= ids.length }, { progress: { phase: 'reconcile', done: offset, total: ids.length } });
    }
  }
  if (!ctx.cp.cursor['linked']) {
    const products = await db.products.toArray();
    const bySku = new Map<string, string[]>();
    const byGtin = new Map<string, string[]>();
    for (const p of products) {
      const k = normSku(p.sku);
      bySku.set(k, [...(bySku.get(k) ?? []), p.sku]);
      if (p.gtin) byGtin.set(p.gtin, [...(byGtin.get(p.gtin) ?? []), p.sku]);
    }
    const rejected = new Set((await db.labels.filter((l) => !l.accepted).toArray()).map((l) => `${l.listingId}\u0000${l.productSku}`));
    const marketplaces = new Set(ctx.settings.marketplaceIds);
    const listings: Listing[] = (await db.listings.orderBy('id').toArray()).filter((l) => marketplaces.size === 0 || marketplaces.has(l.marketplaceId));
    const linked = new Set((await db.links.toCollection().primaryKeys()) as string[]);
    while (offset < listings.length) {
      ctx.checkAbort();
      const chunk = listings.slice(offset, offset + CHUNK);
      offset += chunk.length;
      const now = ctx.now;
      const links: Link[] = [];
      const events: LinkEvent[] = [];
      for (const l of chunk) {
        if (linked.has(l.id)) continue;
        let method: Link['method'] | undefined;
        let match: string[] = (bySku.get(normSku(l.sku)) ?? []).filter((s) => !rejected.has(`${l.id}\u0000${s}`));
        if (match.length === 1) method = 'auto-sku';
        else if (match.length === 0 && l.gtin) {
          match = (byGtin.get(l.gtin) ?? []).filter((s) => !rejected.has(`${l.id}\u0000${s}`));
          if (match.length === 1) method = 'auto-gtin';
        }
        if (!method) {
          ctx.count(match.length > 1 ? 'ambiguous' : 'noMatch');
          continue;
        }
        const productSku = match[0]!;
        links.push({ listingId: l.id, marketplaceId: l.marketplaceId, listingSku: l.sku, asin: l.asin, productSku, method, createdAt: now });
        events.push({ at: now, action: 'link', method, actor: 'auto', listingId: l.id, productSku, batchId: ctx.runId });
      }
      ctx.count('linked', links.length);
      await ctx.commit('link', { offset }, {
        tables: [db.links, db.linkHistory],
        progress: { phase: 'reconcile', done: offset, total: listings.length },
        work: async () => {
          // Re-check inside the transaction: the seller may have linked one meanwhile.
          const present = await db.links.bulkGet(links.map((k) => k.listingId));
          const fresh = links.filter((_, i) => !present[i]);
          const freshIds = new Set(fresh.map((k) => k.listingId));
          await db.links.bulkAdd(fresh);
          await db.linkHistory.bulkAdd(events.filter((e) => freshIds.has(e.listingId)));
        },
      });
      for (const k of links) linked.add(k.listingId);
    }
    await ctx.commit('suggest', { offset, linked: true });
  }
  if (ctx.deps.refreshSuggestions) {
    const n = await ctx.deps.refreshSuggestions(db, ctx.signal);
    ctx.count('suggestions', n);
    await ctx.commit('done', { offset, linked: true, suggested: true });
  }
}
