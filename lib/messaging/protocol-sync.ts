/**
 * Messages of the sync engine's UI (popup: status, "Sync now"). Merged into the protocol in protocol.ts.
 */
export const syncProtocol = {} as const;
