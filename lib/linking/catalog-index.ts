import type { SkulinkDexie } from '../db/db';
import type { Product } from '../domain/catalog';
import { MatchIndex, learnWeights, type MatchProduct, type Weights } from '../matching';
import type { SkuRules } from '../matching/identifiers';

/** The matcher's view of a catalog product. */
export function toMatchProduct(p: Product): MatchProduct {
  return { id: p.sku, sku: p.sku, title: p.title, brand: p.brand, price: p.price, gtin: p.gtin, asin: p.asin, mpn: p.mpn };
}

/**
 * Keeps one matching index over the catalog in the background worker, in step with Dexie.
 * Why: the catalog changes from other contexts (the options page imports, sync downloads), so
 * before each use it compares a cheap signature (count + newest update) and catches up:
 * incrementally for new or changed products, by a rebuild when products were removed.
 */
export class CatalogIndex {
  private index?: MatchIndex;
  private count = -1;
  private newest = -1;
  private labelCount = -1;
  private building?: Promise<MatchIndex>;
  private rulesKey = '';

  constructor(
    private readonly db: SkulinkDexie,
    private readonly options: { skuRules?: () => Promise<SkuRules | undefined> } = {},
  ) {}

  /** The up-to-date index (built on first use). */
  async get(): Promise<MatchIndex> {
    if (this.building) return this.building;
    this.building = this.refresh().finally(() => (this.building = undefined));
    return this.building;
  }

  /** Forget the index so the next use rebuilds it (e.g. after SKU rules change). */
  invalidate(): void {
    this.index = undefined;
  }

  private async refresh(): Promise<MatchIndex> {
    const [count, last, skuRules] = await Promise.all([this.db.products.count(), this.db.products.orderBy('updatedAt').last(), this.options.skuRules?.()]);
    const newest = last?.updatedAt ?? 0;
    const rulesKey = JSON.stringify(skuRules ?? {});
    if (!this.index || count < this.count || rulesKey !== this.rulesKey) {
      const all = await this.db.products.toArray();
      this.rulesKey = rulesKey;
      // In slices: the worker keeps answering messages while a large catalog is indexed.
      this.index = await MatchIndex.buildInSlices(all.map(toMatchProduct), { skuRules });
      this.labelCount = -1;
    } else if (count !== this.count || newest !== this.newest) {
      const changed = await this.db.products.where('updatedAt').above(this.newest).toArray();
      for (const p of changed) this.index.upsert(toMatchProduct(p));
    }
    this.count = count;
    this.newest = newest;
    await this.learn(this.index);
    return this.index;
  }

  /** Adapt the scorer's weights to this seller's labels when new ones arrived. */
  private async learn(index: MatchIndex): Promise<void> {
    const n = await this.db.labels.count();
    if (n === this.labelCount) return;
    this.labelCount = n;
    if (n < 10) return;
    const labels = await this.db.labels.orderBy('at').reverse().limit(2000).toArray();
    const listingIds = [...new Set(labels.map((l) => l.listingId))];
    const listings = new Map((await this.db.listings.bulkGet(listingIds)).filter((l) => !!l).map((l) => [l!.id, l!]));
    const usable = labels.flatMap((l) => {
      const listing = listings.get(l.listingId);
      return listing ? [{ listing: { id: listing.id, sku: listing.sku, title: listing.title, price: listing.price, gtin: listing.gtin, asin: listing.asin }, productId: l.productSku, accepted: l.accepted }] : [];
    });
    const weights: Weights = learnWeights(usable, index);
    index.setWeights(weights);
  }
}
