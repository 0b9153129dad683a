import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'validator',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The CLI tests spawn the CLI (a 0.3 s cold start on a quiet machine, 2–3 s on the shared one under load).
    testTimeout: 20_000,
  },
});
