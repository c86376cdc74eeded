/**
 * Gives each regular outer entry (up to a size limit) its own BlobSink while the outer tar
 * is read, and keeps the results by name: digest, compression, and — for layers — diff_id
 * and files. Stream mode collects every entry (nothing can be re-read); seek mode only the
 * small ones it reads anyway, so that no byte is read twice for small archives and plain
 * tars, while large blobs are left to the parallel scan.
 */
import type { EntrySink } from '../formats/tar/parser';
import type { TarEntry } from '../formats/tar/types';
import { BlobSink, type BlobHashers, type BlobResult } from './blob-sink';
import type { DecoderFactory } from '../formats/decoder';
import type { ScanMode } from './scan-mode';

export class BlobCollector {
  readonly blobs = new Map<string, BlobResult>();

  constructor(
    private readonly hashers: BlobHashers,
    private readonly decoders: DecoderFactory,
    private readonly mode: ScanMode,
    private readonly maxSize: number,
  ) {}

  sinkFor(e: TarEntry, name: string): EntrySink | null {
    if (e.size === 0 || e.size > this.maxSize) return null;
    const sink = new BlobSink(this.hashers, this.decoders, this.mode, { path: name });
    this.open = sink;
    return {
      data: (c) => sink.write(c),
      end: () => {
        this.open = null;
        this.blobs.set(name, sink.end());
      },
    };
  }

  /** The blob being read when the listing stopped (cancelled, or the tar ended inside it). */
  private open: BlobSink | null = null;

  /** Frees what that blob's decoder holds (zstd-wasm's buffers): it will not be ended. */
  dispose(): void {
    this.open?.dispose();
    this.open = null;
  }
}
