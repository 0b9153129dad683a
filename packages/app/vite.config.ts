import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { codeLabels, precompress, preloadAppChunks } from './vite-plugins.ts';

// Served by the sandbox under /app/: launch.html starts the SMART launch, index.html is the redirect page.
export default defineConfig(({ command }) => ({
  base: '/app/',
  plugins: [react(), codeLabels(), preloadAppChunks(), precompress()],
  // fhirclient's "pure" mode: modern browsers have fetch and AbortController, so its polyfills stay out.
  // A build is always a production build of React, even when run from a test runner that sets NODE_ENV=test (the
  // end-to-end tests build the app from vitest): a development React is ~3x slower and doubles effects in StrictMode.
  define: { FHIRCLIENT_PURE: 'true', ...(command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {}) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch.html'),
      },
    },
  },
}));
