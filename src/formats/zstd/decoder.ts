/**
 * ZstdDecoder: push-based, synchronous zstd decoder (RFC 8878) on zstd-wasm's exported
 * ZSTD_decompressStream, driven by a loop with bounded buffers in wasm memory.
 *
 * - Input is copied into a fixed input buffer IN_SIZE bytes at a time and the output
 *   buffer is drained after every call, so memory stays bounded whatever the input size
 *   (the window, up to 2^27 bytes by zstd's default limit, lives inside the DCtx).
 * - ZSTD_decompressStream may grow wasm memory (first large window, for instance), which
 *   replaces HEAPU8/HEAPU32: every view is taken from the module *after* each call and
 *   never kept across one (building-blocks.md: stale views gave wrong output).
 * - frame.ts walks the frame structure alongside, and input is handed to zstd one frame at
 *   a time, so each zstd frame's output size is known exactly (ZSTD_decompressStream
 *   returns 0 when "a frame is completely decoded and fully flushed"). Skippable frames
 *   (zstd:chunked puts its table of contents in one) are skipped by zstd itself and
 *   reported from the walker.
 * - A return value > 0 is the hint of how much more input the frame needs: > 0 at the end
 *   of input means the stream was cut inside a frame.
 * - Bytes after a complete frame that cannot begin a frame are not given to zstd (which
 *   would fail with "Unknown frame descriptor"): they are reported as trailingBytes, as
 *   the gzip decoder does, and the caller decides.
 */
import { TarscopeError, type ErrorCode } from '../../io/errors';
import type { Decoder, OnData, ZstdInfo } from '../compression';
import { ZSTD_ERROR, tarscopeCodeFor, zstdErrorCode, zstdErrorName } from './errors';
import { ZstdFrameWalker } from './frame';
import { acquireDCtx, loadZstd, releaseDCtx, type ZstdModule } from './module';

export { loadZstd } from './module';

const IN_SIZE = 256 * 1024;
const OUT_SIZE = 256 * 1024;
/** ZSTD_inBuffer { src, size, pos } and ZSTD_outBuffer { dst, size, pos }: 3 x u32 each. */
const STRUCT_SIZE = 12;

export class ZstdDecoder implements Decoder {
  private dctx: number;
  /** One allocation: in struct, out struct, input buffer, output buffer. */
  private block: number;
  private readonly inStruct: number;
  private readonly outStruct: number;
  private readonly inBuf: number;
  private readonly outBuf: number;
  private readonly walker = new ZstdFrameWalker();
  /** Last ZSTD_decompressStream result: 0 = at a frame boundary, all output flushed. */
  private hint = 0;
  private outInFrame = 0;
  private error: unknown = null;
  private ended = false;

  constructor(
    private readonly mod: ZstdModule,
    private readonly onData: OnData,
  ) {
    this.dctx = acquireDCtx(mod);
    this.block = mod._malloc(2 * STRUCT_SIZE + IN_SIZE + OUT_SIZE);
    if (!this.block) {
      releaseDCtx(mod, this.dctx);
      throw new Error('zstd: cannot allocate stream buffers');
    }
    this.inStruct = this.block;
    this.outStruct = this.block + STRUCT_SIZE;
    this.inBuf = this.block + 2 * STRUCT_SIZE;
    this.outBuf = this.inBuf + IN_SIZE;
  }

