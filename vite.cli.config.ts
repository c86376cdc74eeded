import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// The CLI build (npm run build:cli): a Node ES module bundle, no TypeScript at run time.
// Two entries: the CLI itself and the engine's worker_thread. Everything, node_modules
// included, is bundled (ssr.noExternal), so dist-cli/ runs on its own, and comlink
// resolves to its ES build (its package "main" is a UMD file Node would load as CJS).
// Chunks are written flat beside the entries: src/node/runner.ts finds
// engine-thread.mjs next to whichever chunk it ends up in.
export default defineConfig({
  define: { __TARSCOPE_VERSION__: JSON.stringify(pkg.version) },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-cli',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        tarscope: 'src/cli/main.ts',
        'engine-thread': 'src/node/engine-thread.ts',
      },
      output: {
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: '[name]-[hash].mjs',
      },
    },
  },
});
