import type { SkulinkDexie } from '../db/db';
import type { Product } from '../domain/catalog';
import { listingId, type Listing } from '../domain/listing';
import { LinkMethod, type AutoLinkSummary, type Link, type LinkEvent } from '../domain/link';
import type { Marketplace } from '../domain/marketplaces';
import { autoLink, canonicalGtin, type MatchListing, type Suggestion } from '../matching';
import type { PageRow, ProductSummary, RowView, SuggestionView } from '../messaging/protocol';
import { CatalogIndex } from './catalog-index';

/** A clock and an id source, injected so tests are deterministic. */
export interface LinkServiceDeps {
  now?: () => number;
  newId?: () => string;
}

/** Raised for a refusal a seller must read, e.g. "a product with this SKU exists". */
export class LinkRefusal extends Error {
  constructor(readonly code: string, message: string, readonly productSku?: string) {
    super(message);
    this.name = 'LinkRefusal';
  }
}

export function summarize(p: Product): ProductSummary {
  return { sku: p.sku, title: p.title, brand: p.brand, price: p.price, gtin: p.gtin, origin: p.origin };
}

function toMatchListing(l: Listing): MatchListing {
  return { id: l.id, sku: l.sku, title: l.title, price: l.price, gtin: l.gtin, asin: l.asin, description: l.description };
}

/**
 * Everything the overlay asks of the catalog: row states, suggestions, links, bulk actions and
 * their history. Runs in the background worker over Dexie; the content script only sends messages.
 */
