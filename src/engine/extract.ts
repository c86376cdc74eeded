/**
 * The extract job: a few files' bytes out of one layer blob, for content evidence (text
 * diffs, hex windows, recognised kinds). The blob (a `Blob.slice` of an uncompressed
 * archive) is streamed through the same decoders as the deep scan (decoders.ts: gzip,
 * zstd, none) into a tar walk that keeps only the ranges asked for (extract-sink.ts), and
 * reading stops as soon as every wanted entry is complete: asking for the first 64 KiB of
 * a file near the start of a 1 GiB layer reads a few MiB, not the layer.
 *
 * Memory is bounded by what was asked (at most MAX_TOTAL per job) plus the decoder's
 * buffers. Errors (a corrupt or truncated blob) do not lose what was read before them:
 * the result carries the entries completed so far and the error (component + offset).
 */
import { inflateFast, isDecompressionStreamAvailable } from '../formats/gzip/fast';
import { readChunks, readRange, throwIfAborted } from '../io/read';
import { detectCompression } from '../formats/detect';
import type { Algorithm, Decoder } from '../formats/compression';
import { isAbort, toErrorInfo, type ErrorInfo } from '../io/errors';
import { prepareDecoders, type DecoderFactory } from '../formats/decoder';
import { ExtractSink, EXTRACT_LIMIT, type ExtractWant, type ExtractedEntry } from './extract-sink';
import type { ExtractResult } from '../compare/evidence/port';

export type { ExtractWant, ExtractedEntry } from './extract-sink';
export { EXTRACT_LIMIT, MAX_RANGE, MAX_TOTAL } from './extract-sink';

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Called with the number of blob bytes consumed since the last call. */
  onBytes?: (n: number) => void;
  wants: ExtractWant[];
  /** Bytes kept from the start of a want without `ranges` (default 64 KiB). */
  limit?: number;
  /** Where the blob is (outer entry name), for error messages. */
  path?: string;
}

/** The port's shape (src/compare/evidence/port.ts): content evidence is the consumer. */
export type { ExtractResult } from '../compare/evidence/port';

/** Decoder input slices: small enough that reading stops soon after the last want completes. */
const FEED = 256 * 1024;
const READ_CHUNK = 1024 * 1024;

export async function extractFromBlob(blob: Blob, decoders: DecoderFactory, opts: ExtractOptions, readChunk = READ_CHUNK): Promise<ExtractResult> {
  const head = await readRange(blob, 0, 512);
  throwIfAborted(opts.signal);
  const detected = detectCompression(head);
  const compression: Algorithm = detected === 'unknown' ? 'none' : detected;
  if (compression === 'none' && opts.wants.length && opts.wants.every((w) => w.at !== undefined && w.at < blob.size)) {
    return extractAt(blob, decoders, opts);
  }
  if (compression === 'gzip' && opts.wants.length && isDecompressionStreamAvailable()) {
    const fast = await extractGzipFast(blob, opts);
    if (fast) return fast;
  }
  const sink = new ExtractSink(opts.wants, opts.limit ?? EXTRACT_LIMIT, opts.path);
  const result = (error: ErrorInfo | null, stoppedEarly: boolean): ExtractResult => ({
    entries: sink.results(),
    compression,
    bytesRead,
    stoppedEarly,
    error,
  });
  let bytesRead = 0;
  if (!opts.wants.length) return result(null, true);
  let decoder: Decoder | null = null;
  let sinkError: unknown = null;
  try {
    decoder = decoders(compression, (c) => {
      if (sinkError || sink.satisfied) return;
      try {
        sink.write(c);
      } catch (e) {
        // Keep decoding: a decoder error (CRC, truncation) is the root cause when both fail.
        sinkError = e;
      }
    });
    for await (const chunk of readChunks(blob, { signal: opts.signal, chunkSize: readChunk })) {
      for (let i = 0; i < chunk.length && !sink.satisfied && !sinkError; i += FEED) {
        const piece = chunk.subarray(i, Math.min(chunk.length, i + FEED));
        decoder.write(piece);
        bytesRead += piece.length;
        opts.onBytes?.(piece.length);
      }
      if (sink.satisfied || sinkError) break;
    }
    throwIfAborted(opts.signal);
    if (sinkError) throw sinkError;
    if (sink.satisfied) {
      decoder.dispose?.();
      return result(null, bytesRead < blob.size);
    }
    decoder.end();
    decoder = null;
    if (sinkError) throw sinkError;
    sink.end();
    return result(null, false);
  } catch (e) {
    decoder?.dispose?.();
    if (isAbort(e) || opts.signal?.aborted) throw e;
    const info = toErrorInfo(e, 'extract');
    if (opts.path && !info.path) info.path = opts.path;
    return result(info, false);
  }
}

