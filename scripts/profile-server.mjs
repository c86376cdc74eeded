// The vite dev server both profiling scripts (profile-scan.mjs, profile-read.mjs) run their
// Workers from: the project's vite config, no HMR, and the Worker's dependencies known up front
// (a dependency discovered late makes vite re-optimise and the Worker's import 404s).
// `serve(req, res)` answers the script's own pages and data; false passes the request on.
import { createServer } from 'vite';

/** @param {string} name @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean} serve */
export function profileServer(name, serve) {
  return createServer({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false },
    appType: 'custom',
    optimizeDeps: {
      include: ['hash-wasm', 'pako', 'comlink', 'zstd-wasm/lib/zstd.js', 'zstd-wasm/lib/binary.js', '@bjorn3/browser_wasi_shim'],
      noDiscovery: true,
    },
    plugins: [
      {
        name,
        configureServer(s) {
          s.middlewares.use((req, res, next) => {
            if (!serve(req, res)) next();
          });
        },
      },
    ],
  });
}
