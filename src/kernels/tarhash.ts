/**
 * The tarhash kernel (wasm/src/tarhash.c) behind a typed streaming API.
 *
 * A run hashes one tar stream: optionally the whole stream (SHA-256: a diff_id, or the
 * blob digest of an uncompressed layer) and the content of each file the caller marks
 * with SHA-256, XXH64 (seed 0) or both, in one pass over each chunk, walking the stream's
 * and the file's SHA-256 block by block together (a file's data starts on a 512-byte
 * boundary, so its blocks are the stream's). The caller walks the tar itself and
 * describes what it found:
 *
 *   run.begin(true, { sha256: false, xxh64: true });
 *   for (const piece of chunks) {       // each at most run.capacity bytes
 *     run.chunk(piece);                 // copied into the kernel's input buffer
 *     ...parser.write(piece) calls run.fileBegin() / run.fileData(view) / run.fileEnd(cb)
 *     run.flush();                      // hashes the piece; cb({ xxh64 }) for files that ended
 *   }
 *   run.streamDigest();                 // hex
 *
 * `fileData` views must be subarrays of the current piece (what TarParser hands its sinks).
 * Digests are delivered in `flush()` (or earlier, when the op buffer fills), never later.
 */
import wasmUrl from '../../wasm/tarhash.wasm?url';
import { instantiate, loadBytes, type KernelInstance } from './load';

interface Exports {
  tarhash_new(inputCap: number, opsCap: number): number;
  tarhash_free(run: number): void;
  tarhash_input(run: number): number;
  tarhash_ops(run: number): number;
  tarhash_digests(run: number): number;
  tarhash_begin(run: number, flags: number): void;
  tarhash_chunk(run: number, len: number): number;
  tarhash_run(run: number, nops: number, upto: number): number;
  tarhash_stream_digest(run: number): void;
}

const OP_BEGIN = 0;
const OP_DATA = 1;
const OP_END = 2;

/** tarhash_begin flags (wasm/src/tarhash.c). */
const F_STREAM = 1;
const F_FILE_SHA256 = 2;
const F_FILE_XXH64 = 4;
/** A digest slot: the file's SHA-256 at [0,32), its XXH64 (big-endian) at [32,40). */
const SLOT = 40;

/** Which digests each file gets. */
export interface FileHashes {
  sha256: boolean;
  xxh64: boolean;
}

/** A file's digests, lowercase hex: `sha256` (64 chars) and `xxh64` (16 chars, the canonical
 *  big-endian form `xxhsum -H1` prints), each present when enabled in `begin()`. */
export interface FileDigests {
  sha256?: string;
  xxh64?: string;
}

/** Default input buffer: 1 MiB (larger chunks are split by the caller); op buffer: 4096 ops. */
export const DEFAULT_CAPACITY = 1 << 20;
const DEFAULT_OPS = 4096;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class TarHash {
  constructor(private readonly k: KernelInstance<Exports>) {}

  newRun(capacity = DEFAULT_CAPACITY, opsCap = DEFAULT_OPS): TarHashRun {
    const ptr = this.k.exports.tarhash_new(capacity, opsCap);
    if (!ptr) throw new Error(`tarhash: cannot allocate a run (${this.k.takeStderr() || 'no memory'})`);
    return new TarHashRun(this.k, ptr, capacity, opsCap);
  }
}

export class TarHashRun {
  private heap: Uint8Array;
  private ops: Uint32Array;
  private readonly inputPtr: number;
  private readonly opsPtr: number;
  private readonly digestPtr: number;
  private nops = 0;
  /** Callbacks of the OP_END ops not yet run, by slot. */
  private ends: ((d: FileDigests) => void)[] = [];
  private files: FileHashes = { sha256: true, xxh64: false };
  private piece: Uint8Array | null = null;
  /** Where the last data span ended in the current piece (ops must not go back). */
  private lastEnd = 0;
  private freed = false;

  constructor(
    private readonly k: KernelInstance<Exports>,
    private readonly ptr: number,
    /** Largest chunk `chunk()` accepts. */
    readonly capacity: number,
    private readonly opsCap: number,
  ) {
    const e = k.exports;
    this.inputPtr = e.tarhash_input(ptr);
    this.opsPtr = e.tarhash_ops(ptr);
    this.digestPtr = e.tarhash_digests(ptr);
    this.heap = new Uint8Array(e.memory.buffer);
    this.ops = new Uint32Array(e.memory.buffer, this.opsPtr, opsCap * 3);
  }

  /** Views of wasm memory go stale when it grows (another run allocated): re-take them. */
  private views(): void {
    const buf = this.k.exports.memory.buffer;
    if (this.heap.buffer !== buf) {
      this.heap = new Uint8Array(buf);
      this.ops = new Uint32Array(buf, this.opsPtr, this.opsCap * 3);
    }
  }

