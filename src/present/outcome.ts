/**
 * The one-word outcome of a report, which the CLI turns into its exit code and the
 * Markdown/HTML presenters into their result line. Precisely:
 *
 * comparison
 *  - `error`      the verdict is `unreadable` (an input could not be read far enough);
 *  - `same`       the verdict is `identical`, or no cause remains after the ignore options
 *                 (explain() drops the causes an option ignores, so "same" means: every
 *                 difference found is one the caller asked to ignore);
 *  - `different`  otherwise: at least one cause remains.
 * inspection (every input)
 *  - `unreadable` an input has a fatal error (`input.error`: it could not be read to the end);
 *  - `failed`     an integrity check failed, or a layer could not be read (`errors[]`);
 *  - `ok`         otherwise.
 */
import type { InspectionReport } from '../report/types';
import type { ComparisonReport } from '../compare/types';

export type ComparisonOutcome = 'same' | 'different' | 'error';
export type InspectionOutcome = 'ok' | 'failed' | 'unreadable';

export function comparisonOutcome(r: ComparisonReport): ComparisonOutcome {
  if (r.verdict === 'unreadable') return 'error';
  if (r.verdict === 'identical' || r.causes.length === 0) return 'same';
  return 'different';
}

export function inspectionOutcome(r: InspectionReport): InspectionOutcome {
  if (r.inputs.some((i) => i.error)) return 'unreadable';
  if (r.inputs.some((i) => i.errors.length > 0 || i.integrity.checks.some((c) => !c.ok))) return 'failed';
  return 'ok';
}
