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

export interface BlobHashers {
  blob: Sha256;
  diff: Sha256;
  file: Sha256;
  fileXxh64: Xxh64;
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

export interface BlobSinkOptions {
  /** 'auto': decode and walk when the content is a (compressed) tar; 'never': only hash. */
  walk: 'auto' | 'never';
  hashFiles: boolean;
  /** Compute the blob digest, the diff_id and every file's SHA-256 (default true). False: the
   *  fast scan of a comparison, files get only XXH64 and the digests are checked later. */
  digests?: boolean;
  /** SHA-256 per file (default: as `digests`). */
  fileSha256?: boolean;
  /** Walk the tar inside (default true); see LayerSinkOptions.parse. */
  parse?: boolean;
  path?: string;
  /** Passed to the LayerSink of a compressed blob (src/kernels/tarhash.ts). */
  kernel?: TarHashRun;
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
    private readonly opts: BlobSinkOptions,
  ) {
    if (this.digests) hashers.blob.init();
  }

  private get digests(): boolean {
    return this.opts.digests !== false;
  }

  write(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.digests) this.hashers.blob.update(chunk);
    if (this.opts.walk === 'never' || this.error) return;
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
      this.layer = new LayerSink(plain || !this.digests ? null : this.hashers.diff.init(), fileHashers(this.hashers), {
        hashFiles: this.opts.hashFiles,
        fileSha256: this.opts.fileSha256 ?? this.digests,
        parse: this.opts.parse,
        path: this.opts.path,
        // Uncompressed blobs are hashed by the blob hasher here; scan-blob.ts has the fused path.
        kernel: plain ? undefined : this.opts.kernel,
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

  private fail(e: unknown): void {
    // Release what the decoder holds (zstd's wasm buffers): it will not be ended.
    this.decoder?.dispose?.();
    this.decoder = null;
    this.error = toErrorInfo(e, 'layer');
    if (this.opts.path && !this.error.path) this.error.path = this.opts.path;
  }

  end(): BlobResult {
    if (!this.decided && this.opts.walk !== 'never' && !this.error) {
      this.decide();
      this.feed(this.head.subarray(0, this.headLen));
    }
    let facts: LayerFacts | null = null;
    const sha256 = this.digests ? 'sha256:' + this.hashers.blob.digest('hex') : null;
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

export function fileHashers(h: BlobHashers): { sha256: Sha256; xxh64: Xxh64 } {
  return { sha256: h.file, xxh64: h.fileXxh64 };
}
