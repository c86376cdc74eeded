// comlink 4.4.2 ships dist/esm/node-adapter.mjs with types in node-adapter.d.ts (no
// .d.mts), which TypeScript does not pair with an .mjs import. Same types, right name.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
