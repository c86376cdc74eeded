/**
 * One blob, push-based: its SHA-256 (the digest that names it), its compression (sniffed
 * from magic bytes, never from names), and — when it decompresses to a tar — the layer
 * facts (diff_id and files). Errors downstream of the blob hash stop decoding but not
 * hashing, so a corrupt layer still gets its blob digest, and the files read before the
 * error are kept.
 */
import type { CompressionInfo, Decoder } from '../formats/compression';
import type { DecoderFactory } from '../formats/decoder';
import { detectCompression } from '../formats/detect';
import type { Sha256 } from '../hash/sha256';
import type { Xxh64 } from '../hash/xxh64';
import { toErrorInfo, type ErrorInfo } from '../io/errors';
import { LayerSink, type LayerFacts } from './layer-sink';
import type { FileRecord } from '../report/types';
import type { TarHashRun } from '../kernels/tarhash';
import type { ScanMode } from './scan-mode';

export interface BlobHashers {
  blob: Sha256;
  diff: Sha256;
  file: Sha256;
  fileXxh64: Xxh64;
  /** For the `.pyc`/`.gz` fingerprints (times-fingerprint.ts); none: no fingerprints. */
  timesXxh64?: Xxh64;
}

export interface BlobResult {
  size: number;
  /** 'sha256:<hex>' of the blob as stored; null when digests were deferred (`digests: false`:
   *  a comparison verifies them afterwards, archive-read.ts `verifyDigests`). */
  sha256: string | null;
  compression: CompressionInfo | null;
  layer: LayerFacts | null;
  /** Files read before an error (when `layer` is null because of it). */
  partialFiles?: FileRecord[];
  error: ErrorInfo | null;
}

/** Where a blob is and, for a compressed one, the kernel run its LayerSink hashes with
 *  (src/kernels/tarhash.ts); what to compute is the scan's ScanMode. */
export interface BlobSinkContext {
  path?: string;
  run?: TarHashRun;
  /** LayerSinkContext.onFiles */
  onFiles?: (batch: FileRecord[]) => void;
}

const SNIFF = 8;

export class BlobSink {
  private size = 0;
  private head = new Uint8Array(SNIFF);
  private headLen = 0;
  private decoder: Decoder | null = null;
  private layer: LayerSink | null = null;
  private error: ErrorInfo | null = null;
  private compression: CompressionInfo | null = null;
  private decided = false;
  private layerError: unknown = null;

  constructor(
    private readonly hashers: BlobHashers,
    private readonly decoders: DecoderFactory,
    private readonly mode: ScanMode,
    private readonly where: BlobSinkContext = {},
  ) {
    if (mode.digests) hashers.blob.init();
  }

  write(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.mode.digests) this.hashers.blob.update(chunk);
    if (this.mode.read === 'blob' || this.error) return;
    if (!this.decided) {
      const n = Math.min(chunk.length, SNIFF - this.headLen);
      this.head.set(chunk.subarray(0, n), this.headLen);
      this.headLen += n;
      if (this.headLen < SNIFF) return;
      this.decide();
      this.feed(this.head);
      chunk = chunk.subarray(n);
      if (!chunk.length) return;
    }
    this.feed(chunk);
  }

  private decide(): void {
    this.decided = true;
    const algorithm = detectCompression(this.head.subarray(0, this.headLen));
    try {
      const plain = algorithm === 'none' || algorithm === 'unknown';
      this.layer = new LayerSink(plain || !this.mode.digests ? null : this.hashers.diff.init(), fileHashers(this.hashers), this.mode, {
        path: this.where.path,
        // Uncompressed blobs are hashed by the blob hasher here; scan-blob.ts has the fused path.
        run: plain ? undefined : this.where.run,
        onFiles: this.where.onFiles,
      });
      const layer = this.layer;
      this.decoder = this.decoders(algorithm === 'unknown' ? 'none' : algorithm, (c) => {
        if (this.layerError) return;
        try {
          layer.write(c);
        } catch (e) {
          // Keep decoding: if the compressed data is corrupt, the decoder's error (CRC,
          // deflate, zstd checksum) is the root cause and the tar error only its symptom.
          this.layerError = e;
        }
      });
    } catch (e) {
      this.fail(e);
    }
  }

  private feed(chunk: Uint8Array): void {
    if (this.error || !this.decoder) return;
    try {
      this.decoder.write(chunk);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Frees what the decoder holds (zstd-wasm's context and buffers) when the sink will not be
   *  ended: the scan was cancelled or its read failed. The Worker lives on (pool.ts keeps the
   *  Worker of a job that stopped), so nothing may stay allocated. Idempotent. */
  dispose(): void {
    this.decoder?.dispose?.();
    this.decoder = null;
  }

  private fail(e: unknown): void {
    // Release what the decoder holds (zstd's wasm buffers): it will not be ended.
    this.decoder?.dispose?.();
    this.decoder = null;
    this.error = toErrorInfo(e, 'layer');
    if (this.where.path && !this.error.path) this.error.path = this.where.path;
  }

  end(): BlobResult {
    if (!this.decided && this.mode.read !== 'blob' && !this.error) {
      this.decide();
      this.feed(this.head.subarray(0, this.headLen));
    }
    let facts: LayerFacts | null = null;
    const sha256 = this.mode.digests ? 'sha256:' + this.hashers.blob.digest('hex') : null;
    if (this.decoder && !this.error) {
      try {
        this.compression = this.decoder.end();
        if (this.layerError) throw this.layerError;
        facts = this.layer!.end(sha256);
      } catch (e) {
        this.fail(e);
      }
    }
    const result: BlobResult = {
      size: this.size,
      sha256,
      compression: this.compression,
      layer: facts,
      error: this.error,
    };
    if (!facts && this.layer) result.partialFiles = this.layer.partialFiles();
    return result;
  }
}

export function fileHashers(h: BlobHashers): { sha256: Sha256; xxh64: Xxh64; times?: Xxh64 } {
  return { sha256: h.file, xxh64: h.fileXxh64, times: h.timesXxh64 };
}
