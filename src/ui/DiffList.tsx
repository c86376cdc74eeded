import { useMemo, useState } from 'preact/hooks';
import type { Difference, Evidence } from '../compare/types';
import { DiffDetails } from './DiffDetails';
import { valueText, whatText, whereText } from './diffText';
import { formatCount, plural } from '../present/format';
import { compilePathFilter, isGlob } from '../compare/glob';
import { VirtualList } from './VirtualList';
import './FileBrowser.css'; // .vlist (the list's height) and .files-controls

export interface DiffListProps {
  /** Unique on the page: prefixes element ids. */
  id: string;
  /** Accessible name of the list ("Differences in files"). */
  label: string;
  diffs: readonly Difference[];
  byId: (id: string) => Difference | undefined;
  evidence?: ReadonlyMap<string, Evidence[]>;
  /** Path filter (substring or glob) and a "which difference" selector. */
  filterable?: boolean;
  /** Show the image in "where" (more than one image pair). */
  withImage?: boolean;
}

export const DIFF_ROW_HEIGHT = 28;
const ALL = '';

/** "mtime", "added", "content": what the kind filter groups by. */
function kindKey(d: Difference): string {
  return d.kind === 'changed' ? (d.field ?? 'changed') : d.kind;
}

/**
 * Differences with A and B side by side, virtualised (100,000 rows scroll like 10). Optional
 * filters: paths by substring or glob, which field differs, consequences shown or hidden.
 * Consequences (differences that only follow from another one) are marked and muted.
 */
export function DiffList({ id, label, diffs, byId, evidence, filterable, withImage }: DiffListProps) {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState(ALL);
  const [consequences, setConsequences] = useState(true);
  const [active, setActive] = useState<number | null>(null);

  const kinds = useMemo(() => {
    if (!filterable) return [];
    const counts = new Map<string, number>();
    for (const d of diffs) counts.set(kindKey(d), (counts.get(kindKey(d)) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  }, [diffs, filterable]);

  const shown = useMemo(() => {
    if (!filterable) return diffs;
    const match = compilePathFilter(query);
    const q = query.trim();
    return diffs.filter((d) => (consequences || !d.follows) && (kind === ALL || kindKey(d) === kind) && (!q || match(d.scope.path ?? whereText(d))));
  }, [diffs, filterable, query, kind, consequences]);

  const selected = active != null && active < shown.length ? shown[active] : null;
  const reset = () => setActive(null);
  const hasConsequences = useMemo(() => diffs.some((d) => d.follows), [diffs]);

  if (diffs.length === 0) return <p class="muted diff-none">No differences at this level.</p>;
  return (
    <div class="diff-list">
      {filterable && (
        <div class="files-controls">
          <label class="grow">
            Filter paths
            <input
              type="search"
              value={query}
              placeholder="substring, or a glob such as **/*.pyc"
              spellcheck={false}
              autocomplete="off"
              aria-describedby={`${id}-count`}
              onInput={(e) => {
                setQuery((e.currentTarget as HTMLInputElement).value);
                reset();
              }}
            />
          </label>
          <label>
            Difference
            <select
              value={kind}
              onChange={(e) => {
                setKind((e.currentTarget as HTMLSelectElement).value);
                reset();
              }}
            >
              <option value={ALL}>any ({formatCount(diffs.length)})</option>
              {kinds.map(([k, n]) => (
                <option key={k} value={k}>
                  {k} ({formatCount(n)})
                </option>
              ))}
            </select>
          </label>
          {hasConsequences && (
            <label class="toggle">
              <input
                type="checkbox"
                checked={consequences}
                onChange={(e) => {
                  setConsequences((e.currentTarget as HTMLInputElement).checked);
                  reset();
                }}
              />
              Show consequences
            </label>
          )}
        </div>
      )}
      <p id={`${id}-count`} class="files-summary" role="status">
        {shown.length === diffs.length
          ? plural(diffs.length, 'difference')
          : `${formatCount(shown.length)} of ${plural(diffs.length, 'difference')} match${query.trim() ? (isGlob(query) ? ' the glob' : ' the text') : ''}`}
      </p>
      <div class="diff-head" aria-hidden="true">
        <span class="c-where">Where</span>
        <span class="c-what">What</span>
        <span class="c-a">A</span>
        <span class="c-b">B</span>
      </div>
      {shown.length === 0 ? (
        <p class="files-empty muted">No differences match.</p>
      ) : (
        <VirtualList
          idPrefix={`${id}-row`}
          label={label}
          count={shown.length}
          rowHeight={DIFF_ROW_HEIGHT}
          activeIndex={active}
          onActiveChange={setActive}
          className="diff-vlist"
          renderRow={(i) => <Row d={shown[i]} withImage={!!withImage} hasEvidence={!!evidence?.has(shown[i].id)} />}
        />
      )}
      <DiffDetails diff={selected} byId={byId} evidence={selected ? evidence?.get(selected.id) : undefined} />
    </div>
  );
}

function Row({ d, withImage, hasEvidence }: { d: Difference; withImage: boolean; hasEvidence: boolean }) {
  const where = whereText(d, withImage) || d.subject;
  const a = valueText(d, 'a');
  const b = valueText(d, 'b');
  return (
    <div class={`diff-row kind-${d.kind}${d.follows ? ' is-consequence' : ''}`}>
      <span class="c-where" title={where}>
        {where}
      </span>
      <span class="c-what" title={d.follows ? `${whatText(d)} (a consequence)` : whatText(d)}>
        {d.follows && (
          <span class="consequence-mark">
            <span aria-hidden="true">↳ </span>
            <span class="visually-hidden">consequence: </span>
          </span>
        )}
        <span class="what">{whatText(d)}</span>
        {hasEvidence && (
          <span class="has-evidence" title="evidence about the content: select the row to see it">
            <span aria-hidden="true"> ◆</span>
            <span class="visually-hidden"> (with evidence)</span>
          </span>
        )}
      </span>
      <span class="c-a" title={a}>
        {a}
      </span>
      <span class="c-b" title={b}>
        {b}
      </span>
    </div>
  );
}
