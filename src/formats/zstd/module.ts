/**
 * Loads zstd-wasm's emscripten module once (one memoised promise, loaded lazily: the
 * squoosh pattern) and hands out decompression contexts.
 *
 * We import the package's emscripten glue and embedded wasm bytes directly rather than its
 * index.mjs: the Decompressor class there is not used (see building-blocks.md: its
 * `stream()` needs all input at once, returns partial output on truncation without an error
 * and keeps stale views of wasm memory after growth; `decompress()` needs the content size
 * in the frame header). Importing `lib/zstd.js` and `lib/binary.js` by file also avoids
 * index.mjs's extension-less `import './binary'`, which Node's ESM loader refuses.
 *
 * Passing `wasmBinary` makes the glue instantiate from those bytes: no fetch, so it works
 * the same in Workers, on the page and in Node.
 */

/** The part of the emscripten module we use (what lib/zstd.js exports, checked by hand). */
export interface ZstdModule {
  /** Re-read after every call that may grow memory: growth replaces these views. */
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _ZSTD_createDCtx(): number;
  _ZSTD_initDStream(dctx: number): number;
  _ZSTD_decompressStream(dctx: number, output: number, input: number): number;
  _ZSTD_isError(code: number): number;
  _ZSTD_DStreamInSize(): number;
  _ZSTD_DStreamOutSize(): number;
}

let loading: Promise<ZstdModule> | null = null;

export function loadZstd(): Promise<ZstdModule> {
  if (!loading) {
    loading = (async () => {
      const [{ default: createModule }, { BINARY }] = await Promise.all([
        import('zstd-wasm/lib/zstd.js'),
        import('zstd-wasm/lib/binary.js'),
      ]);
      const mod = (await createModule({ wasmBinary: decodeBase64(BINARY) })) as ZstdModule;
      if (typeof mod._ZSTD_decompressStream !== 'function') {
        throw new Error('zstd-wasm: module does not export _ZSTD_decompressStream');
      }
      return mod;
    })();
    // A failed load (say, wasm disabled by policy) may be retried by the next caller.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

function decodeBase64(b64: string): Uint8Array {
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * Decompression contexts are pooled, not freed: the build exports no ZSTD_freeDCtx, and
 * `_free(dctx)` (what zstd-wasm's own class does) would leak the context's window and
 * input buffers. ZSTD_initDStream resets a context for a new stream and keeps its buffers.
 */
const pool: number[] = [];

export function acquireDCtx(mod: ZstdModule): number {
  const dctx = pool.pop() ?? mod._ZSTD_createDCtx();
  if (!dctx) throw new Error('zstd: cannot allocate a decompression context');
  return dctx;
}

export function releaseDCtx(mod: ZstdModule, dctx: number): void {
  mod._ZSTD_initDStream(dctx);
  pool.push(dctx);
}
