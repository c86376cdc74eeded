/**
 * First pass over an uncompressed outer tar: list every entry and capture the small
 * metadata files, seeking past large entries (layer blobs) instead of reading them.
 * Windows of 1 MiB: an archive of a few large blobs costs a few reads; a plain tar of
 * many small files is read as a stream would be. Entries that fit a window are digested
 * on the way (and walked, when they are layers), so they are never read a second time.
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
    while (pos < file.size && !parser.done) {
      throwIfAborted(opts.signal);
      const chunk = await readRange(file, pos, pos + WINDOW);
      parser.write(chunk);
      bytesRead += chunk.length;
      pos += chunk.length;
      opts.onBytes?.(chunk.length);
      const skip = Math.min(parser.skippable, file.size - pos);
      if (skip > 0) {
        parser.skip(skip);
        pos += skip;
      }
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
