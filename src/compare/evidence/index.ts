/**
 * Content evidence for a comparison: what the bytes of a few differing files and of
 * recompressed layer blobs say. See README.md.
 *
 *   const details = await gatherEvidence(diff, reads, runner, signal, { prefer });
 *   const causes2 = attachEvidence(causes, details);
 */
import type { ArchiveRead } from '../../engine/archive-read';
import type { JobRunner } from '../../engine/runner';
import type { ContentEvidence, DiffResult } from '../types';
import { isAbort } from '../../io/errors';
import { planFiles, planLayers, MAX_FILES } from './plan';
import { fileEvidence, type Sink } from './files';
import { layerEvidence, MAX_LEVEL_TESTS } from './layers';

export { attachEvidence } from './attach';
export { recogniseByPath, recognise, RECOGNISERS, type Recognised } from './recognise';
export { compressionEvidence } from './compression';
export { bytesEvidence } from './bytes';
export { lineDiff } from './line-diff';

export interface GatherOptions {
  /** Difference ids to serve first (e.g. those the causes cite as evidence). */
  prefer?: Iterable<string>;
  /** File contents to examine at most (default 20). */
  maxFiles?: number;
  /** Layer pairs whose deflate streams are tested against zlib levels (default 4). */
  maxLevelTests?: number;
}

/** Details by difference id; `skipped` says which differences got none, and why. */
export class EvidenceDetails extends Map<string, ContentEvidence[]> {
  readonly skipped: { difference: string; why: string }[] = [];
}

/**
 * Reads what it needs (extract jobs on the runner for files inside layers; small slices for
 * layer blob heads and plain-tar files) and returns the details by difference id. Never
 * rejects: cancellation returns what was gathered, a failed read skips its differences.
 */
export async function gatherEvidence(
  diff: DiffResult,
  reads: [ArchiveRead, ArchiveRead],
  runner: JobRunner,
  signal?: AbortSignal,
  opts: GatherOptions = {},
): Promise<EvidenceDetails> {
  const out = new EvidenceDetails();
  const sink: Sink = {
    add: (id, details) => out.set(id, [...(out.get(id) ?? []), ...details]),
    skip: (id, why) => out.skipped.push({ difference: id, why }),
  };
  const prefer = new Set(opts.prefer ?? []);
  const files = planFiles(diff.differences, prefer, opts.maxFiles ?? MAX_FILES);
  const layers = planLayers(diff.differences);
  try {
    await Promise.all([
      fileEvidence(files, reads, runner, sink, signal, prefer),
      layerEvidence(layers, reads, runner, sink, opts.maxLevelTests ?? MAX_LEVEL_TESTS, signal),
    ]);
  } catch (e) {
    if (!isAbort(e) && !signal?.aborted) sink.skip('*', `content evidence stopped: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}
