import type { ComparisonReport } from '../compare/types';
import type { Progress } from '../engine/progress';
import type { RunStatus } from './run';
import { formatBytes, formatDuration, percent, plural } from '../present/format';
import { VerdictBadge } from './VerdictBadge';

export interface VerdictHeaderProps {
  report: ComparisonReport;
  status: RunStatus;
  /** Differences the ignore options set aside (null until the explainer is loaded). */
  ignored: number | null;
  /** The digest verification's progress while it runs in the background. */
  verifying?: Progress | null;
  onStopVerifying?: () => void;
  /** "Compare again" after a cancel (the same two archives, from the start). */
  onCompareAgain?: () => void;
}

/**
 * The answer first: the verdict badge and the headline sentence. A preliminary report (the
 * structure only: outer tars, index, manifests, configs, blob digests) is marked as such
 * until the final one replaces it; the headline is a polite live region so the refinement
 * is announced.
 */
export function VerdictHeader({ report, status, ignored, verifying, onStopVerifying, onCompareAgain }: VerdictHeaderProps) {
  const preliminary = report.stats.phase === 'preliminary';
  if (status === 'cancelled') return <CancelledHeader report={report} onCompareAgain={onCompareAgain} />;
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
      {!preliminary && <VerificationLine report={report} progress={verifying ?? null} onStop={onStopVerifying} />}
      {ignored != null && ignored > 0 && (
        <p class="ignored-line">
          {/* No cause left: "same" under these options (the CLI's exit 0, present/outcome.ts); the badge keeps the literal verdict. */}
          {report.causes.length === 0 && report.verdict !== 'unreadable' ? <strong>Same under these options: </strong> : null}
          {plural(ignored, 'difference')} ignored by the options below (they are still listed in the drill-down).
        </p>
      )}
    </section>
  );
}

/**
 * A cancelled comparison is neither a verdict nor an error: a neutral "Cancelled" (not the
 * explainer's "Unreadable": nothing is wrong with the archives), what was compared before
 * the cancel, and "Compare again".
 */
function CancelledHeader({ report, onCompareAgain }: { report: ComparisonReport; onCompareAgain?: () => void }) {
  const [a, b] = report.inputs;
  const structureOnly = report.stats.phase === 'preliminary';
  return (
    <section class="panel verdict-panel is-cancelled" aria-labelledby="verdict-title">
      <p class="compared-names">
        <span class="filename">{a.name}</span> <span class="muted">vs</span> <span class="filename">{b.name}</span>
      </p>
      <div class="verdict-line" aria-live="polite">
        <span class="verdict-badge tone-neutral" data-verdict="cancelled">
          <span aria-hidden="true" class="verdict-icon">
            ■
          </span>
          <span class="visually-hidden">Status: </span>
          Cancelled
        </span>
        <h2 id="verdict-title" class="headline">
          The comparison was cancelled before it finished
        </h2>
      </div>
      <p class="verdict-sub muted">
        {structureOnly
          ? 'Only the structure (index, manifests, configs, blob digests) had been compared; what it found is below and may not be the whole answer.'
          : 'What had been compared is below; differences in the parts not read yet are not in it.'}
      </p>
      {onCompareAgain && (
        <p class="verdict-actions">
          <button type="button" class="button" onClick={onCompareAgain}>
            Compare again
          </button>
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
  // Files the timestamp classification did not read stay content differences (compare/evidence/timestamp-only.ts).
  const notRead = s.embeddedTimestamps?.notClassified ?? 0;
  if (notRead) parts.push(`${plural(notRead, '.pyc/zip/.gz file')} not read for embedded timestamps (they count as content differences)`);
  return parts.join(' · ');
}

/**
 * Files were compared by XXH64 and the blob digests and diff_ids are verified after the
 * report (engine/verify-digests.ts): this line says where that stands. `data-verification`
 * carries the state for tests and the benchmark.
 */
function VerificationLine({ report, progress, onStop }: { report: ComparisonReport; progress: Progress | null; onStop?: () => void }) {
  const v = report.stats.verification;
  if (v.state === 'pending') {
    const done = progress?.bytesDone ?? 0;
    const total = progress?.bytesTotal || v.bytesTotal;
    const pct = percent(done, total);
    return (
      <p class="verify-line" data-verification="pending" role="status">
        <span>
          Verifying blob digests and diff_ids in the background: {pct == null ? '' : `${pct.toFixed(0)}% `}({formatBytes(done)} of {formatBytes(total)}). Files
          were compared by content hash (XXH64); a digest that does not match will be reported here.
        </span>{' '}
        {onStop && (
          <button type="button" class="button button-small" onClick={onStop}>
            Stop verifying
          </button>
        )}
        <progress max={total || 1} value={done} aria-label="Digest verification" />
      </p>
    );
  }
  const text: Record<Exclude<typeof v.state, 'pending'>, string> = {
    done: report.stats.digestsVerified
      ? `Every blob digest and diff_id verified${v.blobs ? ` (${plural(v.blobs, 'blob')}, ${formatBytes(v.bytes)} read again)` : ''}.`
      : 'Digests not all verified: an archive could not be read to the end.',
    skipped: 'Blob digests and diff_ids were not verified (verification was turned off); files were compared by content hash (XXH64).',
    cancelled: `Digest verification stopped after ${plural(v.blobs, 'blob')}: the other blob digests and diff_ids were not checked; files were compared by content hash (XXH64).`,
    incomplete: 'Digest verification could not read every blob (see the errors): some digests were not checked.',
  };
  return (
    <p class="verify-line muted" data-verification={v.state}>
      {text[v.state]}
    </p>
  );
}
