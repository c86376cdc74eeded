import type { Progress } from '../engine/progress';
import { exactBytes, formatBytes, formatDuration, formatRate, percent, remainingSeconds } from '../present/format';

const PHASES: Record<Progress['phase'], string> = {
  index: 'Reading the archive structure',
  layers: 'Scanning layers',
  verify: 'Verifying digests',
  done: 'Finishing',
};

export interface ProgressBarProps {
  /** Null until the engine reports for the first time. */
  progress: Progress | null;
  /** What is being read, for the accessible name ("Reading nginx.tar"). */
  name: string;
  onCancel: () => void;
}

/**
 * Progress of one inspection: a native <progress> (indeterminate until the total is
 * known), bytes done of total, the average rate, the time left at that rate, and Cancel.
 */
export function ProgressBar({ progress, name, onCancel }: ProgressBarProps) {
  const p = progress;
  const pct = p ? percent(p.bytesDone, p.bytesTotal) : null;
  const left = p ? remainingSeconds(p) : null;
  const labelId = `progress-${name.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <section class="progress" aria-labelledby={labelId}>
      <div class="progress-head">
        <h2 id={labelId} class="progress-title">
          {p ? PHASES[p.phase] : 'Starting'}: <span class="filename">{name}</span>
        </h2>
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {pct == null ? (
        <progress aria-labelledby={labelId} />
      ) : (
        <progress aria-labelledby={labelId} max={p!.bytesTotal} value={p!.bytesDone} aria-valuetext={`${pct.toFixed(0)}%`} />
      )}
      <p class="progress-stats">
        {p ? (
          <>
            <span title={`${exactBytes(p.bytesDone)} of ${exactBytes(p.bytesTotal)}`}>
              {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)}
              {pct != null && ` (${pct.toFixed(0)}%)`}
            </span>
            <span>{formatRate(p.rate)}</span>
            <span>{left == null ? 'estimating time left' : `${formatDuration(left)} left`}</span>
          </>
        ) : (
          <span>Loading the reader…</span>
        )}
      </p>
      {p?.detail && <p class="progress-detail muted">{p.detail}</p>}
    </section>
  );
}
