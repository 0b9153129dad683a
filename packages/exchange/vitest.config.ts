import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'exchange',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
