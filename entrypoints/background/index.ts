import { createDb } from '@/lib/db/db';
import { createBackgroundHandlers } from '@/lib/background/handlers';
import { routeMessage } from '@/lib/messaging/router';

export default defineBackground(() => {
  const db = createDb();
  const handlers = createBackgroundHandlers(db);
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  browser.runtime.onMessage.addListener((message, sender) => routeMessage(message, sender, handlers, self));
});
