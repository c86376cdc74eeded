/**
 * The comparison coordinator. Structure first: both outer passes run in parallel and a
 * preliminary report (outer tars, index, manifests, configs, blob digests; no file-level
 * differences yet) goes to `onUpdate` at once. Then every layer blob of both archives is
 * deep-scanned in parallel on the runner — the fast scan: no SHA-256, files compared by
 * XXH64, a blob both archives name by the same digest not read at all — the differ and the
 * explainers run, content evidence is gathered for a few differing files, and the final
 * report goes to `onUpdate` with `stats.verification.state` 'pending'. Last, the digests are
 * verified in the background (verify-digests.ts, progress phase 'verify'): the shared blobs are
 * read (files and digests), every deferred blob digest and diff_id is computed and checked, and
 * the verified, complete report is the one the promise resolves with (also to `onUpdate`).
 * Never rejects for a bad archive: an unreadable side yields the verdict `unreadable` with
 * everything readable on both sides still compared.
 */
import type { CompareOptions } from './api';
import type { JobRunner } from './runner';
import { ProgressTracker } from './progress-tracker';
import { readStructure, readLayers, toInput, type ArchiveRead, type LayerReadStats } from './archive-read';
import { planVerification, verifyDigests } from './verify-digests';
import { diffInputsPausing, dropDeep } from '../compare/diff';
import { explain } from '../compare/explain';
import { attachEvidence } from '../compare/evidence/attach';
import { markTimestampOnly } from '../compare/evidence/timestamp-only';
import {
  NO_IGNORES,
  type Cause,
  type ComparisonReport,
  type ContentEvidence,
  type DiffResult,
  type EmbeddedTimestamps,
  type EvidenceError,
  type IgnoreOptions,
  type PhaseTimings,
  type TimestampOnly,
  type Verification,
} from '../compare/types';
import { comparisonReport } from '../compare/report';
import type { InputReport } from '../report/types';
import { isAbort, toErrorInfo } from '../io/errors';

export interface CompareHooks {
  /** Content evidence (text diffs, hex windows, recognised kinds, compression forensics) for a
   *  few differences of the final report, by difference id; attached to the causes that cite
   *  them. Evidence is an extra: the report stands without it, and says what failed
   *  (`errors`, and a hook that rejects: `stats.evidenceErrors`). A cancel is not a failure. */
  evidence?: (diff: DiffResult, reads: [ArchiveRead, ArchiveRead], causes: Cause[], signal?: AbortSignal) => Promise<Details>;
}

