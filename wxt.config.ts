import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { SELLER_CENTRAL_MATCHES } from './lib/sites/seller-central/hosts';
import { remToPx } from './scripts/postcss-rem-to-px';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'unlimitedStorage'],
    host_permissions: SELLER_CENTRAL_MATCHES,
    action: { default_title: '__MSG_extName__' },
  },
  vite: () => ({
    plugins: [tailwindcss()],
    css: { postcss: { plugins: [remToPx()] } },
  }),
});
