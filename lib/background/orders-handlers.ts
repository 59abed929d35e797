import type { SkulinkDexie } from '../db/db';
import type { Handlers } from '../messaging/router';
import type { ordersProtocol } from '../messaging/protocol-orders';

/** Handlers of the orders overlay's messages. */
export function createOrdersHandlers(_db: SkulinkDexie): Pick<Handlers, keyof typeof ordersProtocol> {
  return {};
}