type Details = Map<string, ContentEvidence[]> & {
  readonly errors?: readonly EvidenceError[];
  /** Content differences whose bytes differ only in an embedded timestamp (evidence/timestamp-only.ts). */
  readonly timestampOnly?: ReadonlyMap<string, TimestampOnly>;
  readonly embeddedTimestamps?: EmbeddedTimestamps;
};

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
  const reads = (await Promise.all([readStructure(runner, a, aName, progress, signal), readStructure(runner, b, bName, progress, signal)])) as [
    ArchiveRead,
    ArchiveRead,
  ];
  const timings: PhaseTimings = {};
  const mark = (k: keyof PhaseTimings) => (timings[k] = Math.round(performance.now() - t0));
  mark('structure');
  const ctx: BuildContext = { reads, options, t0, signal, timings };

  if (!signal?.aborted && opts.onUpdate) {
    const preliminary = (await build(ctx, 'preliminary', progress.bytesDone)).report;
    if (!signal?.aborted) opts.onUpdate(preliminary);
  }

  const verify = opts.verify !== false;
  const layers = await readLayers(runner, reads, progress, signal, { share: true, fast: true });
  ctx.layers = layers;
  mark('layers');
  const plan = planVerification(reads);
  const gather = async (diff: DiffResult, causes: Cause[]): Promise<Details> => {
    if (!hooks.evidence || signal?.aborted) return new Map();
    try {
      return await hooks.evidence(diff, reads, causes, signal);
    } catch (e) {
      if (isAbort(e) || signal?.aborted) return new Map();
      return Object.assign(new Map<string, ContentEvidence[]>(), { errors: [{ differences: [], error: toErrorInfo(e, 'evidence') }] });
    }
  };
  const pending: Verification = {
    state: signal?.aborted ? 'cancelled' : !plan.jobs.length ? 'done' : verify ? 'pending' : 'skipped',
    blobs: 0,
    bytes: 0,
    bytesTotal: plan.bytes,
    rescanned: 0,
  };
  if (pending.state === 'pending' && !opts.onUpdate) {
    // Nobody sees a report before its digests are verified (no listener: the CLI, the tests):
    // verify first, then build, explain and read the evidence once. The order below builds the
    // report twice, and the second build ran while the first was still in the heap: the CLI's
    // peak for 100,000 changed files (issue 12).
    const vp = new ProgressTracker(plan.bytes, opts.onProgress);
    vp.phase('verify', 'verifying blob digests and diff_ids');
    const v = await verifyDigests(runner, plan, vp, signal);
    const stopped = signal?.aborted === true;
    const verification: Verification = stopped
      ? { ...pending, state: 'cancelled', blobs: v.blobs, bytes: v.bytes }
      : { state: v.complete ? 'done' : 'incomplete', blobs: v.blobs, bytes: v.bytes, bytesTotal: plan.bytes, rescanned: v.rescanned };
    const once = await build(ctx, 'final', progress.bytesDone + (stopped ? 0 : vp.bytesDone), verification);
    mark('explained');
    const details = await gather(once.diff, once.causes);
    mark('evidence');
    const marked = await once.marked(details);
    mark('verified');
    const report = marked.finish(attachEvidence(marked.causes, details), details.errors, details.embeddedTimestamps);
    vp.phase('done');
    return report;
  }

  let unmarked: Built | null = await build(ctx, 'final', progress.bytesDone, pending);
  mark('explained');
  const details = await gather(unmarked.diff, unmarked.causes);
  mark('evidence');
  // The evidence pass classified every .pyc / zip / .gz content difference: the ones that differ
  // only in an embedded timestamp carry it in the report, and the causes are explained again.
  const finalFrom = async (u: Built): Promise<ComparisonReport> => {
    const m = await u.marked(details);
    return m.finish(attachEvidence(m.causes, details), details.errors, details.embeddedTimestamps);
  };
  let final: ComparisonReport | null = await finalFrom(unmarked);
  unmarked = null;
  // The page renders the report in the next task, not after this one's work.
  await nextTask();
  if (pending.state !== 'pending') {
    progress.phase('done');
    opts.onUpdate?.(final);
    return final;
  }
  opts.onUpdate?.(final);

  // In the background of the report on screen: the digests the fast scan did not compute.
  const vp = new ProgressTracker(plan.bytes, opts.onProgress);
  vp.phase('verify', 'verifying blob digests and diff_ids');
  const v = await verifyDigests(runner, plan, vp, signal);
  if (signal?.aborted) {
    // Stopped by the user: the report stands as it was, only its digests are unchecked.
    const stopped: ComparisonReport = {
      ...final,
      stats: { ...final.stats, verification: { ...final.stats.verification, state: 'cancelled', blobs: v.blobs, bytes: v.bytes } },
    };
    opts.onUpdate?.(stopped);
    return stopped;
  }
  // Nothing here needs the unverified report any more (a listener has its own reference): let
  // it go before the rebuild makes a second one, or both inputs' reports and both difference
  // lists are held at once (issue 12: 100,000 changed files, +140 MB at the peak).
  final = null;
  const state: Verification['state'] = v.complete ? 'done' : 'incomplete';
  const verification: Verification = { state, blobs: v.blobs, bytes: v.bytes, bytesTotal: plan.bytes, rescanned: v.rescanned };
  const bytesRead = progress.bytesDone + vp.bytesDone;
  const rebuilt = await build(ctx, 'final', bytesRead, verification);
  // The evidence already read still holds (it is keyed by difference id; what the verified
  // report adds — merged-view and integrity differences — needs none), unless a copy turned out
  // not to be its twin: then its files are new and may differ.
  const more = v.rescanned === 0 ? details : await gather(rebuilt.diff, rebuilt.causes);
  const again = await rebuilt.marked(more);
  mark('verified');
  const verified = again.finish(attachEvidence(again.causes, more), more.errors, more.embeddedTimestamps);
  await nextTask();
  vp.phase('done');
  opts.onUpdate?.(verified);
  return verified;
}

