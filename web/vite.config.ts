/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The built app is served by the crossroads binary from the same origin, under a strict
// Content-Security-Policy (no inline script or style): no modulepreload polyfill (it would be an
// inline script), no assets inlined as data: URLs, everything bundled (nothing from outside).
export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    // `npm run dev` against a local `crossroads serve` (make run) on port 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
