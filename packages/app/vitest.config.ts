import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { codeLabels } from './vite-plugins.ts';

export default defineConfig({
  plugins: [react(), codeLabels()],
  define: { FHIRCLIENT_PURE: 'true' },
  test: {
    name: 'app',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // The real FHIR server the tests talk to runs in Node, outside jsdom (src/test/fhir-host.ts).
    globalSetup: ['src/test/global-setup.ts'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 20000,
  },
});
