import { createDb } from '@/lib/db/db';
import { createBackgroundHandlers, createLinkService } from '@/lib/background/handlers';
import { marketplaceById } from '@/lib/domain/marketplaces';
import { createSyncWiring, registerSyncWiring } from '@/lib/background/sync-wiring';
import { t } from '@/lib/i18n';
import { routeMessage } from '@/lib/messaging/router';

export default defineBackground(() => {
  const db = createDb();
  // Open (and upgrade) the database at start, not on the first message.
  db.open().catch((e) => console.error('[Skulink] database failed to open', e));
  const links = createLinkService(db);
  // The sync engines: registered before the handlers so "Sync now" and status use this one.
  const sync = registerSyncWiring(
    db,
    createSyncWiring({
      db,
      alarms: browser.alarms,
      notifications: browser.notifications,
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      texts: {
        ordersFailed: (name, count) => ({ title: t('sync_notify_orders_failed_title'), message: t('sync_notify_orders_failed', [count, name]) }),
        authFailed: (name) => ({ title: t('sync_notify_auth_title'), message: t('sync_notify_auth', [name]) }),
      },
      // An extension API call keeps the worker alive through a long run (feeds take minutes).
      keepAlive: () => void browser.runtime.getPlatformInfo().catch(() => {}),
      log: (message, data) => console.info(`[Skulink] ${message}`, data ?? ''),
      // Reconcile links with the same auto-link as the overlay's button (SKU rules, GTIN, ASIN).
      autoLink: async (marketplaceId) => {
        const mp = marketplaceById(marketplaceId);
        return mp ? links.autoLink(mp) : { linked: 0 };
      },
    }),
  );
  const handlers = createBackgroundHandlers(db, links);
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  browser.runtime.onMessage.addListener((message, sender) => routeMessage(message, sender, handlers, self));
  // Listeners are added synchronously (an alarm that woke the worker is delivered to them).
  browser.alarms.onAlarm.addListener((alarm) => {
    sync.handleAlarm(alarm.name).catch((e: unknown) => console.error('[Skulink] sync alarm failed', alarm.name, e));
  });
  // Resume runs a stopped worker left, and register the schedules.
  sync.start().catch((e: unknown) => console.error('[Skulink] sync start failed', e));
});
