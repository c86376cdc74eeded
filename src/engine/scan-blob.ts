/**
 * Deep scan of one blob that is a re-readable slice of the archive (the parallel path):
 * read it in large chunks through a BlobSink. Gzip blobs first try the platform's
 * DecompressionStream (about twice pako's speed, building-blocks.md); when that path
 * declines (multi-member eStargz, padding, any doubt) the whole blob is read again
 * through the pure decoder, which explains members, padding and errors exactly.
 *
 * With a tarhash kernel run (`opts.run`, src/kernels/tarhash.ts) the layer's hashing is
 * done in one wasm pass: for an uncompressed blob the blob digest (= diff_id) and every
 * file's SHA-256 together (`scanPlain`), for a compressed one the diff_id and the files.
 * Without it, the hash-wasm path below is the reference; both give identical results
 * (tests/unit/kernels/scan-differential.test.ts).
 *
 * What is computed is the ScanMode (scan-mode.ts). A comparison's fast scan is `digests: false,
 * fileHashes: 'xxh64'`: one read, no SHA-256 at all (no blob digest, no diff_id, no per-file
 * SHA-256); files get XXH64 for equality. The comparison verifies the digests afterwards with a
 * digest-only scan (`read: 'stream', fileHashes: 'none'`).
 */
import type { FileRecord } from '../report/types';
import { readChunks, readRange, throwIfAborted } from '../io/read';
import { detectCompression } from '../formats/detect';
import { inflateFast, isDecompressionStreamAvailable } from '../formats/gzip/fast';
import { toErrorInfo } from '../io/errors';
import { BlobSink, fileHashers, type BlobHashers, type BlobResult } from './blob-sink';
import type { DecoderFactory } from '../formats/decoder';
import { LayerSink } from './layer-sink';
import type { TarHashRun } from '../kernels/tarhash';
import type { ScanMode } from './scan-mode';

/** The job around one scan: where the blob is, cancellation, progress, the kernel run. */
export interface ScanContext {
  signal?: AbortSignal;
  /** Called with the number of blob bytes consumed since the last call. */
  onBytes?: (n: number) => void;
  path?: string;
  /** Hash layers with this kernel run (not shared with a concurrent scan); jobs.ts gives one
   *  when `mode.kernel` and the kernel loaded. */
  run?: TarHashRun;
  /** Records in batches as the walk goes on (LayerSinkContext.onFiles). */
  onFiles?: (batch: FileRecord[]) => void;
}

export async function scanBlob(blob: Blob, hashers: BlobHashers, decoders: DecoderFactory, mode: ScanMode, opts: ScanContext = {}): Promise<BlobResult> {
  const fastGzip = mode.fastGzip && isDecompressionStreamAvailable();
  if (mode.read !== 'blob' && (fastGzip || opts.run)) {
    const algorithm = detectCompression(await readRange(blob, 0, 8));
    if (algorithm === 'gzip' && fastGzip) {
      const fast = await scanGzipFast(blob, hashers, mode, opts);
      if (fast) return fast;
    }
    // BlobSink treats 'unknown' as uncompressed too (and then finds it is not a tar).
    if (opts.run && (algorithm === 'none' || algorithm === 'unknown')) return scanPlain(blob, hashers, mode, opts, opts.run);
    // Every decoder but the pure gzip one copies its input before write() returns (zstd-wasm
    // into wasm memory; hashers and the tar walk consume it): those may reuse the read buffer.
    return scanWithSink(blob, hashers, decoders, mode, opts, algorithm !== 'gzip');
  }
  return scanWithSink(blob, hashers, decoders, mode, opts, false);
}

async function scanWithSink(blob: Blob, hashers: BlobHashers, decoders: DecoderFactory, mode: ScanMode, opts: ScanContext, reuse: boolean) {
  const sink = new BlobSink(hashers, decoders, mode, { path: opts.path, run: opts.run, onFiles: opts.onFiles });
  try {
    for await (const chunk of readChunks(blob, { signal: opts.signal, reuse })) {
      sink.write(chunk);
      opts.onBytes?.(chunk.length);
    }
  } catch (e) {
    sink.dispose();
    throw e;
  }
  return sink.end();
}

