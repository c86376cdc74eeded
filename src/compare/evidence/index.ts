/**
 * Content evidence for a comparison: what the bytes of a few differing files and of
 * recompressed layer blobs say, read through the EvidenceSource port (port.ts). See README.md.
 *
 *   const details = await gatherEvidence(diff, source, signal, { prefer });
 *   const causes2 = attachEvidence(causes, details);
 */
import type { ContentEvidence, DiffResult, EmbeddedTimestamps, EvidenceError, TimestampOnly } from '../types';
import { isAbort, toErrorInfo, type ErrorInfo } from '../../io/errors';
import { planFiles, planLayers, MAX_FILES } from './plan';
import { fileEvidence, type Sink } from './files';
import { layerEvidence, MAX_LEVEL_TESTS } from './layers';
import type { EvidenceSource } from './port';
import { classifyTimestamps, type TimestampLimits } from './timestamp-only';

export type { EvidenceSource, BlobPlace, Located, Got, Side, ExtractWant, ExtractedEntry, ExtractResult, CompressionEvidence } from './port';
export { attachEvidence } from './attach';
export { recogniseByPath, recognise, RECOGNISERS, type Recognised } from './recognise';
export { compressionEvidence } from './compression';
export { bytesEvidence } from './bytes';
export { lineDiff } from './line-diff';
export { markTimestampOnly, MAX_TIMESTAMP_BYTES, MAX_TIMESTAMP_FILE, MAX_TIMESTAMP_FILES, type TimestampLimits } from './timestamp-only';
export { differsOnlyInTimes, embeddedTimeKind, timeFields } from './embedded-times';

export interface GatherOptions {
  /** Difference ids to serve first (e.g. those the causes cite as evidence). */
  prefer?: Iterable<string>;
  /** File contents to examine at most (default 20). */
  maxFiles?: number;
  /** Layer pairs whose deflate streams are tested against zlib levels (default 4). */
  maxLevelTests?: number;
  /** Limits of the timestamp classification (timestamp-only.ts; defaults: 5,000 files, 4 MiB a file, 256 MiB in all). */
  timestampLimits?: TimestampLimits;
}

/**
 * Details by difference id; `skipped` says which differences got none, and why; `errors`, the
 * reads of the port that failed (what the report carries as `stats.evidenceErrors`).
 */
export class EvidenceDetails extends Map<string, ContentEvidence[]> {
  readonly skipped: { difference: string; why: string }[] = [];
  readonly errors: EvidenceError[] = [];
  /** Content differences whose bytes differ only in an embedded timestamp (timestamp-only.ts):
   *  difference id → kind, for markTimestampOnly. */
  readonly timestampOnly = new Map<string, TimestampOnly>();
  /** What the timestamp classification read and left out (absent when it had no candidate). */
  embeddedTimestamps?: EmbeddedTimestamps;
}

/**
 * Reads what it needs through `source` (extract jobs for files inside layers, small reads for
 * plain-tar files, forensics jobs for layer blobs) and returns the details by difference id.
 * Never rejects: cancellation returns what was gathered (no error), a failed read skips its
 * differences and is reported in `errors`.
 */
export async function gatherEvidence(diff: DiffResult, source: EvidenceSource, signal?: AbortSignal, opts: GatherOptions = {}): Promise<EvidenceDetails> {
  const out = new EvidenceDetails();
  const sink: Sink = {
    add: (id, details) => out.set(id, [...(out.get(id) ?? []), ...details]),
    skip: (id, why) => out.skipped.push({ difference: id, why }),
    fail: (differences, error) => fail(out.errors, differences, error),
  };
  const prefer = new Set(opts.prefer ?? []);
  const files = planFiles(diff.differences, prefer, opts.maxFiles ?? MAX_FILES);
  const layers = planLayers(diff.differences);
  // All three (file details, layer forensics, the timestamp classification of every
  // candidate) run to their end (or their cancel) before the details are returned: nothing
  // writes into `out` afterwards.
  const settled = await Promise.allSettled([
    fileEvidence(files, source, sink, signal, prefer),
    layerEvidence(layers, source, sink, opts.maxLevelTests ?? MAX_LEVEL_TESTS, signal),
    classifyTimestamps(diff.differences, source, sink.fail, signal, opts.timestampLimits).then(({ marks, scan }) => {
      for (const [id, kind] of marks) out.timestampOnly.set(id, kind);
      if (scan.candidates) out.embeddedTimestamps = scan;
    }),
  ]);
  for (const s of settled) {
    if (s.status === 'rejected' && !isAbort(s.reason) && !signal?.aborted) out.errors.push({ differences: [], error: toErrorInfo(s.reason, 'evidence') });
  }
  return out;
}

/** One entry per distinct error (both sides of a plain-tar file, both passes of a blob). */
function fail(errors: EvidenceError[], differences: string[], error: ErrorInfo): void {
  const same = errors.find((e) => JSON.stringify(e.error) === JSON.stringify(error));
  if (!same) errors.push({ differences: [...differences], error });
  else for (const d of differences) if (!same.differences.includes(d)) same.differences.push(d);
}
