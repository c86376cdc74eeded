// `import url from '…/x.wasm?url'` (tarhash.ts): vite turns it into the asset's URL. The
// Worker project (tsconfig.worker.json) has no `vite/client` types, which would also bring
// `import.meta.hot`/`env` and DOM-shaped module declarations; this declares only what the
// kernels use.
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