export class LinkService {
  readonly catalog: CatalogIndex;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly db: SkulinkDexie, deps: LinkServiceDeps = {}, catalog?: CatalogIndex) {
    this.catalog = catalog ?? new CatalogIndex(db);
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /**
   * Record rows seen on a page as listings and answer each row's state.
   * `refine` adds ranked suggestions (slower); without it only links and exact identifiers are used,
   * so a page's first paint stays fast.
   */
  async rowsSeen(mp: Marketplace, rows: PageRow[], refine = false): Promise<RowView[]> {
    const at = this.now();
    const ids = rows.map((r) => listingId(mp.id, r.sku));
    await this.db.transaction('rw', this.db.listings, async () => {
      const existing = await this.db.listings.bulkGet(ids);
      const next: Listing[] = rows.map((r, i) => {
        const old = existing[i];
        return {
          ...(old ?? { firstSeenAt: at, source: 'page' as const }),
          id: ids[i]!,
          marketplaceId: mp.id,
          sku: r.sku,
          asin: r.asin ?? old?.asin,
          title: r.title ?? old?.title,
          price: r.price ?? old?.price,
          currency: r.price !== undefined ? mp.currency : old?.currency,
          quantity: r.quantity ?? old?.quantity,
          fulfillmentChannel: r.fulfillmentChannel !== 'UNKNOWN' ? r.fulfillmentChannel : (old?.fulfillmentChannel ?? 'UNKNOWN'),
          status: r.status ?? old?.status,
          lastSeenAt: at,
        };
      });
      await this.db.listings.bulkPut(next);
    });
    return this.views(mp, rows.map((r) => r.sku), refine);
  }

  /** The state of each SKU's row on this marketplace. */
  async views(mp: Marketplace, skus: string[], refine = false): Promise<RowView[]> {
    const ids = skus.map((s) => listingId(mp.id, s));
    const [links, listings] = await Promise.all([this.db.links.bulkGet(ids), this.db.listings.bulkGet(ids)]);
    const linkedSkus = links.flatMap((l) => (l ? [l.productSku] : []));
    const products = new Map((await this.db.products.bulkGet(linkedSkus)).flatMap((p) => (p ? [[p.sku, p] as const] : [])));
    const unlinked = skus.flatMap((s, i) => (links[i] ? [] : [i]));
    const tops = new Map<number, SuggestionView | undefined>();
    if (unlinked.length) {
      const index = await this.catalog.get();
      const rejected = await this.rejectedFor(unlinked.map((i) => ids[i]!));
      const candidates = new Map<number, Suggestion | undefined>();
      const queries = new Map<number, MatchListing>();
      for (const i of unlinked) {
        const listing = listings[i];
        const query: MatchListing = listing ? toMatchListing(listing) : { id: ids[i], sku: skus[i] };
        const no = rejected.get(ids[i]!);
        const exact = index.exactMatches(query);
        if (exact && exact.productIds.length === 1 && !no?.has(exact.productIds[0]!)) {
          candidates.set(i, { productId: exact.productIds[0]!, score: 100, confidence: 1, confident: true, reasons: [{ code: `same-${exact.kind}`, text: `Same ${exact.kind.toUpperCase()}` }] });
        } else if (refine && query.title) {
          queries.set(i, query);
        } else {
          candidates.set(i, undefined);
        }
      }
      if (queries.size) {
        // Ranked together: listings on one page rarely share a product, so a product another
        // listing matches clearly better is demoted (the engine's one-to-one assignment).
        const order = [...queries.keys()];
        const asked = order.map((i) => queries.get(i)!);
        let ranked = index.suggestMany(asked, 3);
        // Products already linked to other listings of this marketplace are taken: ranked again
        // with those links, so a page never offers a product that another SKU holds (unless it is
        // the same item, an FBA and a merchant SKU of one ASIN).
        const linked = await this.linkedAmong(mp, ranked.flat().map((s) => s.productId));
        if (linked.length) ranked = index.suggestMany(asked, 3, { linked });
        order.forEach((i, n) => {
          const no = rejected.get(ids[i]!);
          const top = ranked[n]?.find((s) => !no?.has(s.productId));
          candidates.set(i, top?.confident ? top : undefined);
        });
      }
      const views = await this.toViews([...candidates.values()].flatMap((s) => (s ? [s] : [])));
      const byId = new Map(views.map((v) => [v.product.sku, v]));
      for (const [i, s] of candidates) tops.set(i, s ? byId.get(s.productId) : undefined);
    }
    return skus.map((sku, i) => {
      const link = links[i];
      if (link) {
        const product = products.get(link.productSku);
        if (!product) return { sku, state: 'error' as const, error: `Linked product ${link.productSku} is no longer in the catalog.` };
        return { sku, state: 'linked' as const, product: summarize(product) };
      }
      const top = tops.get(i);
      return top ? { sku, state: 'suggested' as const, top } : { sku, state: 'unlinked' as const };
    });
  }

  /** The links of this marketplace that hold any of these products, with their listings. */
  private async linkedAmong(mp: Marketplace, productSkus: string[]): Promise<Array<{ productId: string; listing: MatchListing }>> {
    if (!productSkus.length) return [];
    const links = (await this.db.links.where('productSku').anyOf([...new Set(productSkus)]).toArray()).filter((l) => l.marketplaceId === mp.id);
    const listings = await this.db.listings.bulkGet(links.map((l) => l.listingId));
    return links.map((l, i) => ({ productId: l.productSku, listing: listings[i] ? toMatchListing(listings[i]) : { id: l.listingId, sku: l.listingSku } }));
  }

  /**
   * Every linked listing of a marketplace as [listing SKU, product SKU, product title], so a page
   * can show linked and unlinked rows the moment they appear, before asking about each one.
   */
  async linkMap(mp: Marketplace): Promise<[string, string, string][]> {
    const links = await this.db.links.where('marketplaceId').equals(mp.id).toArray();
    const products = await this.db.products.bulkGet([...new Set(links.map((l) => l.productSku))]);
    const titles = new Map(products.flatMap((p) => (p ? [[p.sku, p.title] as const] : [])));
    return links.flatMap((l) => {
      const title = titles.get(l.productSku);
      return title === undefined ? [] : [[l.listingSku, l.productSku, title] as [string, string, string]];
    });
  }

  /** Ranked suggestions for one listing, exact identifiers first, minus the ones the seller rejected. */
  async suggest(mp: Marketplace, sku: string, k: number): Promise<SuggestionView[]> {
    const id = listingId(mp.id, sku);
    const listing = await this.db.listings.get(id);
    const index = await this.catalog.get();
    const rejected = (await this.rejectedFor([id])).get(id);
    const query = listing ? toMatchListing(listing) : { id, sku };
    let found = index.suggest(query, k + (rejected?.size ?? 0));
    const linked = await this.linkedAmong(mp, found.map((s) => s.productId));
    if (linked.length) found = index.suggest(query, k + (rejected?.size ?? 0), { linked });
    return this.toViews(found.filter((s) => !rejected?.has(s.productId)).slice(0, k));
  }

  /** Free-text search over the whole catalog (SKU, GTIN, words). */
  async search(query: string, k: number): Promise<SuggestionView[]> {
    const q = query.trim();
    if (!q) return [];
    const index = await this.catalog.get();
    return this.toViews(index.search(q, k));
  }

  /** Link a listing to a product (replacing any previous link), recording who did it and, for suggestions, a label. */
  async link(mp: Marketplace, sku: string, productSku: string, method: LinkMethod, actor: LinkEvent['actor'] = 'seller'): Promise<RowView> {
    const id = listingId(mp.id, sku);
    const at = this.now();
    await this.db.transaction('rw', [this.db.links, this.db.linkHistory, this.db.products, this.db.listings, this.db.labels], async () => {
      const product = await this.db.products.get(productSku);
      if (!product) throw new LinkRefusal('no_product', `There is no catalog product with SKU "${productSku}".`, productSku);
      const listing = await this.db.listings.get(id);
      const old = await this.db.links.get(id);
      if (old && old.productSku !== productSku) {
        await this.db.linkHistory.add({ at, action: 'unlink', method: old.method, actor, listingId: id, productSku: old.productSku });
      }
      await this.db.links.put({ listingId: id, marketplaceId: mp.id, listingSku: sku, asin: listing?.asin, productSku, method, createdAt: at });
      await this.db.linkHistory.add({ at, action: 'link', method, actor, listingId: id, productSku });
      if (actor === 'seller') await this.db.labels.add({ at, listingId: id, productSku, accepted: true });
    });
    return (await this.views(mp, [sku]))[0]!;
  }

  /** Remove a listing's link; a seller's unlink also teaches the matcher that pair was wrong. */
  async unlink(mp: Marketplace, sku: string): Promise<RowView> {
    const id = listingId(mp.id, sku);
    const at = this.now();
    await this.db.transaction('rw', [this.db.links, this.db.linkHistory, this.db.labels], async () => {
      const old = await this.db.links.get(id);
      if (!old) return;
      await this.db.links.delete(id);
      await this.db.linkHistory.add({ at, action: 'unlink', method: old.method, actor: 'seller', listingId: id, productSku: old.productSku });
      await this.db.labels.add({ at, listingId: id, productSku: old.productSku, accepted: false });
    });
    return (await this.views(mp, [sku]))[0]!;
  }

  /** The seller said "not this one": never suggest it again for this listing. */
  async reject(mp: Marketplace, sku: string, productSku: string): Promise<RowView> {
    const id = listingId(mp.id, sku);
    const at = this.now();
    await this.db.transaction('rw', [this.db.linkHistory, this.db.labels], async () => {
      await this.db.labels.add({ at, listingId: id, productSku, accepted: false });
      await this.db.linkHistory.add({ at, action: 'reject', method: 'reject', actor: 'seller', listingId: id, productSku });
    });
    return (await this.views(mp, [sku], true))[0]!;
  }

  /**
   * Create a catalog product from a listing ("Add to catalog") and link them. Refused when a
   * product with the same SKU or GTIN already exists, naming it, so nothing is duplicated.
   */
  async addToCatalog(mp: Marketplace, sku: string): Promise<RowView> {
    const id = listingId(mp.id, sku);
    const listing = await this.db.listings.get(id);
    if (!listing) throw new LinkRefusal('unknown_listing', `Skulink has not seen listing "${sku}" yet; reload the page.`);
    const index = await this.catalog.get();
    const bySku = index.exactMatches({ sku });
    const existing = (await this.db.products.get(sku)) ?? (bySku?.productIds[0] ? await this.db.products.get(bySku.productIds[0]) : undefined);
    if (existing) throw new LinkRefusal('exists_sku', `A catalog product with SKU "${existing.sku}" already exists: link to it instead.`, existing.sku);
    const gtin = listing.gtin ? canonicalGtin(listing.gtin) : undefined;
    if (gtin) {
      const same = await this.db.products.where('gtin').equals(gtin).first();
      if (same) throw new LinkRefusal('exists_gtin', `Catalog product "${same.sku}" has the same GTIN: link to it instead.`, same.sku);
    }
    const at = this.now();
    await this.db.products.add({
      sku,
      title: listing.title ?? sku,
      asin: listing.asin,
      gtin,
      price: listing.price,
      currency: listing.currency,
      stock: {},
      extra: {},
      active: true,
      origin: 'amazon',
      createdAt: at,
      updatedAt: at,
    });
    return this.link(mp, sku, sku, 'manual');
  }

  /**
   * Link every unlinked listing whose SKU, GTIN or ASIN matches exactly one product; several
   * products sharing the identifier are counted as ambiguous and left for the seller.
   */
  async autoLink(mp: Marketplace, skus?: string[]): Promise<AutoLinkSummary> {
    const listings = skus
      ? (await this.db.listings.bulkGet(skus.map((s) => listingId(mp.id, s)))).flatMap((l) => (l ? [l] : []))
      : await this.db.listings.where('marketplaceId').equals(mp.id).toArray();
    const linked = new Set((await this.db.links.bulkGet(listings.map((l) => l.id))).flatMap((l) => (l ? [l.listingId] : [])));
    const index = await this.catalog.get();
    const result = autoLink(listings.map(toMatchListing), index, (lid) => linked.has(lid));
    const bySku = new Map(listings.map((l) => [l.id, l]));
    const at = this.now();
    const batchId = this.newId();
    const methodOf = { sku: 'auto-sku', gtin: 'auto-gtin', asin: 'auto-asin' } as const;
    await this.db.transaction('rw', [this.db.links, this.db.linkHistory, this.db.products], async () => {
      const exist = new Set((await this.db.products.bulkGet(result.links.map((l) => l.productId))).flatMap((p) => (p ? [p.sku] : [])));
      const links: Link[] = [];
      const events: LinkEvent[] = [];
      for (const l of result.links) {
        const listing = bySku.get(l.listingId)!;
        if (!exist.has(l.productId)) continue;
        links.push({ listingId: l.listingId, marketplaceId: mp.id, listingSku: listing.sku, asin: listing.asin, productSku: l.productId, method: methodOf[l.kind], createdAt: at });
        events.push({ at, action: 'link', method: methodOf[l.kind], actor: 'auto', listingId: l.listingId, productSku: l.productId, batchId });
      }
      await this.db.links.bulkPut(links);
      await this.db.linkHistory.bulkAdd(events);
    });
    return { ...result.summary, batchId };
  }

  /** Unlink every listing of this marketplace (or the given SKUs) as one batch that can be undone. */
  async unlinkAll(mp: Marketplace, skus?: string[]): Promise<{ batchId: string; count: number }> {
    const batchId = this.newId();
    const at = this.now();
    let count = 0;
    await this.db.transaction('rw', [this.db.links, this.db.linkHistory], async () => {
      const links = skus
        ? (await this.db.links.bulkGet(skus.map((s) => listingId(mp.id, s)))).flatMap((l) => (l ? [l] : []))
        : await this.db.links.where('marketplaceId').equals(mp.id).toArray();
      await this.db.links.bulkDelete(links.map((l) => l.listingId));
      await this.db.linkHistory.bulkAdd(links.map((l) => ({ at, action: 'unlink' as const, method: l.method, actor: 'seller' as const, listingId: l.listingId, productSku: l.productSku, batchId })));
      count = links.length;
    });
    return { batchId, count };
  }

  /** Undo a bulk action: restore what an unlink-all removed, or remove what an auto-link added. */
  async undo(batchId: string): Promise<{ count: number }> {
    const at = this.now();
    let count = 0;
    await this.db.transaction('rw', [this.db.links, this.db.linkHistory, this.db.listings], async () => {
      const events = await this.db.linkHistory.where('batchId').equals(batchId).toArray();
      for (const e of events) {
        const current = await this.db.links.get(e.listingId);
        if (e.action === 'unlink' && !current) {
          const listing = await this.db.listings.get(e.listingId);
          const [marketplaceId, ...rest] = e.listingId.split(':');
          const parsed = LinkMethod.safeParse(e.method);
          const method = parsed.success ? parsed.data : 'manual';
          await this.db.links.put({ listingId: e.listingId, marketplaceId: marketplaceId!, listingSku: listing?.sku ?? rest.join(':'), asin: listing?.asin, productSku: e.productSku, method, createdAt: at });
          await this.db.linkHistory.add({ at, action: 'link', method: 'undo', actor: 'seller', listingId: e.listingId, productSku: e.productSku });
          count++;
        } else if (e.action === 'link' && current?.productSku === e.productSku) {
          await this.db.links.delete(e.listingId);
          await this.db.linkHistory.add({ at, action: 'unlink', method: 'undo', actor: 'seller', listingId: e.listingId, productSku: e.productSku });
          count++;
        }
      }
    });
    return { count };
  }

  private async rejectedFor(ids: string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const labels = await this.db.labels.where('listingId').anyOf(ids).toArray();
    for (const l of labels.sort((a, b) => a.at - b.at)) {
      const set = out.get(l.listingId) ?? new Set<string>();
      if (l.accepted) set.delete(l.productSku);
      else set.add(l.productSku);
      out.set(l.listingId, set);
    }
    return out;
  }

  private async toViews(found: Suggestion[]): Promise<SuggestionView[]> {
    const products = await this.db.products.bulkGet(found.map((s) => s.productId));
    return found.flatMap((s, i) => {
      const p = products[i];
      if (!p) return [];
      const exactReason = s.reasons.find((r) => /^same-(sku|gtin|asin)$/.test(r.code));
      const exact = exactReason ? (exactReason.code.slice(5) as 'sku' | 'gtin' | 'asin') : undefined;
      return [{ product: summarize(p), score: s.score, confidence: s.confidence, confident: s.confident, exact, reasons: s.reasons }];
    });
  }
}
