import { createDb } from '@/lib/db/db';
import { createBackgroundHandlers } from '@/lib/background/handlers';
import { routeMessage } from '@/lib/messaging/router';

export default defineBackground(() => {
  const db = createDb();
  // Open (and upgrade) the database at start, not on the first message.
  db.open().catch((e) => console.error('[Skulink] database failed to open', e));
  const handlers = createBackgroundHandlers(db);
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  browser.runtime.onMessage.addListener((message, sender) => routeMessage(message, sender, handlers, self));
});
