/**
 * Job "shipments": confirm tracking on Amazon for imported orders that have a shipment recorded
 * (`recordShipment`). Intent before confirmShipment, result after; an intent left by a killed
 * run is sent again (Amazon treats a repeated confirmation of the same package as a no-op error,
 * which is logged as a warning, never as a lost shipment).
 */
import { ConnectorError } from '../../connectors/types';
import type { RunContext } from '../context';

/** Run (or resume) the shipment confirmations. */
export async function runShipmentsJob(ctx: RunContext): Promise<void> {
  const { tables } = ctx;
  const due = await tables.orders
    .where('status')
    .equals('imported')
    .filter((r) => r.accountId === ctx.accountId && !!r.shipment && r.shipment.state === 'pending')
    .toArray();
  let done = 0;
  for (const row of due) {
    ctx.checkAbort();
    const s = row.shipment!;
    await ctx.commit('confirm', {}, {
      tables: [tables.orders],
      progress: { phase: 'shipments', done, total: due.length },
      work: async () => {
        const r = await tables.orders.get(row.orderId);
        if (r?.shipment) await tables.orders.put({ ...r, shipment: { ...r.shipment, intentAt: ctx.now } });
      },
    });
    let failure: { code: string; message: string } | undefined;
    try {
      await ctx.deps.marketplace.confirmShipment(
        {
          orderId: row.orderId,
          marketplaceId: row.marketplaceId,
          carrierCode: s.carrierCode,
          trackingNumber: s.trackingNumber,
          shipDate: s.shipDate,
          items: row.order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
        },
        ctx.signal,
      );
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.details.retryable !== false) throw error;
      failure = { code: error.code, message: error.message };
    }
    done += 1;
    if (failure) ctx.log({ subjectType: 'order', subjectId: row.orderId, code: failure.code === 'unknown' ? 'shipment_failed' : failure.code, message: failure.message });
    ctx.count(failure ? 'failed' : 'confirmed');
    await ctx.commit('confirm', {}, {
      tables: [tables.orders],
      progress: { phase: 'shipments', done, total: due.length },
      work: async () => {
        const r = await tables.orders.get(row.orderId);
        if (!r?.shipment) return;
        await tables.orders.put({
          ...r,
          shipment: failure
            ? { ...r.shipment, intentAt: undefined, state: 'error', reason: { code: 'shipment_failed', params: { code: failure.code } } }
            : { ...r.shipment, intentAt: undefined, state: 'sent', sentAt: ctx.now, reason: undefined },
        });
      },
    });
  }
}
