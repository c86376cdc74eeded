import type { ComparisonReport } from '../compare/types';
import type { RunStatus } from './run';
import { formatBytes, formatDuration, plural } from './format';
import { VerdictBadge } from './VerdictBadge';

export interface VerdictHeaderProps {
  report: ComparisonReport;
  status: RunStatus;
  /** Differences the ignore options set aside (null until the explainer is loaded). */
  ignored: number | null;
}

/**
 * The answer first: the verdict badge and the headline sentence. A preliminary report (the
 * structure only: outer tars, index, manifests, configs, blob digests) is marked as such
 * until the final one replaces it; the headline is a polite live region so the refinement
 * is announced.
 */
export function VerdictHeader({ report, status, ignored }: VerdictHeaderProps) {
  const preliminary = report.stats.phase === 'preliminary';
  const [a, b] = report.inputs;
  return (
    <section class={`panel verdict-panel${preliminary ? ' is-preliminary' : ''}`} aria-labelledby="verdict-title">
      <p class="compared-names">
        <span class="filename">{a.name}</span> <span class="muted">vs</span> <span class="filename">{b.name}</span>
      </p>
      <div class="verdict-line" aria-live="polite">
        <VerdictBadge verdict={report.verdict} />
        {preliminary && <span class="badge badge-preliminary">Preliminary</span>}
        <h2 id="verdict-title" class="headline">
          {report.headline}
        </h2>
      </div>
      <p class="verdict-sub muted">{subline(report, status)}</p>
      {ignored != null && ignored > 0 && (
        <p class="ignored-line">
          {plural(ignored, 'difference')} ignored by the options below (they are still listed in the drill-down).
        </p>
      )}
    </section>
  );
}

function subline(r: ComparisonReport, status: RunStatus): string {
  if (r.stats.phase === 'preliminary') {
    return status === 'cancelled'
      ? 'Cancelled before the files were compared: this verdict comes from the structure only (index, manifests, configs, blob digests).'
      : 'From the structure only (index, manifests, configs, blob digests). The files are being compared now; this may still change.';
  }
  const s = r.stats;
  const parts = [`Compared in ${formatDuration(s.elapsedMs / 1000)}`, `${formatBytes(s.bytesRead)} read`];
  if (s.layersScanned || s.layersSkipped) {
    let layers = `${plural(s.layersScanned, 'layer')} scanned`;
    if (s.layersSkipped) layers += `, ${s.layersSkipped} skipped (same blob on both sides)`;
    parts.push(layers);
  }
  parts.push(s.digestsVerified ? 'every digest verified' : 'digests not all verified');
  return parts.join(' · ');
}
