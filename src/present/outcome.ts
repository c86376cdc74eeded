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
 *  - `unreadable` the archive itself could not be read to its end (`input.readToEnd` false:
 *                 its outer tar, or the gzip/zstd of the whole file, damaged or cut short);
 *  - `failed`     read to its end, but an integrity check failed or something in it could not
 *                 be read (`errors[]`): a layer (corrupt tar, gzip or zstd, a compression
 *                 tarscope does not read, not a tar at all) or a document (invalid or too
 *                 deeply nested JSON, a missing blob, no images); or a CI rule the CLI was
 *                 given failed (`report.ci`: dive's lowestEfficiency, highestWastedBytes,
 *                 highestUserWastedPercent);
 *  - `ok`         otherwise.
 * A function of the report alone: the same for every output format.
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
  if (r.inputs.some((i) => (i.readToEnd === undefined ? i.error !== null : !i.readToEnd))) return 'unreadable';
  if (r.inputs.some((i) => i.errors.length > 0 || i.integrity.checks.some((c) => !c.ok))) return 'failed';
  if (r.ci && !r.ci.pass) return 'failed';
  return 'ok';
}
