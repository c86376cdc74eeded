/**
 * The comparison as the page sees it (pure helpers; App holds the state): how a run ended,
 * the report shown when the engine could not even start. Re-explaining for the page's ignore
 * options is src/compare/reexplain.ts (the coordinator Worker runs it too).
 */
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import { comparisonReport } from '../compare/report';
import { failureReport, type RunStatus } from './run';

export type { Explanation, ExplainFn } from '../compare/types';
export { diffResultOf, explainFor, sameOptions, type Explained } from '../compare/reexplain';

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
