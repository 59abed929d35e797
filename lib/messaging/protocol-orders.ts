/**
 * Messages of the orders overlay (Seller Central order list and detail pages).
 * Merged into the protocol in protocol.ts.
 */
import { z } from 'zod';

/** An Amazon order id as Seller Central shows it (3-7-7 digits). */
export const AmazonOrderId = z.string().regex(/^\d{3}-\d{7}-\d{7}$/, 'Not an Amazon order id (123-1234567-1234567).');

/** One item line of an order as the page shows it. The SKU may be missing (not every layout shows it). */
export const PageOrderItem = z.object({
  sku: z.string().min(1).max(200).optional(),
  asin: z.string().max(20).optional(),
  title: z.string().max(2000).optional(),
  quantity: z.number().int().nonnegative().max(1_000_000).optional(),
});
export type PageOrderItem = z.infer<typeof PageOrderItem>;

/** One order of the page: its id and the items the page lists for it. */
export const PageOrder = z.object({
  orderId: AmazonOrderId,
  items: z.array(PageOrderItem).max(100),
});
export type PageOrder = z.infer<typeof PageOrder>;

/**
 * Skulink's status of an order: what the sync engine did with it (`imported`, `error`, `pending`,
 * `cancelled`, `deleted`), or `not-yet` when it has not downloaded it.
 */
export const OrderOverlayStatus = z.enum(['imported', 'error', 'pending', 'cancelled', 'deleted', 'not-yet']);
export type OrderOverlayStatus = z.infer<typeof OrderOverlayStatus>;

/** The link state of one SKU of an order on the caller's marketplace. */
export const OrderItemView = z.object({
  sku: z.string(),
  linked: z.boolean(),
  productSku: z.string().optional(),
  productTitle: z.string().optional(),
});
export type OrderItemView = z.infer<typeof OrderItemView>;

/** What the overlay shows for one order. Texts are in the seller's language. */
export const OrderStatusView = z.object({
  status: OrderOverlayStatus,
  /** Why (error, cancelled, pending): a short title. */
  reason: z.string().optional(),
  /** The reason's code (e.g. `sku_not_linked`), for tests and styling; never shown alone. */
  reasonCode: z.string().optional(),
  /** What the reason means, in a sentence. */
  explanation: z.string().optional(),
  /** What the seller should do about it. */
  fix: z.string().optional(),
  catalogOrderId: z.string().optional(),
  /** One entry per distinct SKU of the order (page items plus the downloaded order's). */
  items: z.array(OrderItemView),
});
export type OrderStatusView = z.infer<typeof OrderStatusView>;

export const ordersProtocol = {
  /**
   * The Skulink status of the orders on a page, and the link state of their SKUs on the sender's
   * marketplace. The SKUs are recorded as listings of that marketplace so they can be linked.
   */
  'orders.status': {
    from: 'page',
    request: z.object({ orders: z.array(PageOrder).min(1).max(200) }),
    response: z.object({ orders: z.record(z.string(), OrderStatusView) }),
  },
} as const;
