import type { SkulinkDexie } from '../db/db';
import type { Handlers } from '../messaging/router';
import type { syncProtocol } from '../messaging/protocol-sync';

/** Handlers of the sync UI's messages. */
export function createSyncHandlers(_db: SkulinkDexie): Pick<Handlers, keyof typeof syncProtocol> {
  return {};
}
