import type { Cause, ComparisonReport, Difference, Evidence } from '../compare/types';
import type { DifferenceSource } from '../present/diff-selection';
import { CauseCard } from './CauseCard';
import { EvidenceErrorsNote } from './EvidenceErrorsNote';

export interface CauseListProps {
  report: ComparisonReport;
  /** Every difference of the report, wherever it is kept: a card opened lists its own. */
  source: DifferenceSource;
  byId: (id: string) => Difference | undefined;
  evidence: ReadonlyMap<string, Evidence[]>;
  withImage: boolean;
  /** The run was cancelled: an input not read to the end is no cause. */
  cancelled?: boolean;
}

/**
 * The root causes, ranked as the explainers ranked them (by how much they explain). Each can
 * be opened to all its differences: the ones it lists, plus the consequences that follow
 * from them (selected where the differences are, only when a card is opened).
 */
export function CauseList({ report, source, byId, evidence, withImage, cancelled = false }: CauseListProps) {
  // A cancel stops the inputs' reading: the explainer's "A was not read to the end" is the
  // cancel itself, said once in the header, not a cause.
  const causes = cancelled ? report.causes.filter((c) => !isCancelCause(c, byId)) : report.causes;
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
          <CauseCard key={`${c.id}-${i}`} cause={c} rank={i + 1} source={source} byId={byId} evidence={evidence} withImage={withImage} />
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
