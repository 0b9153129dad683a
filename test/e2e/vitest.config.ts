import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // The app is built once, before the first file (global-setup.ts).
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One sandbox and one Chromium at a time: the machine has two cores.
    fileParallelism: false,
    // Node in a zone that is neither UTC nor the browser's (harness.ts): a test that leans on the machine's zone fails.
    env: { TZ: 'America/Cayenne' },
  },
});
