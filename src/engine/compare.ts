/**
 * The comparison coordinator. Structure first: both outer passes run in parallel and a
 * preliminary report (outer tars, index, manifests, configs, blob digests; no file-level
 * differences yet) goes to `onUpdate` at once. Then every layer blob of both archives is
 * deep-scanned in parallel on the runner, the differ and the explainers run on the
 * complete inspection reports, and content evidence is gathered for a few differing files.
 * Never rejects for a bad archive: an unreadable side yields the verdict `unreadable` with
 * everything readable on both sides still compared.
 */
import type { CompareOptions } from './api';
import type { JobRunner } from './runner';
import { ProgressTracker } from './progress-tracker';
import { readStructure, readLayers, toInput, type ArchiveRead, type LayerReadStats } from './archive-read';
import { diffInputs, dropDeep } from '../compare/diff';
import { explain } from '../compare/explain';
import { NO_IGNORES, type Cause, type ComparisonReport, type DiffResult, type IgnoreOptions } from '../compare/types';
import { TOOL } from '../report/tool';

export interface CompareHooks {
  /** Content evidence (text diffs, hex windows, recognised kinds, compression forensics) for a
   *  few differences of the final report, given to the causes' evidence. Failures are ignored:
   *  evidence is an extra, the report stands without it. */
  evidence?: (diff: DiffResult, reads: [ArchiveRead, ArchiveRead], causes: Cause[], signal?: AbortSignal) => Promise<Cause[]>;
}

export async function compareArchives(
  runner: JobRunner,
  a: Blob,
  aName: string,
  b: Blob,
  bName: string,
  opts: CompareOptions = {},
  hooks: CompareHooks = {},
): Promise<ComparisonReport> {
  const { signal } = opts;
  const options = opts.ignore ?? NO_IGNORES;
  const t0 = performance.now();
  const progress = new ProgressTracker(a.size + b.size, opts.onProgress);
  progress.phase('index', 'reading the structure of both archives');
  const reads = (await Promise.all([
    readStructure(runner, a, aName, progress, signal),
    readStructure(runner, b, bName, progress, signal),
  ])) as [ArchiveRead, ArchiveRead];

  if (!signal?.aborted && opts.onUpdate) {
    opts.onUpdate(build(reads, 'preliminary', options, progress.bytesDone, t0, signal));
  }
  const layers = await readLayers(runner, reads, progress, signal, true);
  const final = await build(reads, 'final', options, progress.bytesDone, t0, signal, layers, async (diff, causes) => {
    if (!hooks.evidence || signal?.aborted) return causes;
    try {
      return await hooks.evidence(diff, reads, causes, signal);
    } catch {
      return causes;
    }
  });
  progress.phase('done');
  opts.onUpdate?.(final);
  return final;
}

function build(
  reads: [ArchiveRead, ArchiveRead],
  phase: 'preliminary',
  options: IgnoreOptions,
  bytesRead: number,
  t0: number,
  signal?: AbortSignal,
): ComparisonReport;
function build(
  reads: [ArchiveRead, ArchiveRead],
  phase: 'final',
  options: IgnoreOptions,
  bytesRead: number,
  t0: number,
  signal: AbortSignal | undefined,
  layers: LayerReadStats,
  enrich: (diff: DiffResult, causes: Cause[]) => Promise<Cause[]>,
): Promise<ComparisonReport>;
function build(
  reads: [ArchiveRead, ArchiveRead],
  phase: 'preliminary' | 'final',
  options: IgnoreOptions,
  bytesRead: number,
  t0: number,
  signal?: AbortSignal,
  layers?: LayerReadStats,
  enrich?: (diff: DiffResult, causes: Cause[]) => Promise<Cause[]>,
): ComparisonReport | Promise<ComparisonReport> {
  const A = toInput(reads[0], reads[0].bytesRead, signal);
  const B = toInput(reads[1], reads[1].bytesRead, signal);
  let diff = diffInputs(A, B);
  if (phase === 'preliminary') diff = dropDeep(diff);
  const ex = explain(diff, A, B, options);
  const finish = (causes: Cause[]): ComparisonReport => {
    return {
      schemaVersion: 1,
      tool: TOOL,
      kind: 'comparison',
      createdAt: new Date().toISOString(),
      inputs: [A, B],
      options,
      verdict: ex.verdict,
      headline: ex.headline,
      causes,
      differences: diff.differences,
      pairing: diff.pairing,
      identicalBytes: diff.identicalBytes,
      stats: {
        elapsedMs: Math.round(performance.now() - t0),
        bytesRead,
        phase,
        layersScanned: layers?.scanned ?? 0,
        layersSkipped: layers?.shared ?? 0,
        // Shared blobs are hashed on both sides: every digest is still checked against its bytes.
        digestsVerified: phase === 'final' && reads.every((r) => r.complete),
      },
    };
  };
  if (phase === 'preliminary' || !enrich) return finish(ex.causes);
  return enrich(diff, ex.causes).then(finish);
}
