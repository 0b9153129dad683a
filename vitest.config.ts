import { defineConfig } from 'vitest/config';

// One vitest run over every package and cross-package suite; each has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'test/*/vitest.config.ts'],
  },
});
