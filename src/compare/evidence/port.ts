/**
 * The read-only port content evidence reads through: where the bytes of a difference are,
 * a few byte ranges of them, a few files out of a layer blob, and compression forensics on
 * two blobs. Declared here, implemented by the engine (src/engine/evidence-port.ts, over its
 * reads of the two archives and its job runner), the way go-containerregistry's `v1.Layer`
 * hides its opener: evidence never sees the engine's structures, only plain data.
 *
 * Failures are data: a read or a job that fails resolves with `{ ok: false, error }`, so the
 * caller has to say what it does with it (gatherEvidence reports it in `errors`, the report's
 * `stats.evidenceErrors`). Only cancellation rejects (`code: 'cancelled'` / AbortError): a
 * cancel is not an error.
 */
import type { Algorithm, CompressionInfo } from '../../formats/compression';
import type { EntryType } from '../../formats/tar/types';
import type { ErrorInfo } from '../../io/errors';
import type { ContentEvidence } from '../types';

export type Side = 0 | 1;

/** Where some bytes of one side are: a layer blob, or an entry of a plain outer tar. */
export interface BlobPlace {
  /** Key of the blob within the comparison: "a:blobs/sha256/ab…". */
  key: string;
  side: 'a' | 'b';
  /** Outer entry name (normalised). */
  entry: string;
  /** Offset of its bytes in the archive file, and their length. */
  start: number;
  size: number;
  /** What the deep scan found out about its compression, when it ran. */
  info: CompressionInfo | null;
}

/** A place, or why content evidence cannot read it (a streamed archive, a missing blob…). */
export type Located<T> = { ok: true; place: T } | { ok: false; why: string };

/** What a read or a job gave: its value, or the error it failed with. */
export type Got<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** One file wanted out of a layer blob (the engine's extract job). */
export interface ExtractWant {
  /** Normalised path, as `FileRecord.path`. */
  path: string;
  /** Which occurrence of the path in this tar, 1-based (the n of an id's `path#n`); default 1. */
  occurrence?: number;
  /** Byte ranges [start, end) of the entry's data to keep; default [[0, limit]]. */
  ranges?: [number, number][];
  /** When set, also hash every `blockSize` bytes of the whole entry (see `blocks`). */
  blockSize?: number;
  /** The entry's data size when the caller knows it (FileRecord.size): an entry read from its
   *  header (`at`) reads about that much, not a fixed window. Only sizes the reads. */
  size?: number;
  /** Offset of the entry's first header block in the tar (FileRecord.offset). In an
   *  uncompressed blob the job then reads from there (`occurrence` is not needed) instead of
   *  walking the tar from its start. */
  at?: number;
}

export interface ExtractedEntry {
  path: string;
  occurrence: number;
  found: boolean;
  type?: EntryType;
  /** Stored data size (sparse entries: the stored chunks, not the expanded file). */
  size: number;
  sparse?: boolean;
  /** The bytes of each requested range that exist (a range past the end is cut or empty). */
  chunks: { start: number; bytes: Uint8Array }[];
  /** FNV-1a-64-style hashes (two 32-bit lanes as hex) of consecutive blocks, when asked. */
  blocks?: string[];
  /** Every range and every block was read (false when the stream ended early). */
  complete: boolean;
}

export interface ExtractResult {
  /** One per want, in the order asked. */
  entries: ExtractedEntry[];
  /** The blob's compression, sniffed from its magic bytes. */
  compression: Algorithm;
  /** Blob (compressed) bytes read. */
  bytesRead: number;
  /** True when reading stopped before the end of the blob because every want was complete. */
  stoppedEarly: boolean;
  /** A corrupt or truncated blob: the entries completed before it are still there. */
  error: ErrorInfo | null;
}

export type CompressionEvidence = Extract<ContentEvidence, { kind: 'compression' }>;

export interface EvidenceSource {
  /** Blobs worth reading at once (the runner's workers). */
  readonly concurrency: number;
  /** The blob of layer `layer` of image `image` on side `s`. */
  layerBlob(s: Side, image: number | undefined, layer: number | undefined): Located<BlobPlace>;
  /** The `occurrence`th regular entry `path` of the outer tar (the files of a plain tar). */
  outerEntry(s: Side, path: string, occurrence: number): Located<BlobPlace>;
  /** Where the headers of `path#occurrence` start in the layer's uncompressed tar, when the
   *  deep scan recorded it (FileRecord.offset). */
  fileOffset(p: BlobPlace, path: string, occurrence: number): number | undefined;
  /** The deep scan's fingerprint of `path#occurrence` in layer `layer` of image `image` on side
   *  `s`, with its embedded times zeroed (FileRecord.timesMasked: `.pyc` and `.gz`), when it
   *  took one. From the records: also for an archive whose layers cannot be read again. */
  timesMasked(s: Side, image: number | undefined, layer: number | undefined, path: string, occurrence: number): string | undefined;
  /** Bytes [start, end) of a place, cut at its end. */
  read(p: BlobPlace, start: number, end: number, signal?: AbortSignal): Promise<Got<Uint8Array>>;
  /** A few files out of a layer blob, one entry per want in order. A corrupt blob is still
   *  `ok`, with `value.error` and the entries completed before it. */
  extract(p: BlobPlace, wants: ExtractWant[], signal?: AbortSignal): Promise<Got<ExtractResult>>;
  /** Why two blobs of the same uncompressed layer differ (compression.ts on their heads). */
  forensics(a: BlobPlace, b: BlobPlace, opts: { zlibLevels: boolean; signal?: AbortSignal }): Promise<Got<CompressionEvidence[]>>;
}
