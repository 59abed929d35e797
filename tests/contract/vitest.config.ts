import { defineConfig } from 'vitest/config';

/** Contract tests: connectors against the local sandbox, sandbox against ../shared/contracts. */
export default defineConfig({
  test: {
    include: ['tests/contract/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One sandbox per file; files run one after the other to keep the 2-core machine calm.
    fileParallelism: false,
  },
});