  write(chunk: Uint8Array): void {
    if (this.error !== null) throw this.error;
    if (this.ended) throw new Error('ZstdDecoder: write() after end()');
    try {
      const w = this.walker;
      let p = 0;
      while (p < chunk.length) {
        if (w.trailingStart !== null) {
          w.consume(chunk, p);
          break;
        }
        const frame = w.atBoundary ? { index: w.frames.length + 1, offset: w.offset } : w.current;
        const q = w.consume(chunk, p);
        if (w.trailingStart !== null && !w.frames.some((f) => f.kind === 'zstd')) {
          // The very first bytes are not a frame, or only skippable frames (RFC 8878 3.1.2)
          // come before bytes that are not one: not a zstd stream at all. LZ4 frames share
          // the skippable magic 0x184D2A5? (libarchive's test_compat_lz4_skippable_frames_B4),
          // and without this such a file decoded to nothing, with no error.
          throw this.err(ZSTD_ERROR.prefixUnknown, frame.index, frame.offset);
        }
        if (q > p) this.feed(chunk.subarray(p, q), frame.index, frame.offset);
        const done = w.completed;
        if (done) {
          if (done.kind === 'zstd') done.uncompressedSize = this.outInFrame;
          this.outInFrame = 0;
        }
        p = q;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  end(): ZstdInfo {
    if (this.error !== null) throw this.error;
    if (this.ended) throw new Error('ZstdDecoder: end() called twice');
    const w = this.walker;
    try {
      const state = w.endState();
      const inTrailing = w.trailingStart !== null;
      if (state === 'truncated' || (!inTrailing && this.hint !== 0) || w.offset === 0) {
        const { index, offset } = w.atBoundary
          ? w.frames.length
            ? { index: w.frames.length, offset: w.frames[w.frames.length - 1].offset }
            : { index: 1, offset: 0 }
          : w.current;
        throw new TarscopeError({
          code: 'truncated',
          component: 'zstd',
          message: `zstd: truncated: stream ends inside frame ${index} (offset ${offset})`,
          offset,
        });
      }
      if (state === 'lost') {
        const { index, offset } = w.current;
        throw new TarscopeError({
          code: 'corrupt',
          component: 'zstd',
          message: `zstd: corrupt data in frame ${index} (offset ${offset}): ${w.problem}`,
          offset,
        });
      }
    } catch (e) {
      this.fail(e);
    }
    this.ended = true;
    this.dispose();
    return {
      algorithm: 'zstd',
      frames: w.frames,
      trailingBytes: w.trailingStart === null ? 0 : w.offset - w.trailingStart,
    };
  }

  /** Frees the wasm buffers and returns the context to the pool. Idempotent. */
  dispose(): void {
    if (this.block) {
      this.mod._free(this.block);
      this.block = 0;
    }
    if (this.dctx) {
      releaseDCtx(this.mod, this.dctx);
      this.dctx = 0;
    }
  }

  /** Decompresses bytes that all belong to frame `index`. */
  private feed(bytes: Uint8Array, index: number, offset: number): void {
    const mod = this.mod;
    const inW = this.inStruct >>> 2;
    const outW = this.outStruct >>> 2;
    for (let off = 0; off < bytes.length; ) {
      const take = Math.min(IN_SIZE, bytes.length - off);
      mod.HEAPU8.set(bytes.subarray(off, off + take), this.inBuf);
      let u32 = mod.HEAPU32;
      u32[inW] = this.inBuf;
      u32[inW + 1] = take;
      u32[inW + 2] = 0;
      u32[outW] = this.outBuf;
      u32[outW + 1] = OUT_SIZE;
      let inPos: number;
      let outPos: number;
      do {
        mod.HEAPU32[outW + 2] = 0;
        const ret = mod._ZSTD_decompressStream(this.dctx, this.outStruct, this.inStruct);
        if (mod._ZSTD_isError(ret)) throw this.err(zstdErrorCode(ret), index, offset);
        this.hint = ret;
        // Fresh views: the call may have grown memory.
        u32 = mod.HEAPU32;
        inPos = u32[inW + 2];
        outPos = u32[outW + 2];
        if (outPos > 0) {
          this.outInFrame += outPos;
          this.onData(mod.HEAPU8.subarray(this.outBuf, this.outBuf + outPos));
        }
        // A full output buffer may mean more output is pending inside zstd (zstd.h).
      } while (inPos < take || outPos === OUT_SIZE);
      off += take;
    }
  }

  private err(code: number, index: number, offset: number): TarscopeError {
    const c: ErrorCode = tarscopeCodeFor(code);
    const what = c === 'corrupt' ? 'corrupt data in' : 'unsupported';
    return new TarscopeError({
      code: c,
      component: 'zstd',
      message: `zstd: ${what} frame ${index} (offset ${offset}): ${zstdErrorName(code)}`,
      offset,
    });
  }

  private fail(e: unknown): never {
    this.error = e;
    this.dispose();
    throw e;
  }
}

/** Async because the wasm module loads on first use. */
export async function createZstdDecoder(onData: OnData): Promise<ZstdDecoder> {
  const mod = await loadZstd();
  return new ZstdDecoder(mod, onData);
}
