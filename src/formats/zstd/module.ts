/**
 * Loads zstd-wasm's module once per Worker/thread (one memoised promise, loaded lazily: the
 * squoosh pattern) and hands out decompression contexts. Everything about the package itself
 * (which private files, which exports, the version) is in zstd-wasm.ts.
 */
import { instantiateZstdWasm, type ZstdModule } from './zstd-wasm';

export type { ZstdModule } from './zstd-wasm';

let loading: Promise<ZstdModule> | null = null;

export function loadZstd(): Promise<ZstdModule> {
  if (!loading) {
    loading = instantiateZstdWasm();
    // A failed load (say, wasm disabled by policy) may be retried by the next caller.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * Decompression contexts are pooled, not freed: the build exports no ZSTD_freeDCtx, and
 * `_free(dctx)` (what zstd-wasm's own class does) would leak the context's window and
 * input buffers. ZSTD_initDStream resets a context for a new stream and keeps its buffers.
 */
const pool: number[] = [];
let created = 0;

export function acquireDCtx(mod: ZstdModule): number {
  const dctx = pool.pop() ?? (created++, mod._ZSTD_createDCtx());
  if (!dctx) throw new Error('zstd: cannot allocate a decompression context');
  return dctx;
}

/** Contexts made in this realm, and those back in the pool: a decoder that was neither ended
 *  nor disposed holds one (and its window) for as long as the Worker lives. For tests. */
export function dctxCount(): { created: number; idle: number } {
  return { created, idle: pool.length };
}

export function releaseDCtx(mod: ZstdModule, dctx: number): void {
  mod._ZSTD_initDStream(dctx);
  pool.push(dctx);
}
