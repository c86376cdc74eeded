/** What the first pass over an archive yields: its outer listing and, when the archive
 *  had to be streamed (compressed outer file), the facts of every blob met on the way. */
import type { CompressionInfo } from '../formats/compression';
import type { TarEntry, TarSummary } from '../formats/tar/types';
import type { ErrorInfo } from '../io/errors';
import type { BlobResult } from './blob-sink';

export interface IndexResult {
  /** 'seek': uncompressed outer tar, blobs are slices of the file; 'stream': everything
   *  was read in one pass through the decompressor. */
  mode: 'seek' | 'stream';
  outerCompression: CompressionInfo | null;
  entries: TarEntry[];
  /** Captured small files (manifests, configs, indexes) by normalised name. */
  files: Map<string, Uint8Array>;
  /** sha256 of every captured file, by normalised name. */
  fileDigests: Map<string, string>;
  tar: TarSummary | null;
  /** Stream mode: every regular entry's blob facts, by normalised name. */
  blobs: Map<string, BlobResult>;
  bytesRead: number;
  error: ErrorInfo | null;
}
