import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { playwright } from '@vitest/browser-playwright';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';
import pkg from './package.json' with { type: 'json' };

// One config for the app build and both test projects (STYLE.md: unit tests in Node,
// workers/wasm/DOM in a real Chromium). The browser project drives Debian's Chromium
// through playwright; nothing downloads a browser.
export default defineConfig({
  plugins: [preact()],
  base: './',
  define: { __TARSCOPE_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
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
          include: ['tests/unit/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/corpus/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        // Pre-bundle these up front: discovered late, vite reloads mid-run and preact ends
        // up loaded twice (hooks then fail).
        optimizeDeps: { include: ['preact', 'preact/hooks', 'preact/jsx-runtime', 'comlink', 'hash-wasm', 'pako'] },
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
