/**
 * The contract with zstd-wasm, in one place: the only file of the project that imports the
 * package, and the list of everything the decoder relies on in it.
 *
 * We use the package's private build output, not its API: `lib/zstd.js` (emscripten's glue,
 * MODULARIZE + EXPORT_ES6) and `lib/binary.js` (the wasm bytes, base64). Its `index.mjs`
 * Decompressor is unusable here (its `stream()` needs all input at once, returns partial
 * output on truncation without an error and keeps stale views of wasm memory after growth;
 * `decompress()` needs the content size in the frame header), and its extension-less
 * `import './binary'` fails in Node's ESM loader. Private files may change in any release,
 * so package.json pins the exact version and this module checks, on every load, that each
 * symbol below is there with its arity; tests/unit/compression/zstd-wasm-contract.test.ts
 * also checks the installed version and the behaviour (memory views refreshed on growth,
 * a known frame decoded).
 *
 * Passing `wasmBinary` makes the glue instantiate from those bytes: no fetch, so it works the
 * same in Workers, on the page and in Node.
 */

/** The zstd-wasm release this contract was read from (package.json pins it exactly). */
export const ZSTD_WASM_VERSION = '0.0.9';

/** The part of the emscripten module the decoder uses. */
export interface ZstdModule {
  /** Re-read after every call that may grow memory: growth replaces these views. */
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _ZSTD_createDCtx(): number;
  _ZSTD_initDStream(dctx: number): number;
  /** (dctx, ZSTD_outBuffer*, ZSTD_inBuffer*): 0 at a frame's end, a hint, or an error code. */
  _ZSTD_decompressStream(dctx: number, output: number, input: number): number;
  _ZSTD_isError(code: number): number;
}

/**
 * Each function the decoder calls and its arity (emscripten's wrappers declare the C
 * parameters). Not relied on, and so not checked: the build's `_ZSTD_decompress`,
 * `_ZSTD_getFrameContentSize`, `_ZSTD_DStream{In,Out}Size`, `ccall`, `cwrap`. Absent from
 * this build, which the decoder works around: `ZSTD_freeDCtx` (contexts are pooled, see
 * module.ts) and `ZSTD_getErrorName` (errors.ts names the codes).
 */
export const ZSTD_WASM_FUNCTIONS = {
  _malloc: 1,
  _free: 1,
  _ZSTD_createDCtx: 0,
  _ZSTD_initDStream: 1,
  _ZSTD_decompressStream: 3,
  _ZSTD_isError: 1,
} as const satisfies Record<Exclude<keyof ZstdModule, 'HEAPU8' | 'HEAPU32'>, number>;

/** What `mod` lacks of the contract, one line each; empty when it fits. */
export function contractProblems(mod: unknown): string[] {
  if (typeof mod !== 'object' || mod === null) return [`the module is ${mod === null ? 'null' : typeof mod}, not an object`];
  const m = mod as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, arity] of Object.entries(ZSTD_WASM_FUNCTIONS)) {
    const f = m[name];
    if (typeof f !== 'function') problems.push(`${name} is ${f === undefined ? 'missing' : `a ${typeof f}`}, expected a function`);
    else if (f.length !== arity) problems.push(`${name} takes ${f.length} arguments, expected ${arity}`);
  }
  if (!(m.HEAPU8 instanceof Uint8Array)) problems.push('HEAPU8 is not a Uint8Array');
  if (!(m.HEAPU32 instanceof Uint32Array)) problems.push('HEAPU32 is not a Uint32Array');
  return problems;
}

/** Instantiates the package's wasm (a fresh module each call) and checks it against the contract. */
export async function instantiateZstdWasm(): Promise<ZstdModule> {
  const [{ default: createModule }, { BINARY }] = await Promise.all([import('zstd-wasm/lib/zstd.js'), import('zstd-wasm/lib/binary.js')]);
  if (typeof createModule !== 'function' || typeof BINARY !== 'string') {
    throw new Error(
      `zstd-wasm: lib/zstd.js no longer default-exports the emscripten factory, or lib/binary.js no longer exports BINARY (src/formats/zstd/zstd-wasm.ts was written for zstd-wasm ${ZSTD_WASM_VERSION})`,
    );
  }
  const mod: unknown = await createModule({ wasmBinary: decodeBase64(BINARY) });
  const problems = contractProblems(mod);
  if (problems.length) {
    throw new Error(`zstd-wasm: the module does not fit src/formats/zstd/zstd-wasm.ts (written for zstd-wasm ${ZSTD_WASM_VERSION}): ${problems.join('; ')}`);
  }
  return mod as ZstdModule;
}

function decodeBase64(b64: string): Uint8Array {
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}
