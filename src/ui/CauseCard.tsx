import { useState } from 'preact/hooks';
import type { Cause, Difference, Evidence } from '../compare/types';
import { DiffList } from './DiffList';
import { EvidenceItem } from './EvidenceItem';
import { plural } from '../present/format';
import { RichText } from './RichText';

export interface CauseCardProps {
  cause: Cause;
  rank: number;
  /** The cause's differences and their consequences, computed when the card is opened. */
  differencesOf: (cause: Cause) => Difference[];
  byId: (id: string) => Difference | undefined;
  evidence: ReadonlyMap<string, Evidence[]>;
  withImage: boolean;
}

/**
 * One root cause: its id and level, how many differences it explains, the plain summary, a
 * few A → B examples with where they are, the remedy (commands in monospace), how many
 * consequences were folded under it, and — on demand — all its differences.
 */
export function CauseCard({ cause: c, rank, differencesOf, byId, evidence, withImage }: CauseCardProps) {
  const [open, setOpen] = useState(false);
  const titleId = `cause-${rank}-title`;
  const field = fieldOf(c, byId);
  return (
    <li class="cause" aria-labelledby={titleId}>
      <div class="cause-head">
        <span class="cause-rank" aria-hidden="true">
          {rank}
        </span>
        <h3 id={titleId} class="cause-title">
          <code class="cause-id">{c.id}</code>
        </h3>
        <span class="badge badge-muted cause-level">{c.level}</span>
        <span class="cause-count">{plural(c.count, 'difference')}</span>
      </div>
      <p class="cause-summary">{c.summary}</p>
      {c.evidence.length > 0 && (
        <ul class="evidence-list" aria-label={`Examples for ${c.id}`}>
          {c.evidence.map((e, i) => (
            <EvidenceItem key={i} evidence={e} field={e.difference ? (byId(e.difference)?.field ?? field) : field} />
          ))}
        </ul>
      )}
      {c.remedy && (
        <p class="remedy">
          <span class="remedy-label">Remedy</span> <RichText text={c.remedy} />
        </p>
      )}
      {c.consequences > 0 && (
        <p class="consequences muted">{plural(c.consequences, 'consequence')} folded under it (digests and references that changed only because of it).</p>
      )}
      <details class="cause-all" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          All differences of <code>{c.id}</code>
        </summary>
        {open && (
          <DiffList
            id={`cause-${rank}-diffs`}
            label={`Differences of ${c.id}`}
            diffs={differencesOf(c)}
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

/** The field most of the cause's listed differences are about (formats its evidence values). */
function fieldOf(c: Cause, byId: (id: string) => Difference | undefined): string | undefined {
  const first = c.differences.length ? byId(c.differences[0]) : undefined;
  return first?.field;
}
