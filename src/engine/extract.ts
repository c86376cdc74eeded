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
import { inFlight } from '../io/in-flight';
import { detectCompression } from '../formats/detect';
import type { Algorithm, Decoder } from '../formats/compression';
import { isAbort, toErrorInfo, type ErrorInfo } from '../io/errors';
import { prepareDecoders, type DecoderFactory } from '../formats/decoder';
import { ExtractSink, EXTRACT_LIMIT, MAX_TOTAL, wantBytes, type ExtractWant, type ExtractedEntry } from './extract-sink';
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
  return extractStream(blob, decoders, compression, opts, readChunk, false);
}

/** The blob through its decoder into an ExtractSink (`byOffset`: see ExtractSink), stopping
 *  once every want is complete. */
async function extractStream(
  blob: Blob,
  decoders: DecoderFactory,
  compression: Algorithm,
  opts: ExtractOptions,
  readChunk: number,
  byOffset: boolean,
): Promise<ExtractResult> {
  const sink = new ExtractSink(opts.wants, opts.limit ?? EXTRACT_LIMIT, opts.path, byOffset);
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
    // The sink copies what it keeps, and every decoder but the pure gzip one copies its input
    // (zstd into wasm memory): one read buffer serves (io/README.md, "Speed").
    for await (const chunk of readChunks(blob, { signal: opts.signal, chunkSize: readChunk, reuse: compression !== 'gzip' })) {
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
 * Header offsets at most this far apart are read in one stream (a run): reading the bytes
 * between two wanted entries costs less than a want read alone. Measured in a Chromium Worker
 * (a 1 GB File): a read of its own costs 1.5–5 ms (a Blob stream from its offset), a MiB of
 * a run's stream ~3 ms (tar walk included). With 4 MiB runs the 1 GB pair's evidence read 22 MB
 * for 14 files; 3,000 .pyc of one 14 MB layer read one by one at ~15 ms each took 42–53 s
 * before runs (engine/README.md).
 */
const GAP = 1024 * 1024;
/** Header bytes read ahead of an entry's data: its ustar block and room for pax or GNU long-name records. */
const HEADER_SLACK = 4096;
/** Streams of one job in flight at once: Blob reads in Chromium wait more than they work
 *  (a 64 KiB slice: ~1.6 ms alone, ~1 ms each 4 at a time). */
const IN_FLIGHT = 4;

/** Bytes of entry data a want needs: all of it to hash its blocks, else up to its last range. */
function dataNeeded(w: ExtractWant, limit: number): number {
  if (w.blockSize) return w.size ?? Number.POSITIVE_INFINITY;
  let end = 0;
  for (const [, e] of w.ranges ?? [[0, limit]]) end = Math.max(end, e);
  return Math.min(w.size ?? Number.POSITIVE_INFINITY, end);
}

/** The read size for a want alone: its headers and the data it needs, in 4 KiB steps, at most READ_CHUNK. */
function readSizeFor(w: ExtractWant, limit: number): number {
  const n = HEADER_SLACK + dataNeeded(w, limit);
  return Number.isFinite(n) ? Math.min(READ_CHUNK, Math.ceil(n / 4096) * 4096) : READ_CHUNK;
}

/**
 * An uncompressed blob whose wants say where their entries start: each is read from its own
 * header, stopping once it is complete, in one job — a few KiB to a few hundred KiB a file
 * instead of a walk of the layer. Wants whose offsets are close (GAP) are read in one stream
 * from the first one's header, entries matched by offset and path; a want such a run did not
 * complete (nothing of its path at that offset, an error) is read alone from its offset as
 * before, so the entries are those of one slice per want, errors included. A want alone reads
 * what its size says it needs (`ExtractWant.size`); up to IN_FLIGHT streams are read at once.
 */
async function extractAt(blob: Blob, decoders: DecoderFactory, opts: ExtractOptions): Promise<ExtractResult> {
  const wants = opts.wants;
  const got: (ExtractedEntry | null)[] = wants.map(() => null);
  let bytesRead = 0;
  const order = wants.map((_, i) => i).sort((x, y) => wants[x].at! - wants[y].at!);
  const limit = opts.limit ?? EXTRACT_LIMIT;
  const runs: number[][] = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    // A run also keeps to the bytes one job may ask for (ExtractSink refuses more).
    let bytes = wantBytes(wants[order[i]], limit);
    while (j < order.length && wants[order[j]].at! - wants[order[j - 1]].at! <= GAP && (bytes += wantBytes(wants[order[j]], limit)) <= MAX_TOTAL) j++;
    if (j - i >= 2) runs.push(order.slice(i, j));
    i = j;
  }
  await inFlight(runs, IN_FLIGHT, async (run) => {
    throwIfAborted(opts.signal);
    const base = wants[run[0]].at!;
    const r = await extractStream(
      blob.slice(base),
      decoders,
      'none',
      { ...opts, wants: run.map((k) => ({ ...wants[k], at: wants[k].at! - base })) },
      READ_CHUNK,
      true,
    );
    bytesRead += r.bytesRead;
    run.forEach((k, n) => {
      const e = r.entries[n];
      if (e.found && e.complete) got[k] = { ...e, occurrence: wants[k].occurrence ?? 1 };
    });
  });
  // The rest alone, each from its own header (the blob is uncompressed: no sniffing).
  const alone = new Map<number, ExtractResult>();
  await inFlight(
    wants.map((_, k) => k).filter((k) => !got[k]),
    IN_FLIGHT,
    async (k) => {
      throwIfAborted(opts.signal);
      const { at, ...want } = wants[k];
      const r = await extractStream(blob.slice(at!), decoders, 'none', { ...opts, wants: [{ ...want, occurrence: 1 }] }, readSizeFor(want, limit), false);
      bytesRead += r.bytesRead;
      alone.set(k, r);
    },
  );
  const entries: ExtractedEntry[] = [];
  for (const [k, w] of wants.entries()) {
    const done = got[k];
    if (done) {
      entries.push(done);
      continue;
    }
    const r = alone.get(k)!;
    entries.push({ ...r.entries[0], occurrence: w.occurrence ?? 1 });
    if (r.error) {
      // What follows is not given: the wants after the failed one stay not found.
      for (const rest of wants.slice(entries.length))
        entries.push({ path: rest.path, occurrence: rest.occurrence ?? 1, found: false, size: 0, chunks: [], complete: false });
      // Offsets in the slice are offsets from the entry's recorded header: say where that is.
      const error: ErrorInfo = {
        ...r.error,
        offset: (r.error.offset ?? 0) + w.at!,
        message: `${r.error.message} — reading '${w.path}' from its recorded header at byte ${w.at} of the layer`,
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
      (c) => {
        bytesRead += c.length;
        opts.onBytes?.(c.length);
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
