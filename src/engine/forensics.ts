/**
 * The forensics job: why two blobs of the same uncompressed layer differ (gzip header fields,
 * where the deflate streams diverge, which zlib level reproduces each side, zstd frame
 * parameters), from the first bytes of each blob. The zlib-level test recompresses up to a
 * few MiB with pako at several levels (≈0.2 s per pair, src/compare/evidence/README.md), so
 * it runs as a job on the runner — in a Worker on the page — never on the page's main thread.
 */
import { readRange, throwIfAborted } from '../io/read';
import type { CompressionInfo } from '../formats/compression';
import type { CompressionEvidence } from '../compare/evidence/port';
import { compressionEvidence, HEAD_BYTES } from '../compare/evidence/compression';

export interface ForensicsSide {
  blob: Blob;
  /** What the deep scan found (members, frames), when it ran. */
  info: CompressionInfo | null;
}

export interface ForensicsOptions {
  signal?: AbortSignal;
  /** Test which zlib level reproduces each gzip side (the costly part). */
  zlibLevels: boolean;
}

export type ForensicsResult = CompressionEvidence[];

export async function forensicsJob(a: ForensicsSide, b: ForensicsSide, opts: ForensicsOptions): Promise<ForensicsResult> {
  const [ha, hb] = await Promise.all([readRange(a.blob, 0, HEAD_BYTES), readRange(b.blob, 0, HEAD_BYTES)]);
  throwIfAborted(opts.signal);
  return compressionEvidence({ bytes: ha, size: a.blob.size, info: a.info }, { bytes: hb, size: b.blob.size, info: b.info }, { zlibLevels: opts.zlibLevels });
}
