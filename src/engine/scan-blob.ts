/**
 * Deep scan of one blob that is a re-readable slice of the archive (the parallel path):
 * read it in large chunks through a BlobSink. Gzip blobs first try the platform's
 * DecompressionStream (about twice pako's speed, building-blocks.md); when that path
 * declines (multi-member eStargz, padding, any doubt) the whole blob is read again
 * through the pure decoder, which explains members, padding and errors exactly.
 */
import { readChunks, readRange, throwIfAborted } from '../io/read';
import { detectCompression } from '../formats/detect';
import { inflateFast, isDecompressionStreamAvailable } from '../formats/gzip/fast';
import { toErrorInfo } from '../io/errors';
import { BlobSink, type BlobHashers, type BlobResult, type DecoderFactory } from './blob-sink';
import { LayerSink } from './layer-sink';

export interface ScanOptions {
  signal?: AbortSignal;
  /** Called with the number of blob bytes consumed since the last call. */
  onBytes?: (n: number) => void;
  walk: 'auto' | 'never';
  hashFiles: boolean;
  path?: string;
  /** Allow the DecompressionStream fast path for gzip (default true). */
  fastGzip?: boolean;
}

export async function scanBlob(
  blob: Blob,
  hashers: BlobHashers,
  decoders: DecoderFactory,
  opts: ScanOptions,
): Promise<BlobResult> {
  if (opts.walk === 'auto' && opts.fastGzip !== false && isDecompressionStreamAvailable()) {
    const head = await readRange(blob, 0, 8);
    if (detectCompression(head) === 'gzip') {
      const fast = await scanGzipFast(blob, hashers, opts);
      if (fast) return fast;
    }
  }
  return scanWithSink(blob, hashers, decoders, opts);
}

async function scanWithSink(blob: Blob, hashers: BlobHashers, decoders: DecoderFactory, opts: ScanOptions) {
  const sink = new BlobSink(hashers, decoders, { walk: opts.walk, hashFiles: opts.hashFiles, path: opts.path });
  for await (const chunk of readChunks(blob, { signal: opts.signal })) {
    sink.write(chunk);
    opts.onBytes?.(chunk.length);
  }
  return sink.end();
}

/**
 * Fast gzip path: one read hashes the blob, DecompressionStream inflates a second read.
 * Returns null when the fast path declined, after undoing its progress report.
 */
async function scanGzipFast(blob: Blob, hashers: BlobHashers, opts: ScanOptions): Promise<BlobResult | null> {
  const layer = new LayerSink(hashers.diff.init(), hashers.file, { hashFiles: opts.hashFiles, path: opts.path });
  let layerError: unknown = null;
  const hashing = (async () => {
    hashers.blob.init();
    let n = 0;
    for await (const chunk of readChunks(blob, { signal: opts.signal })) {
      hashers.blob.update(chunk);
      n += chunk.length;
      opts.onBytes?.(chunk.length);
    }
    return n;
  })();
  let info;
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
    );
  } catch (e) {
    throwIfAborted(opts.signal);
    info = null;
    void e;
  }
  const size = await hashing;
  const sha256 = 'sha256:' + hashers.blob.digest('hex');
  if (!info) {
    // Declined: rescan with the exact decoder; progress for this blob starts over.
    opts.onBytes?.(-size);
    return null;
  }
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
