// load.ts reads the committed wasm from disk when it runs in Node (CLI threads, unit tests): the
// one Node API in code that otherwise runs in Workers and on the page, behind a lazy
// `import('node:fs/promises')` that only Node takes. The Worker and page projects
// (tsconfig.worker.json, tsconfig.dom.json) have no Node types, so that a Node call anywhere
// else fails to compile; this declares only the function load.ts calls. tsconfig.node.json does
// not include this file: there @types/node declares the real module. Which folders may import
// `node:*` at all is checked by scripts/check-imports.mjs (src/kernels: lazily, this one use).
declare module 'node:fs/promises' {
  export function readFile(path: URL): Promise<Uint8Array>;
}
