import type { SkulinkDexie } from '../db/db';
import { LinkRefusal, LinkService } from '../linking/service';
import { CatalogIndex } from '../linking/catalog-index';
import { languageSetting, readSetting, skuRulesSetting } from '../settings';
import type { SkuRules } from '../matching/identifiers';
import type { Handlers } from '../messaging/router';
import { catalogStats } from '../stats';
import { createOrdersHandlers } from './orders-handlers';
import { createSyncHandlers } from './sync-handlers';

/**
 * The background's answer to every protocol message: small functions over the link service.
 * Page messages act on the marketplace the router derived from the sender's URL.
 */
/** The background's one link service: the seller's SKU rules applied, one matching index. */
export function createLinkService(db: SkulinkDexie): LinkService {
  return new LinkService(db, {}, new CatalogIndex(db, { skuRules: () => matcherSkuRules(db) }));
}

export function createBackgroundHandlers(db: SkulinkDexie, service = createLinkService(db)): Handlers {
  const page = (caller: Parameters<Handlers['rows.seen']>[1]) => {
    if (caller.kind !== 'page') throw new Error('This message needs a Seller Central page.');
    return caller.marketplace;
  };
  return {
    'rows.seen': async ({ rows }, c) => ({ rows: await service.rowsSeen(page(c), rows) }),
    'rows.refine': async ({ skus }, c) => ({ rows: await service.views(page(c), skus, true) }),
    'prefs.get': async () => ({ language: await readSetting(db, languageSetting) }),
    'links.map': async (_d, c) => ({ linked: await service.linkMap(page(c)) }),
    'link.create': async ({ sku, productSku, via }, c) => ({ row: await service.link(page(c), sku, productSku, via === 'suggestion' ? 'suggestion' : 'manual') }),
    'link.remove': async ({ sku }, c) => ({ row: await service.unlink(page(c), sku) }),
    'suggest.list': async ({ sku, k }, c) => ({ suggestions: await service.suggest(page(c), sku, k) }),
    'suggest.reject': async ({ sku, productSku }, c) => ({ row: await service.reject(page(c), sku, productSku) }),
    'catalog.search': async ({ query, k }) => ({ results: await service.search(query, k) }),
    'catalog.addFromListing': async ({ sku }, c) => {
      try {
        return { ok: true as const, row: await service.addToCatalog(page(c), sku) };
      } catch (e) {
        if (e instanceof LinkRefusal) return { ok: false as const, error: { code: e.code, message: e.message, productSku: e.productSku } };
        throw e;
      }
    },
    'autolink.run': async ({ skus }, c) => service.autoLink(page(c), skus),
    'links.unlinkAll': async ({ skus }, c) => service.unlinkAll(page(c), skus),
    'links.undo': async ({ batchId }) => service.undo(batchId),
    'stats.get': async () => catalogStats(db),
    ...createOrdersHandlers(db, service),
    ...createSyncHandlers(db),
  };
}

/** The seller's SKU rules (options page) in the matcher's terms. */
export async function matcherSkuRules(db: SkulinkDexie): Promise<SkuRules> {
  const r = await readSetting(db, skuRulesSetting);
  return { stripPrefixes: r.stripPrefixes, stripSuffixes: r.stripSuffixes, caseSensitive: !r.caseInsensitive };
}
