/** dive's efficiency figures in words, shared by the text, Markdown and HTML presenters. */
import type { ImageEfficiency, InspectionReport } from '../report/types';
import { formatBytes } from './format';

/** "efficiency 98.44 %, 31.3 KiB wasted (48.35 % of the bytes above the base layer)". */
export function efficiencySummary(e: ImageEfficiency): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const user = e.userWastedPercent === null ? '' : ` (${pct(e.userWastedPercent)} of the ${formatBytes(e.userSizeBytes)} above the base layer)`;
  return `efficiency ${pct(e.score)}, ${formatBytes(e.wastedBytes)} wasted${user}; ${e.wastedFileCount} ${e.wastedFileCount === 1 ? 'path' : 'paths'} in more than one layer`;
}

/** The failed outcome's reason: integrity, unreadable parts, or only the CI rules. */
export function failedReason(r: InspectionReport): string {
  const other = r.inputs.some((i) => i.errors.length > 0 || i.integrity.checks.some((c) => !c.ok));
  if (!other && r.ci && !r.ci.pass) return 'CI rules failed';
  return r.ci && !r.ci.pass ? 'integrity failures and CI rules failed' : 'integrity failures';
}
