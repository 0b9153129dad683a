import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'fhir-server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
