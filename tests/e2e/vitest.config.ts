import '../../scripts/node20-polyfills.ts';
import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium with the built extension (.output/chrome-mv3) loaded.
export default defineConfig({
  resolve: { alias: { '@': new URL('../..', import.meta.url).pathname } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