interface BuildContext {
  reads: [ArchiveRead, ArchiveRead];
  options: IgnoreOptions;
  t0: number;
  signal?: AbortSignal;
  layers?: LayerReadStats;
  timings: PhaseTimings;
}

interface Built {
  diff: DiffResult;
  causes: Cause[];
  report: ComparisonReport;
  finish(causes: Cause[], evidenceErrors?: readonly EvidenceError[], embeddedTimestamps?: EmbeddedTimestamps): ComparisonReport;
  /** The same, its differences marked `timestampOnly` where the evidence found it (re-explained). */
  marked(details: Details): Promise<Built>;
}

/**
 * The page runs this coordinator on its main thread (the Workers read, it assembles, diffs and
 * explains): each step of a large comparison (20,000 changed files) takes 50–200 ms, so it
 * gives the event loop a turn between them — the tab stays responsive (issue 12: no task over
 * 200 ms), and a Cancel click is seen at once. In Node it costs a timer per step.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function build(ctx: BuildContext, phase: 'preliminary' | 'final', bytesRead: number, verification?: Verification): Promise<Built> {
  const { reads, signal } = ctx;
  await nextTask();
  const A = toInput(reads[0], reads[0].bytesRead, signal);
  await nextTask();
  const B = toInput(reads[1], reads[1].bytesRead, signal);
  await nextTask();
  let diff = await diffInputsPausing(A, B, nextTask);
  if (phase === 'preliminary') diff = dropDeep(diff);
  await nextTask();
  return explained(ctx, phase, bytesRead, verification, A, B, diff);
}

function explained(
  ctx: BuildContext,
  phase: 'preliminary' | 'final',
  bytesRead: number,
  verification: Verification | undefined,
  A: InputReport,
  B: InputReport,
  diff: DiffResult,
): Built {
  const { reads, options, layers } = ctx;
  const ex = explain(diff, A, B, options);
  const v: Verification = verification ?? { state: 'pending', blobs: 0, bytes: 0, bytesTotal: 0, rescanned: 0 };
  const finish = (causes: Cause[], evidenceErrors: readonly EvidenceError[] = [], embeddedTimestamps?: EmbeddedTimestamps): ComparisonReport =>
    withIgnored(
      ex.ignored,
      comparisonReport({
        inputs: [A, B],
        options,
        verdict: ex.verdict,
        headline: ex.headline,
        causes,
        differences: diff.differences,
        pairing: diff.pairing,
        identicalBytes: diff.identicalBytes,
        stats: {
          elapsedMs: Math.round(performance.now() - ctx.t0),
          bytesRead,
          phase,
          layersScanned: layers?.scanned ?? 0,
          layersSkipped: layers?.shared ?? 0,
          digestsVerified: phase === 'final' && v.state === 'done' && reads.every((r) => r.complete),
          verification: v,
          timings: { ...ctx.timings },
          ...(evidenceErrors.length ? { evidenceErrors: [...evidenceErrors] } : {}),
          ...(embeddedTimestamps ? { embeddedTimestamps } : {}),
        },
      }),
    );
  const marked = async (details: Details): Promise<Built> => {
    if (!details.timestampOnly?.size) return built;
    await nextTask();
    return explained(ctx, phase, bytesRead, verification, A, B, markTimestampOnly(diff, details.timestampOnly));
  };
  const built: Built = { diff, causes: ex.causes, report: finish(ex.causes), finish, marked };
  return built;
}

/** What each report's explainer run said the options ignore (the page shows the count: the
 *  coordinator Worker sends it with each update rather than explaining the report again). */
const IGNORED = new WeakMap<ComparisonReport, number>();

function withIgnored(ignored: number, r: ComparisonReport): ComparisonReport {
  IGNORED.set(r, ignored);
  return r;
}

/** The number of differences `r`'s own options ignore, when this coordinator built `r`. */
export function ignoredCount(r: ComparisonReport): number | undefined {
  return IGNORED.get(r);
}
