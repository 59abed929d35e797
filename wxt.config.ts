import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { SELLER_CENTRAL_MATCHES } from './lib/sites/seller-central/hosts';
import { LANGUAGES, toChromeMessages } from './lib/i18n/core';
import { allMessages } from './lib/i18n/table';
import { remToPx } from './scripts/postcss-rem-to-px';

/** API hosts requested only when the seller adds an account (optional host permissions). */
const API_ORIGINS = [
  'https://api.amazon.com/*',
  'https://sellingpartnerapi-na.amazon.com/*',
  'https://sellingpartnerapi-eu.amazon.com/*',
  'https://sellingpartnerapi-fe.amazon.com/*',
  'https://sandbox.sellingpartnerapi-na.amazon.com/*',
  'https://sandbox.sellingpartnerapi-eu.amazon.com/*',
  'https://sandbox.sellingpartnerapi-fe.amazon.com/*',
  'https://api.bigcommerce.com/*',
  // The local API sandbox (npm run sandbox) and report/feed document hosts.
  'http://127.0.0.1/*',
  'http://localhost/*',
  'https://*.amazonaws.com/*',
];

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'notifications'],
    host_permissions: SELLER_CENTRAL_MATCHES,
    // MV3 names them optional_host_permissions; Firefox's MV2 takes origins in optional_permissions.
    ...(manifestVersion === 3 ? { optional_host_permissions: API_ORIGINS } : { optional_permissions: API_ORIGINS }),
    action: { default_title: '__MSG_extName__' },
    browser_specific_settings: { gecko: { id: 'skulink@skulink.app' } },
  }),
  hooks: {
    // _locales/<lang>/messages.json are generated from lib/i18n's tables: one source of truth.
    'build:publicAssets': (_wxt, files) => {
      for (const lang of LANGUAGES) {
        files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify(toChromeMessages(allMessages, lang), null, 1) });
      }
    },
  },
  vite: () => ({
    plugins: [tailwindcss()],
    css: { postcss: { plugins: [remToPx()] } },
  }),
});
