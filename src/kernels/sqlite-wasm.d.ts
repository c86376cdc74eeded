// `@sqlite.org/sqlite-wasm` 3.41.2 ships no types; sqlite.ts declares the few members it uses.
declare module '@sqlite.org/sqlite-wasm' {
  const init: (opts?: Record<string, unknown>) => Promise<unknown>;
  export default init;
}
