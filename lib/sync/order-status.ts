/**
 * Skulink's status of marketplace orders, for the Seller Central orders overlay: one status and,
 * when there is one, the reason in the seller's language.
 */
import type { SkulinkDexie } from '../db/db';
import { explain } from './explanations';
import { syncTables } from './repo';
import type { Language, OrderStatus } from './schemas';

/** What the overlay shows for one order. `unknown`: Skulink has not downloaded it (yet). */
export interface OrderStatusInfo {
  status: OrderStatus | 'unknown';
  reason?: { code: string; title: string; explanation: string; fix: string };
  catalogOrderId?: string;
  importedAt?: number;
}

/** Status + reason per Amazon order id (every id asked gets an answer). */
export async function orderStatusFor(db: SkulinkDexie, orderIds: readonly string[], language: Language = 'en'): Promise<Record<string, OrderStatusInfo>> {
  const rows = await syncTables(db).orders.bulkGet([...orderIds]);
  const out: Record<string, OrderStatusInfo> = {};
  orderIds.forEach((id, i) => {
    const row = rows[i];
    if (!row) {
      out[id] = { status: 'unknown' };
      return;
    }
    out[id] = {
      status: row.status,
      reason: row.reason ? { code: row.reason.code, ...explain(row.reason.code, language, row.reason.params) } : undefined,
      catalogOrderId: row.catalogOrderId,
      importedAt: row.importedAt,
    };
  });
  return out;
}
