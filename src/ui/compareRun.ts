/**
 * The comparison as the page sees it (pure helpers; App holds the state): how a run ended,
 * the report shown when the engine could not even start, and the report re-explained for the
 * page's ignore options. Re-explaining needs only the report (its differences, pairing and
 * identicalBytes are the DiffResult the explainer takes), never the archives again.
 */
import type { ComparisonReport, ContentEvidence, DiffResult, ExplainFn, IgnoreOptions } from '../compare/types';
import { comparisonReport } from '../compare/report';
import { failureReport, type RunStatus } from './run';

export type { Explanation, ExplainFn } from '../compare/types';

export function diffResultOf(r: ComparisonReport): DiffResult {
  return { differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes };
}

export function sameOptions(x: IgnoreOptions, y: IgnoreOptions): boolean {
  return (
    x.timestamps === y.timestamps &&
    x.fileOrder === y.fileOrder &&
    x.ownerNames === y.ownerNames &&
    x.tarFormat === y.tarFormat &&
    x.history === y.history &&
    !!x.imageName === !!y.imageName &&
    !!x.modeBits === !!y.modeBits &&
    x.paths.length === y.paths.length &&
    x.paths.every((p, i) => p === y.paths[i])
  );
}

export interface Explained {
  report: ComparisonReport;
  /** Differences the options ignore; null until the explainer is loaded. */
  ignored: number | null;
}

/**
 * The report for the page's current options. With the options the engine used, the engine's
 * own verdict and causes are kept as they are (Export JSON then saves exactly what the engine
 * returned); only the ignored count comes from re-running the explainer. With other options,
 * verdict, headline and causes are re-explained; content evidence (text diffs, hex) gathered by
 * the engine for a difference is carried over to the new evidence about that same difference.
 */
export function explainFor(r: ComparisonReport, options: IgnoreOptions, explain: ExplainFn | null): Explained {
  if (!explain) return { report: r, ignored: null };
  const ex = explain(diffResultOf(r), r.inputs[0], r.inputs[1], options);
  if (sameOptions(options, r.options)) return { report: r, ignored: ex.ignored };
  // A difference may have several details (a hex window and a recognised kind): handed out in order.
  const details = new Map<string, ContentEvidence[]>();
  for (const c of r.causes)
    for (const e of c.evidence) if (e.detail && e.difference) details.set(e.difference, [...(details.get(e.difference) ?? []), e.detail]);
  const used = new Map<string, number>();
  const causes = ex.causes.map((c) => ({
    ...c,
    evidence: c.evidence.map((e) => {
      if (e.detail || !e.difference) return e;
      const i = used.get(e.difference) ?? 0;
      const detail = details.get(e.difference)?.[i];
      if (!detail) return e;
      used.set(e.difference, i + 1);
      return { ...e, detail };
    }),
  }));
  return { report: { ...r, options, verdict: ex.verdict, headline: ex.headline, causes }, ignored: ex.ignored };
}

/** How a comparison ended: cancelled by the user, unreadable, or done. */
export function comparisonStatus(r: ComparisonReport, aborted: boolean): Exclude<RunStatus, 'idle' | 'working'> {
  if (aborted || r.inputs.some((i) => i.errors.some((e) => e.code === 'cancelled'))) return 'cancelled';
  return r.verdict === 'unreadable' ? 'failed' : 'done';
}

/**
 * A comparison report for a run that never reached the engine (its code failed to load, it
 * has no compare(), or it broke its promise not to reject): verdict `unreadable`, the error on
 * both inputs, so the page still says what happened and Export JSON still works.
 */
export function failedComparison(
  a: { name: string; size: number },
  b: { name: string; size: number },
  e: unknown,
  component: string,
  options: IgnoreOptions,
): ComparisonReport {
  const A = failureReport(a.name, a.size, e, component).inputs[0];
  const B = failureReport(b.name, b.size, e, component).inputs[0];
  return comparisonReport({
    inputs: [A, B],
    options,
    verdict: 'unreadable',
    headline: `The comparison could not run: ${A.error}`,
    causes: [],
    differences: [],
    pairing: { images: [], layers: [] },
    identicalBytes: null,
    stats: {
      elapsedMs: 0,
      bytesRead: 0,
      phase: 'final',
      layersScanned: 0,
      layersSkipped: 0,
      digestsVerified: false,
      verification: { state: 'skipped', blobs: 0, bytes: 0, bytesTotal: 0, rescanned: 0 },
    },
  });
}

export const COMPARE_STATUS_TEXT: Record<RunStatus, string> = {
  idle: '',
  working: 'Comparing…',
  done: 'Finished',
  failed: 'Finished: an archive could not be read to the end',
  cancelled: 'Cancelled: showing what was compared before',
};
