import { SELLER_CENTRAL_MATCHES } from '@/lib/sites/seller-central/hosts';
import { createFeatureManager } from '@/lib/overlay/feature-manager';
import { createClient } from '@/lib/messaging/client';
import { setLanguage } from '@/lib/i18n';
import { marketplaceForHost } from '@/lib/domain/marketplaces';
import { detectPage, isInventoryPage } from '@/lib/sites/seller-central/page';
import { startInventoryOverlay } from '@/components/overlay/inventory-overlay';
import { startOrdersOverlay } from '@/components/overlay/orders-overlay';

export default defineContentScript({
  matches: SELLER_CENTRAL_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const marketplace = marketplaceForHost(location.hostname);
    if (!marketplace) return;
    const send = createClient((message) => browser.runtime.sendMessage(message));
    const features = createFeatureManager(
      [
        {
          name: 'inventory-overlay',
          // Inventory rows are found by their nature, not only by URL: legacy and new paths both qualify.
          matches: (url) => { const kind = detectPage(url); return kind !== 'orders-list' && kind !== 'order-detail'; },
          init: (signal) => void startInventoryOverlay({ send, marketplace, signal, isInventoryPage: isInventoryPage(detectPage(new URL(location.href))) }),
        },
        {
          name: 'orders-overlay',
          // Each order's Skulink status and its unlinked SKUs, on the order list and the order detail page.
          matches: (url) => { const kind = detectPage(url); return kind === 'orders-list' || kind === 'order-detail'; },
          init: (signal) => void startOrdersOverlay({ send, marketplace, signal }),
        },
      ],
      { log: (name, error) => console.warn(`[Skulink] ${name} failed:`, error) },
    );
    // The seller's language choice lives in the extension's database; ask for it, then start.
    send('prefs.get', {})
      .then(({ language }) => setLanguage(language === 'auto' ? undefined : language))
      .catch(() => undefined)
      .finally(() => features.navigate(new URL(location.href)));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => features.navigate(new URL(newUrl)));
    ctx.onInvalidated(() => features.stop());
  },
});
