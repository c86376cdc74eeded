import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { playwright } from '@vitest/browser-playwright';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';
import { cspMeta } from './scripts/csp.mjs';
import pkg from './package.json' with { type: 'json' };

// One config for the app build and both test projects (STYLE.md: unit tests in Node,
// workers/wasm/DOM in a real Chromium). The browser project drives Debian's Chromium
// through playwright; nothing downloads a browser.
export default defineConfig({
  plugins: [
    preact(),
    // The page's Content-Security-Policy, as a <meta> in the built index.html (scripts/csp.mjs).
    cspMeta(),
    // Offline PWA (issue 5): Workbox precaches every hashed asset of the build — the shell,
    // the lazily loaded engine and explainer chunks, the Workers (the coordinator and the job
    // Worker it starts, built nested: `worker.format: 'es'` below) and the wasm — and serves
    // them cache-first; navigations fall back to the cached index.html. Updates: "prompt"
    // (a new service worker waits; src/ui/UpdatePrompt.tsx reloads into it at once when the
    // page is idle, and offers a Reload button when a report is on screen). See src/ui/README.md.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: './',
        name: 'tarscope — why two container-image archives differ',
        short_name: 'tarscope',
        description: 'Compares two container-image tarballs in your browser and explains why they differ; inspects one archive. Nothing is uploaded.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icons/pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest}'],
        // The zstd and kernel wasm are larger than Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  base: './',
  define: { __TARSCOPE_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  // see the browser project's optimizeDeps: sqlite-wasm fetches its wasm beside its module
  optimizeDeps: { exclude: ['@sqlite.org/sqlite-wasm'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/corpus/**/*.test.ts', 'tests/pairs/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      // `npm run bench:packages` only (benchmarks are not tests of npm test): tests/bench/.
      ...(process.env.TARSCOPE_BENCH_PROJECT === '1'
        ? [{ extends: true as const, test: { name: 'bench', environment: 'node', include: ['tests/bench/**/*.test.ts'], testTimeout: 1_800_000 } }]
        : []),
      {
        extends: true,
        // Pre-bundle these up front: discovered late, vite reloads mid-run and preact ends
        // up loaded twice (hooks then fail).
        // sqlite-wasm finds its wasm beside its module (`new URL('sqlite3.wasm', import.meta.url)`):
        // pre-bundled, that URL would point into vite's deps cache, where the wasm is not.
        optimizeDeps: { include: ['preact', 'preact/hooks', 'preact/jsx-runtime', 'comlink', 'hash-wasm', 'pako'], exclude: ['@sqlite.org/sqlite-wasm'] },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts', 'tests/browser/**/*.test.tsx'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
