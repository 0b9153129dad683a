import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preloadAppChunks, profilesConstants, validatorInBrowser } from './vite-plugins.ts';

// Served by the sandbox under /app/: launch.html starts the SMART launch, index.html is the redirect page.
export default defineConfig({
  base: '/app/',
  plugins: [react(), profilesConstants(), validatorInBrowser(), preloadAppChunks()],
  // fhirclient's "pure" mode: modern browsers have fetch and AbortController, so its polyfills stay out.
  define: { FHIRCLIENT_PURE: 'true' },
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
});
