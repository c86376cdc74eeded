import { useMemo } from 'preact/hooks';
import type { Cause, ComparisonReport, Difference, Evidence } from '../compare/types';
import { CauseCard } from './CauseCard';
import { EvidenceErrorsNote } from './EvidenceErrorsNote';

export interface CauseListProps {
  report: ComparisonReport;
  byId: (id: string) => Difference | undefined;
  evidence: ReadonlyMap<string, Evidence[]>;
  withImage: boolean;
  /** The run was cancelled: an input not read to the end is no cause. */
  cancelled?: boolean;
}

/**
 * The root causes, ranked as the explainers ranked them (by how much they explain). Each can
 * be opened to all its differences: the ones it lists, plus the consequences that follow
 * from them (found in one pass over the report, only when a card is opened).
 */
export function CauseList({ report, byId, evidence, withImage, cancelled = false }: CauseListProps) {
  // A cancel stops the inputs' reading: the explainer's "A was not read to the end" is the
  // cancel itself, said once in the header, not a cause.
  const causes = cancelled ? report.causes.filter((c) => !isCancelCause(c, byId)) : report.causes;
  const followers = useMemo(() => {
    let map: Map<string, Difference[]> | null = null;
    return () => {
      if (!map) {
        map = new Map();
        for (const d of report.differences) {
          if (!d.follows) continue;
          const list = map.get(d.follows);
          if (list) list.push(d);
          else map.set(d.follows, [d]);
        }
      }
      return map;
    };
  }, [report.differences]);

  const differencesOf = (c: Cause): Difference[] => {
    const roots = c.differences.map(byId).filter((d): d is Difference => !!d);
    const f = followers();
    return [...roots, ...roots.flatMap((d) => f.get(d.id) ?? [])];
  };

  if (causes.length === 0) {
    return (
      <section class="panel causes" aria-labelledby="causes-title">
        <h2 id="causes-title">Causes</h2>
        <p class="muted">
          {cancelled
            ? 'No difference was found before the cancel.'
            : report.verdict === 'identical'
              ? 'Nothing differs.'
              : report.verdict === 'unreadable'
                ? 'No cause could be named: see the errors above.'
                : 'Every difference found is one the options below ignore.'}
        </p>
      </section>
    );
  }
  return (
    <section class="panel causes" aria-labelledby="causes-title">
      <h2 id="causes-title">
        Causes <span class="badge badge-muted">{causes.length}</span>
      </h2>
      <ol class="cause-list">
        {causes.map((c, i) => (
          <CauseCard key={`${c.id}-${i}`} cause={c} rank={i + 1} differencesOf={differencesOf} byId={byId} evidence={evidence} withImage={withImage} />
        ))}
      </ol>
      <EvidenceErrorsNote errors={report.stats.evidenceErrors} />
    </section>
  );
}

/** A cause whose every difference is an input the cancel stopped (input.truncated, code `cancelled`). */
function isCancelCause(c: Cause, byId: (id: string) => Difference | undefined): boolean {
  const ds = c.differences.map(byId);
  return ds.length > 0 && ds.every((d) => d?.subject === 'input' && d.facts?.code === 'cancelled');
}