/**
 * Fast gzip path: DecompressionStream inflates the blob; with digests, each compressed chunk is
 * hashed as it is read for it (one read of the blob, not one to inflate and one to hash).
 * Returns null when the fast path declined, after undoing its progress report.
 */
async function scanGzipFast(blob: Blob, hashers: BlobHashers, mode: ScanMode, opts: ScanContext): Promise<BlobResult | null> {
  const digests = mode.digests;
  const layer = new LayerSink(digests ? hashers.diff.init() : null, fileHashers(hashers), mode, { path: opts.path, run: opts.run, onFiles: opts.onFiles });
  let layerError: unknown = null;
  if (digests) hashers.blob.init();
  let read = 0;
  let info: Awaited<ReturnType<typeof inflateFast>> | undefined;
  try {
    info = await inflateFast(
      blob,
      (c) => {
        if (layerError) return;
        try {
          layer.write(c);
        } catch (e) {
          layerError = e;
        }
      },
      opts.signal,
      (chunk) => {
        if (digests) hashers.blob.update(chunk);
        read += chunk.length;
        opts.onBytes?.(chunk.length);
      },
    );
  } catch (e) {
    throwIfAborted(opts.signal);
    info = null;
    void e;
  }
  if (!info) {
    // Declined: rescan with the exact decoder; progress for this blob starts over.
    opts.onBytes?.(-read);
    return null;
  }
  // The stream was read to its end (inflateFast returns only then): the blob digest is whole.
  const size = read;
  const sha256 = digests ? `sha256:${hashers.blob.digest('hex')}` : null;
  const failed = (e: unknown): BlobResult => ({
    size,
    sha256,
    compression: info,
    layer: null,
    partialFiles: layer.partialFiles(),
    error: { ...toErrorInfo(e, 'layer'), path: opts.path },
  });
  if (layerError) return failed(layerError);
  try {
    return { size, sha256, compression: info, layer: layer.end(), error: null };
  } catch (e) {
    return failed(e);
  }
}

/**
 * An uncompressed blob with the kernel: the blob digest is the stream hash of the walk, so
 * the bytes are hashed once for the blob (= diff_id) and once more, in the same pass, per
 * file. Same results as BlobSink with an IdentityDecoder, errors included: a tar error
 * stops the walk but not the blob digest, and the files read before it are kept.
 */
async function scanPlain(blob: Blob, hashers: BlobHashers, mode: ScanMode, opts: ScanContext, run: TarHashRun): Promise<BlobResult> {
  const digests = mode.digests;
  const layer = new LayerSink(null, fileHashers(hashers), mode, { path: opts.path, run, streamIsBlob: digests, onFiles: opts.onFiles });
  let layerError: unknown = null;
  let size = 0;
  // The kernel copies each piece into wasm memory and the walk keeps no view: reuse the buffer.
  for await (const chunk of readChunks(blob, { signal: opts.signal, reuse: true })) {
    size += chunk.length;
    if (layerError) layer.hashOnly(chunk);
    else {
      try {
        layer.write(chunk);
      } catch (e) {
        layerError = e;
      }
    }
    opts.onBytes?.(chunk.length);
  }
  const sha256 = digests ? 'sha256:' + layer.streamDigest() : null;
  const compression = { algorithm: 'none' as const };
  try {
    if (layerError) throw layerError;
    return { size, sha256, compression, layer: layer.end(sha256), error: null };
  } catch (e) {
    const error = toErrorInfo(e, 'layer');
    if (opts.path && !error.path) error.path = opts.path;
    return { size, sha256, compression, layer: null, error, partialFiles: layer.partialFiles() };
  }
}
