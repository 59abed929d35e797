import type { SkulinkDexie } from '../db/db';
import { LinkService } from '../linking/service';
import type { PageRow, RowView } from '../messaging/protocol';
import type { OrderItemView, OrderOverlayStatus, OrderStatusView, ordersProtocol } from '../messaging/protocol-orders';
import type { Handlers } from '../messaging/router';
import { readSetting } from '../settings/setting';
import { languageSetting } from '../settings/language';
import { orderStatusFor } from '../sync/order-status';
import { syncTables } from '../sync/repo';
import { Language } from '../sync/schemas';

/**
 * The language reasons are written in: the one the seller chose in the options, else the
 * browser's (as the overlay's own strings), else English.
 */
export async function sellerLanguage(db: SkulinkDexie, browserLanguage = globalThis.navigator?.language): Promise<Language> {
  const chosen = await readSetting(db, languageSetting);
  const code = chosen === 'auto' ? browserLanguage?.slice(0, 2).toLowerCase() : chosen;
  const parsed = Language.safeParse(code);
  return parsed.success ? parsed.data : 'en';
}

/**
 * Handlers of the orders overlay's messages. `service` should be the background's link service
 * (one catalog index per worker); a new one is made when none is given.
 */
export function createOrdersHandlers(db: SkulinkDexie, service = new LinkService(db)): Pick<Handlers, keyof typeof ordersProtocol> {
  return {
    'orders.status': async ({ orders }, caller) => {
      if (caller.kind !== 'page') throw new Error('This message needs a Seller Central page.');
      const mp = caller.marketplace;
      const ids = [...new Set(orders.map((o) => o.orderId))];
      const language = await sellerLanguage(db);
      const [statuses, rows] = await Promise.all([orderStatusFor(db, ids, language), syncTables(db).orders.bulkGet(ids)]);
      const downloaded = new Map(rows.flatMap((r) => (r ? [[r.orderId, r] as const] : [])));

      // Every SKU of every order once: the page's lines first, then what the downloaded order adds.
      const skusOf = new Map<string, string[]>();
      const seen = new Map<string, PageRow>();
      const note = (orderId: string, item: { sku?: string; asin?: string; title?: string }) => {
        const sku = item.sku?.trim();
        if (!sku) return;
        const list = skusOf.get(orderId) ?? [];
        if (!list.includes(sku)) list.push(sku);
        skusOf.set(orderId, list);
        const old = seen.get(sku);
        // Never the order's quantity or price: a listing's quantity is its stock, not what was sold.
        seen.set(sku, {
          sku,
          asin: old?.asin ?? (item.asin && item.asin.length <= 20 ? item.asin : undefined),
          title: old?.title ?? item.title?.slice(0, 2000),
          fulfillmentChannel: 'UNKNOWN',
        });
      };
      for (const o of orders) for (const item of o.items) note(o.orderId, item);
      for (const id of ids) for (const item of downloaded.get(id)?.order.items ?? []) note(id, item);

      const pageRows = [...seen.values()];
      const views = pageRows.length ? await service.rowsSeen(mp, pageRows) : [];
      const bySku = new Map<string, RowView>(views.map((v) => [v.sku, v]));

      const out: Record<string, OrderStatusView> = {};
      for (const id of ids) {
        const info = statuses[id] ?? { status: 'unknown' as const };
        const items: OrderItemView[] = (skusOf.get(id) ?? []).map((sku) => {
          const v = bySku.get(sku);
          return v?.state === 'linked' && v.product
            ? { sku, linked: true, productSku: v.product.sku, productTitle: v.product.title }
            : { sku, linked: false };
        });
        const status: OrderOverlayStatus = info.status === 'unknown' ? 'not-yet' : info.status;
        out[id] = {
          status,
          ...(info.reason ? { reason: info.reason.title, reasonCode: info.reason.code, explanation: info.reason.explanation, fix: info.reason.fix } : {}),
          ...(info.catalogOrderId ? { catalogOrderId: info.catalogOrderId } : {}),
          items,
        };
      }
      return { orders: out };
    },
  };
}
