import { useMemo, useState } from 'preact/hooks';
import { causeTitle } from '../compare/cause-titles';
import type { Cause, Difference, Evidence } from '../compare/types';
import { plural } from '../present/format';
import { stepFull, stepText, stepWhere } from '../present/step';
import { DiffList } from './DiffList';
import type { DifferenceSource } from '../present/diff-selection';
import { EvidenceItem } from './EvidenceItem';
import { differenceExample, type ExampleGroup, groupEvidence, shownExamples } from './evidenceGroups';
import { valueText, whatText } from './diffText';
import { whereText } from '../present/where';
import { MoreExamples } from './MoreExamples';
import { RichText } from './RichText';

export interface CauseCardProps {
  cause: Cause;
  rank: number;
  /** Every difference of the report: the card, opened, lists its own and their consequences. */
  source: DifferenceSource;
  byId: (id: string) => Difference | undefined;
  evidence: ReadonlyMap<string, Evidence[]>;
  withImage: boolean;
}

/**
 * One root cause: its title in words (the id second), level, how many differences it
 * explains, the plain summary, 3–5 A → B examples (each difference once, long line diffs
 * collapsed; "show N more" for the rest, in place), the remedy (commands in monospace), how
 * many consequences were folded under it, and — on demand — all its differences.
 */
export function CauseCard({ cause: c, rank, source, byId, evidence, withImage }: CauseCardProps) {
  const [open, setOpen] = useState(false);
  const titleId = `cause-${rank}-title`;
  const field = fieldOf(c, byId);
  const groups = useMemo(() => groupEvidence(c.evidence), [c.evidence]);
  const n = shownExamples(groups);
  // "Show N more": the other examples, then the cause's other listed differences.
  const covered = new Set(groups.map((g) => g.first.difference).filter((x) => x));
  const more = groups.length - n + c.differences.filter((id) => !covered.has(id)).length;
  const rest = () => [
    ...groups.slice(n),
    ...c.differences
      .filter((id) => !covered.has(id))
      .map(byId)
      .filter((d): d is Difference => !!d)
      .map((d) => differenceExample(d, differenceSentence(d), whereText(d, withImage), evidence.get(d.id))),
  ];
  const title = causeTitle(c.id);
  const fieldOfGroup = (g: ExampleGroup) => (g.first.difference ? (byId(g.first.difference)?.field ?? field) : field);
  return (
    <li class="cause" aria-labelledby={titleId}>
      <div class="cause-head">
        <span class="cause-rank" aria-hidden="true">
          {rank}
        </span>
        <h3 id={titleId} class="cause-title">
          <span class="cause-name">{title}</span> <code class="cause-id">{c.id}</code>
        </h3>
        <span class="badge badge-muted cause-level">{c.level}</span>
        <span class="cause-count">{plural(c.count, 'difference')}</span>
      </div>
      <p class="cause-summary">{c.summary}</p>
      {c.steps && (
        <ul class="cause-steps" aria-label={`Build steps of ${title}`}>
          {c.steps.map((s) => (
            <li key={`${s.side}-${s.image ?? ''}-${s.layer}-${s.historyIndex}`}>
              <span class="cause-step-where">{stepWhere(s)}</span>{' '}
              {/* At most 100 characters (one line on a wide page; it wraps on a narrow one); the whole step on hover. */}
              <code class="cause-step" title={stepFull(s.createdBy)}>
                {stepText(s.createdBy)}
              </code>
            </li>
          ))}
        </ul>
      )}
      {groups.length > 0 && (
        <ul class="evidence-list" aria-label={`Examples for ${title}`}>
          {groups.slice(0, n).map((g) => (
            <EvidenceItem key={g.key} group={g} field={fieldOfGroup(g)} />
          ))}
        </ul>
      )}
      <MoreExamples count={more} rest={rest} idPrefix={`cause-${rank}-more`} causeLabel={title} fieldOf={fieldOfGroup} />
      {c.remedy && (
        <p class="remedy">
          <span class="remedy-label">Remedy</span> <RichText text={c.remedy} />
        </p>
      )}
      {c.consequences > 0 && (
        <p class="consequences muted">{plural(c.consequences, 'consequence')} folded under it (digests and references that changed only because of it).</p>
      )}
      <details class="cause-all" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>All {plural(c.count, 'difference')} of this cause</summary>
        {open && (
          <DiffList
            id={`cause-${rank}-diffs`}
            label={`Differences of ${title}`}
            source={source}
            selection={{ roots: c.differences }}
            byId={byId}
            evidence={evidence}
            filterable
            withImage={withImage}
          />
        )}
      </details>
    </li>
  );
}

/** "mtime: 2023-11-14T22:13:20Z → 2023-11-14T22:15:47Z", "file added in B". */
function differenceSentence(d: Difference): string {
  const what = whatText(d);
  if (d.kind !== 'changed') return what;
  return `${what}: ${valueText(d, 'a')} → ${valueText(d, 'b')}`;
}

/** The field most of the cause's listed differences are about (formats its evidence values). */
function fieldOf(c: Cause, byId: (id: string) => Difference | undefined): string | undefined {
  const first = c.differences.length ? byId(c.differences[0]) : undefined;
  return first?.field;
}