/**
 * An uncompressed blob whose wants say where their entries start: each is read from its own
 * header (a slice from `at`, stopping once it is complete), in one job — a few KiB to a few
 * hundred KiB a file instead of a walk of the layer.
 */
async function extractAt(blob: Blob, decoders: DecoderFactory, opts: ExtractOptions): Promise<ExtractResult> {
  const entries: ExtractedEntry[] = [];
  let bytesRead = 0;
  for (const w of opts.wants) {
    const { at, ...want } = w;
    // Small reads: a file's head is a header and 64 KiB, not a MiB.
    const r = await extractFromBlob(blob.slice(at!), decoders, { ...opts, wants: [{ ...want, occurrence: 1 }] }, FEED);
    bytesRead += r.bytesRead;
    const e = r.entries[0];
    entries.push({ ...e, occurrence: w.occurrence ?? 1 });
    if (r.error) {
      // What follows is not read: the wants after the failed one stay not found.
      for (const rest of opts.wants.slice(entries.length))
        entries.push({ path: rest.path, occurrence: rest.occurrence ?? 1, found: false, size: 0, chunks: [], complete: false });
      // Offsets in the slice are offsets from the entry's recorded header: say where that is.
      const error: ErrorInfo = {
        ...r.error,
        offset: (r.error.offset ?? 0) + at!,
        message: `${r.error.message} — reading '${w.path}' from its recorded header at byte ${at} of the layer`,
      };
      return { entries, compression: 'none', bytesRead, stoppedEarly: false, error };
    }
  }
  return { entries, compression: 'none', bytesRead, stoppedEarly: bytesRead < blob.size, error: null };
}

const STOP = Symbol('every want is complete');

/**
 * Gzip through the platform's DecompressionStream (about twice the pure decoder's speed,
 * building-blocks.md; scan-blob.ts uses it the same way), stopping as soon as every want is
 * complete. Null when the fast path declines (multi-member, padding, any doubt) or fails: the
 * caller then reads the blob again with the exact decoder, which also explains errors.
 */
async function extractGzipFast(blob: Blob, opts: ExtractOptions): Promise<ExtractResult | null> {
  const sink = new ExtractSink(opts.wants, opts.limit ?? EXTRACT_LIMIT, opts.path);
  let bytesRead = 0;
  let done: boolean;
  try {
    const info = await inflateFast(
      blob,
      (c) => {
        sink.write(c);
        if (sink.satisfied) throw STOP;
      },
      opts.signal,
      (n) => {
        bytesRead += n;
        opts.onBytes?.(n);
      },
      FEED,
    );
    if (!info) return null;
    sink.end();
    done = false;
  } catch (e) {
    if (e !== STOP) {
      throwIfAborted(opts.signal);
      if (isAbort(e)) throw e;
      return null;
    }
    done = true;
  }
  return { entries: sink.results(), compression: 'gzip', bytesRead, stoppedEarly: done && bytesRead < blob.size, error: null };
}

/** The job as Workers, the pool and the inline runner call it: decoders loaded once per worker. */
export async function extractJob(blob: Blob, opts: ExtractOptions): Promise<ExtractResult> {
  return extractFromBlob(blob, await prepareDecoders(), opts);
}

/** Every buffer of a result, for Comlink's transfer list (each chunk owns its buffer). */
export function extractTransferables(r: ExtractResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const e of r.entries) for (const c of e.chunks) if (c.bytes.byteLength) out.push(c.bytes.buffer as ArrayBuffer);
  return out;
}
