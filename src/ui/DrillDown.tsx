import { useState } from 'preact/hooks';
import type { ComparisonReport, Difference, Evidence } from '../compare/types';
import { DiffList } from './DiffList';
import { LEVELS, levelOfCause, type LevelId } from '../present/levels';
import type { DifferenceSource } from '../present/diff-selection';
import { formatCount } from '../present/format';
import { ImagePairing, LayerPairing } from './PairingView';

export interface DrillDownProps {
  report: ComparisonReport;
  /** Every difference of the report, wherever it is kept (CompareView). */
  source: DifferenceSource;
  byId: (id: string) => Difference | undefined;
  evidence: ReadonlyMap<string, Evidence[]>;
  withImage: boolean;
}

/** Levels with more differences than this get the filters (the files level always does). */
const FILTER_FROM = 30;

/**
 * Every difference, level by level: archive → index → manifests → config & history → layers
 * → files, as tabs with their counts. The index tab shows how images were paired, the layers
 * tab how layers were; each level lists its differences with A and B side by side. Opens on
 * the level of the first cause.
 */
export function DrillDown({ report, source, byId, evidence, withImage }: DrillDownProps) {
  const counts = source.levels;
  const initial: LevelId = report.causes[0] ? levelOfCause(report.causes[0].level) : (LEVELS.find((l) => counts[l.id].all > 0)?.id ?? 'archive');
  const [level, setLevel] = useState<LevelId | null>(null);
  const current = level ?? initial;
  const preliminary = report.stats.phase === 'preliminary';

  function onKeyDown(e: KeyboardEvent) {
    const i = LEVELS.findIndex((l) => l.id === current);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? LEVELS.length - 1 : null;
    if (to == null) return;
    e.preventDefault();
    const next = LEVELS[(to + LEVELS.length) % LEVELS.length];
    setLevel(next.id);
    document.getElementById(`level-tab-${next.id}`)?.focus();
  }

  const n = counts[current].all;
  const info = LEVELS.find((l) => l.id === current)!;
  return (
    <section class="panel drill" aria-labelledby="drill-title">
      <h2 id="drill-title">Differences by level</h2>
      <div class="level-tabs" role="tablist" aria-label="Levels" onKeyDown={onKeyDown}>
        {LEVELS.map((l) => {
          const n = counts[l.id].all;
          const selected = l.id === current;
          return (
            <button
              key={l.id}
              id={`level-tab-${l.id}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls="level-panel"
              tabIndex={selected ? 0 : -1}
              class={`level-tab${n ? ' has-diffs' : ''}`}
              onClick={() => setLevel(l.id)}
            >
              {l.label} <span class="level-count">{l.id === 'files' && preliminary && n === 0 ? '…' : formatCount(n)}</span>
            </button>
          );
        })}
      </div>
      <div id="level-panel" role="tabpanel" aria-labelledby={`level-tab-${current}`} class="level-panel">
        {current === 'index' && <ImagePairing report={report} />}
        {current === 'layers' && <LayerPairing report={report} />}
        {current === 'files' && preliminary ? (
          <p class="muted">The files are being compared; their differences appear when the deep comparison finishes.</p>
        ) : (
          <DiffList
            key={`${current}-${report.stats.phase}`}
            id={`level-${current}`}
            label={`Differences: ${info.label.toLowerCase()}`}
            source={source}
            selection={{ level: current }}
            byId={byId}
            evidence={evidence}
            filterable={current === 'files' || n > FILTER_FROM}
            withImage={withImage}
          />
        )}
      </div>
    </section>
  );
}
