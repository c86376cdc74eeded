import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import pkg from './package.json' with { type: 'json' };

/**
 * The embeddable elements' library build (`npm run build:embed`): dist-embed/tarscope-embed.js,
 * one ES module (UI and explainer inlined: no chunk loading on the host page), plus the engine's
 * Workers (the coordinator, and the job Worker it starts) and their wasm as files beside it in assets/.
 *
 * The components import their CSS (`import './x.css'`); in the app vite injects it into the
 * document head, which on a host page would restyle the page and still miss the shadow root.
 * Here those imports become empty modules and src/embed/styles.ts adopts the same sheets
 * (`?inline`) into each element's shadow root instead.
 */
function cssIntoShadowRootOnly(): Plugin {
  const EMPTY = '\0tarscope-embed-empty-css:';
  return {
    name: 'tarscope-embed-css',
    enforce: 'pre',
    resolveId(source, importer) {
      // The id must not end in .css, or vite's CSS plugin would still take it.
      if (importer && /\.css$/.test(source)) return `${EMPTY}${source.slice(0, -4)}`;
      return null;
    },
    load(id) {
      return id.startsWith(EMPTY) ? 'export {};' : null;
    },
  };
}

export default defineConfig({
  plugins: [cssIntoShadowRootOnly(), preact()],
  base: './',
  define: { __TARSCOPE_VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': JSON.stringify('production') },
  worker: { format: 'es' },
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist-embed',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    lib: {
      entry: 'src/embed/index.ts',
      formats: ['es'],
      fileName: () => 'tarscope-embed.js',
    },
    rolldownOptions: {
      output: { codeSplitting: false },
    },
  },
});
