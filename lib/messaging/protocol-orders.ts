/**
 * Messages of the orders overlay (Seller Central order list and detail pages).
 * Merged into the protocol in protocol.ts.
 */
export const ordersProtocol = {} as const;
