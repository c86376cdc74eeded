/**
 * First pass over an uncompressed outer tar: list every entry and capture the small
 * metadata files, seeking past large entries (layer blobs) instead of reading them.
 * Windows of 64 KiB after each seek, growing ×4 up to 1 MiB while entries keep being read:
 * an archive of a few large blobs costs a few small reads (the headers and metadata files
 * between two blobs are a few KiB); a plain tar of many small files is read as a stream would
 * be. In Chromium a `slice(1 MiB).arrayBuffer()` took 8–16 ms and a 64 KiB one 1.6–5 ms
 * (a Worker, sequential reads of a 1 GB File: scripts/bench/read-latency.mjs): the 1 GB pairs' 9 reads per archive took 100–160
 * ms with 1 MiB windows. Entries up to 1 MiB are digested on the way (and walked, when they are
 * layers), so they are never read a second time.
 */
import { TarParser } from '../formats/tar/parser';
import { readRange, throwIfAborted } from '../io/read';
import { toErrorInfo, type ErrorInfo } from '../io/errors';
import { CaptureVisitor } from './outer-capture';
import type { IndexResult } from './index-result';
import { digestFiles } from './digest-files';
import type { BlobHashers } from './blob-sink';
import type { DecoderFactory } from '../formats/decoder';
import type { ScanMode } from './scan-mode';
import { BlobCollector } from './blob-collector';

const WINDOW = 1024 * 1024;
/** The first window after a seek (and at the start). */
const FIRST_WINDOW = 64 * 1024;

export interface OuterOptions {
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
}

/** Entries up to this size are digested (and walked, if layers) during the listing itself. */
const SMALL = WINDOW;

export async function indexSeek(file: Blob, hashers: BlobHashers, decoders: DecoderFactory, mode: ScanMode, opts: OuterOptions): Promise<IndexResult> {
  const collector = new BlobCollector(hashers, decoders, mode, SMALL);
  const visitor = new CaptureVisitor((e, name) => collector.sinkFor(e, name));
  const parser = new TarParser(visitor);
  let pos = 0;
  let bytesRead = 0;
  let error: ErrorInfo | null = null;
  let summary = null;
  try {
    let window = FIRST_WINDOW;
    while (pos < file.size && !parser.done) {
      throwIfAborted(opts.signal);
      const chunk = await readRange(file, pos, pos + window);
      parser.write(chunk);
      bytesRead += chunk.length;
      pos += chunk.length;
      opts.onBytes?.(chunk.length);
      const skip = Math.min(parser.skippable, file.size - pos);
      if (skip > 0) {
        parser.skip(skip);
        pos += skip;
        window = FIRST_WINDOW;
      } else window = Math.min(WINDOW, window * 4);
    }
    // Trailing bytes after the end marker are counted by the parser, not read here.
    if (parser.done && pos < file.size) {
      const rest = await readRange(file, pos, Math.min(file.size, pos + WINDOW));
      parser.write(rest);
      bytesRead += rest.length;
      pos += rest.length;
    }
    summary = parser.end();
    // Bytes past the first window after the end marker were not fed: count them too.
    summary.trailingBytes += file.size - pos;
  } catch (e) {
    error = toErrorInfo(e, 'tar');
  }
  // A blob the listing was reading when it stopped (cancelled, cut short) is never ended.
  collector.dispose();
  return {
    mode: 'seek',
    outerCompression: { algorithm: 'none' },
    entries: visitor.entries,
    files: visitor.files,
    fileDigests: await digestFiles(visitor.files),
    tar: summary,
    blobs: collector.blobs,
    bytesRead,
    error,
  };
}