  /** Start a new stream; `withStream`: also hash the whole stream (streamDigest());
   *  `files`: which digests each file gets (fileEnd()). */
  begin(withStream: boolean, files: FileHashes = { sha256: true, xxh64: false }): void {
    const flags = (withStream ? F_STREAM : 0) | (files.sha256 ? F_FILE_SHA256 : 0) | (files.xxh64 ? F_FILE_XXH64 : 0);
    this.k.exports.tarhash_begin(this.ptr, flags);
    this.files = { sha256: files.sha256, xxh64: files.xxh64 };
    this.nops = 0;
    this.ends = [];
    this.piece = null;
  }

  /** The next bytes of the stream, at most `capacity`. Flush the previous piece first. */
  chunk(piece: Uint8Array): void {
    if (this.nops || this.piece) throw new Error('tarhash: chunk() before the previous piece was flushed');
    if (piece.length > this.capacity) throw new Error(`tarhash: chunk of ${piece.length} bytes exceeds the input buffer (${this.capacity})`);
    this.views();
    this.heap.set(piece, this.inputPtr);
    this.check(this.k.exports.tarhash_chunk(this.ptr, piece.length));
    this.piece = piece;
    this.lastEnd = 0;
  }

  fileBegin(): void {
    this.push(OP_BEGIN, 0, 0);
  }

  /** `view` must lie inside the current piece, after the previous span. */
  fileData(view: Uint8Array): void {
    const p = this.piece;
    const off = p ? view.byteOffset - p.byteOffset : -1;
    if (!p || view.buffer !== p.buffer || off < this.lastEnd || off + view.length > p.length) {
      throw new Error('tarhash: file data outside the current chunk');
    }
    if (!view.length) return;
    this.push(OP_DATA, off, view.length);
    this.lastEnd = off + view.length;
  }

  /** The current file is complete; `done` gets its digests (those enabled in `begin()`). */
  fileEnd(done: (d: FileDigests) => void): void {
    // Make room first: a flush renumbers the slots from 0.
    if (this.nops === this.opsCap) this.run(this.lastEnd);
    this.push(OP_END, this.ends.length, 0);
    this.ends.push(done);
  }

  /** Hash the rest of the current piece and deliver the digests of files that ended. */
  flush(): void {
    this.run(this.piece ? this.piece.length : 0);
    this.piece = null;
  }

  /** The stream's SHA-256 (hex). Call after the last flush(); begin() starts over. */
  streamDigest(): string {
    if (this.piece || this.nops) this.flush();
    this.k.exports.tarhash_stream_digest(this.ptr);
    return this.hex(0, 32);
  }

  dispose(): void {
    if (this.freed) return;
    this.freed = true;
    this.k.exports.tarhash_free(this.ptr);
  }

  private push(kind: number, a: number, b: number): void {
    if (this.nops === this.opsCap) this.run(this.lastEnd);
    this.views();
    const i = this.nops * 3;
    this.ops[i] = kind;
    this.ops[i + 1] = a;
    this.ops[i + 2] = b;
    this.nops++;
  }

  private run(upto: number): void {
    const ends = this.ends;
    const n = this.nops;
    this.nops = 0;
    this.ends = [];
    this.check(this.k.exports.tarhash_run(this.ptr, n, upto));
    const { sha256, xxh64 } = this.files;
    for (let s = 0; s < ends.length; s++) {
      const d: FileDigests = {};
      if (sha256) d.sha256 = this.hex(s * SLOT, 32);
      if (xxh64) d.xxh64 = this.hex(s * SLOT + 32, 8);
      ends[s](d);
    }
  }

  /** `len` bytes at `at` of the digest buffer, as lowercase hex. */
  private hex(at: number, len: number): string {
    this.views();
    const base = this.digestPtr + at;
    let s = '';
    for (let i = 0; i < len; i++) s += HEX[this.heap[base + i]];
    return s;
  }

  private check(code: number): void {
    if (code < 0) throw new Error(`tarhash: ${this.k.takeStderr() || `error ${code}`}`);
  }
}

let loading: Promise<TarHash> | null = null;

/** The kernel, instantiated once per Worker (or thread) on first use. */
export function loadTarHash(): Promise<TarHash> {
  loading ??= (async () => {
    // Node reads the committed file of the package: from a CLI chunk (dist-cli/*.mjs) it is
    // ../wasm/, from this source file ../../wasm/. The paths are joined at run time so the
    // page build does not take them for assets (the `?url` import is the page's asset).
    const bytes = await loadBytes(wasmUrl, [
      new URL(['..', 'wasm', 'tarhash.wasm'].join('/'), import.meta.url),
      new URL(['..', '..', 'wasm', 'tarhash.wasm'].join('/'), import.meta.url),
    ]);
    return new TarHash(await instantiate<Exports>(bytes, 'tarhash'));
  })();
  // A failed load (wasm disabled by policy, a missing asset) may be retried by the next caller.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
