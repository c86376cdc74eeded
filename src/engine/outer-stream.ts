/**
 * First pass over an archive that must be streamed (the whole file is gzip or zstd:
 * `docker save | gzip`, trivy's fixtures): nothing can be re-read cheaply, so everything
 * happens in this one pass — the outer tar is listed, metadata files captured, and every
 * other regular entry goes through a BlobSink (digest, compression, layer walk).
 */
import { TarParser } from '../formats/tar/parser';
import { detectCompression } from '../formats/detect';
import { readChunks, throwIfAborted } from '../io/read';
import { toErrorInfo, type ErrorInfo } from '../io/errors';
import type { Algorithm, CompressionInfo, Decoder } from '../formats/compression';
import type { BlobHashers } from './blob-sink';
import type { DecoderFactory } from '../formats/decoder';
import type { ScanMode } from './scan-mode';
import { BlobCollector } from './blob-collector';
import { CaptureVisitor } from './outer-capture';
import type { IndexResult } from './index-result';
import type { OuterOptions } from './outer-seek';
import { digestFiles } from './digest-files';

class OuterTar {
  readonly collector: BlobCollector;
  readonly visitor: CaptureVisitor;
  readonly parser: TarParser;
  error: ErrorInfo | null = null;
  /** The first decompressed bytes: a compression's magic there is "gzip inside gzip". */
  private head = new Uint8Array(0);

  constructor(
    hashers: BlobHashers,
    decoders: DecoderFactory,
    mode: ScanMode,
    private readonly algorithm: Algorithm,
  ) {
    this.collector = new BlobCollector(hashers, decoders, mode, Infinity);
    this.visitor = new CaptureVisitor((e, name) => this.collector.sinkFor(e, name));
    this.parser = new TarParser(this.visitor);
  }

  write(c: Uint8Array): void {
    if (this.error) return;
    if (this.head.length < 8) this.head = Uint8Array.from([...this.head, ...c.subarray(0, 8 - this.head.length)]);
    try {
      this.parser.write(c);
    } catch (e) {
      this.error = this.nested() ?? toErrorInfo(e, 'tar');
    }
  }

  /** Issue 12: a .tar.gz.gz said "bad header checksum at offset 0: stored …". */
  nested(): ErrorInfo | null {
    const inner = detectCompression(this.head);
    if (inner === 'none' || inner === 'unknown') return null;
    const what = inner === this.algorithm ? `${inner} inside ${inner}` : `${inner} inside ${this.algorithm}`;
    return {
      code: 'unsupported',
      component: 'archive',
      message: `archive: the file is ${what}: its ${this.algorithm} stream holds ${inner}-compressed data, not a tar (decompress it once more first)`,
      offset: 0,
    };
  }
}

export async function indexStream(
  file: Blob,
  algorithm: Algorithm,
  hashers: BlobHashers,
  decoders: DecoderFactory,
  mode: ScanMode,
  opts: OuterOptions,
): Promise<IndexResult> {
  const outer = new OuterTar(hashers, decoders, mode, algorithm);
  let compression: CompressionInfo | null = null;
  let error: ErrorInfo | null = null;
  let bytesRead = 0;

  // The outer stream goes through the exact decoder rather than DecompressionStream:
  // it reports input progress and the member structure as it goes, and a multi-GB
  // outer stream is not restarted when the fast path would have declined at its end.
  let decoder: Decoder | null = null;
  try {
    decoder = decoders(algorithm, (c) => outer.write(c));
    for await (const chunk of readChunks(file, { signal: opts.signal })) {
      // A tar error inside a compressed stream may be the symptom of corrupt compressed
      // data (garbage inflates before the CRC is checked at the member's end): keep
      // decoding to the end, so that the decoder's own verdict can name the real cause.
      decoder.write(chunk);
      bytesRead += chunk.length;
      opts.onBytes?.(chunk.length);
    }
    compression = decoder.end();
  } catch (e) {
    // The outer decoder will not be ended: free what it holds (zstd-wasm's buffers).
    decoder?.dispose?.();
    if (opts.signal?.aborted) outer.collector.dispose();
    throwIfAborted(opts.signal);
    error = toErrorInfo(e, algorithm);
  }
  let summary = null;
  if (!error && !outer.error) {
    try {
      summary = outer.parser.end();
    } catch (e) {
      error = outer.nested() ?? toErrorInfo(e, 'tar');
    }
  }
  // An inner blob the stream was inside when it stopped (cancelled, cut short) is never ended.
  outer.collector.dispose();
  return {
    mode: 'stream',
    outerCompression: compression,
    entries: outer.visitor.entries,
    files: outer.visitor.files,
    fileDigests: await digestFiles(outer.visitor.files),
    tar: summary,
    blobs: outer.collector.blobs,
    bytesRead,
    // The decompressor's error is the root cause when both failed.
    error: error ?? outer.error,
  };
}
