import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'outcomes',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
