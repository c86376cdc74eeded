// The app's JavaScript before the first archive is opened, gzip-compressed (zlib level 6,
// what a web server sends): index.html's module scripts and modulepreloads plus everything
// they import statically, found by reading the built files (dynamic `import()` chunks —
// the engine, workers, wasm — are left out). The page driver also records which JS the
// browser actually fetched before a file was picked; the doc shows both.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /\b(?:import|export)\b[^"'()`]*?["'](\.{1,2}\/[^"']+?\.js)["']/g;

export function gzipSize(distDir, files) {
  const list = files.map((f) => {
    const bytes = readFileSync(join(distDir, f));
    return { path: f, bytes: bytes.length, gzip: gzipSync(bytes).length };
  });
  return { files: list, bytes: list.reduce((n, f) => n + f.bytes, 0), gzipBytes: list.reduce((n, f) => n + f.gzip, 0) };
}

/** Paths (relative to dist/) of the initial JS: entry scripts, modulepreloads and their static imports. */
export function initialJsFiles(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ].map((p) => normalize(p.replace(/^\//, '')));
  const seen = new Set();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f) || !existsSync(join(distDir, f))) continue;
    seen.add(f);
    const code = readFileSync(join(distDir, f), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) stack.push(relative(distDir, join(distDir, dirname(f), m[1])));
  }
  return [...seen].sort();
}

export function initialJs(distDir) {
  return gzipSize(distDir, initialJsFiles(distDir));
}
