import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'indicators',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
