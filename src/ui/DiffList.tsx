import { useMemo, useRef, useState } from 'preact/hooks';
import type { Difference, Evidence } from '../compare/types';
import { DiffDetails } from './DiffDetails';
import { valueText, whatText } from './diffText';
import { whereText } from '../present/where';
import { formatCount, plural } from '../present/format';
import { isGlob } from '../compare/glob';
import type { DiffPage, DiffSelection, DifferenceSource } from '../present/diff-selection';
import { VirtualList } from './VirtualList';
import './FileBrowser.css'; // .vlist (the list's height) and .files-controls

export interface DiffListProps {
  /** Unique on the page: prefixes element ids. */
  id: string;
  /** Accessible name of the list ("Differences in files"). */
  label: string;
  /** Where the differences are (the page's memory, or the coordinator Worker for a large report). */
  source: DifferenceSource;
  /** Which of them: a drill-down level, or a cause's differences and what follows them. */
  selection: DiffSelection;
  byId: (id: string) => Difference | undefined;
  evidence?: ReadonlyMap<string, Evidence[]>;
  /** Path filter (substring or glob) and a "which difference" selector. */
  filterable?: boolean;
  /** Show the image in "where" (more than one image pair). */
  withImage?: boolean;
}

export const DIFF_ROW_HEIGHT = 28;
const ALL = '';
/** Rows asked for at once (a screen is ~15; a fast scroll skips pages it never shows). */
export const DIFF_PAGE_ROWS = 200;

/**
 * Differences with A and B side by side, virtualised (100,000 rows scroll like 10). Optional
 * filters: paths by substring or glob, which field differs, consequences shown or hidden.
 * Consequences (differences that only follow from another one) are marked and muted. The rows
 * come from `source` a page at a time: the filters run where the differences are
 * (src/present/diff-selection.ts), so the page holds only the rows it was shown.
 */
export function DiffList({ id, label, source, selection, byId, evidence, filterable, withImage }: DiffListProps) {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState(ALL);
  const [consequences, setConsequences] = useState(true);
  const [active, setActive] = useState<number | null>(null);
  const sel: DiffSelection = filterable ? { ...selection, path: query, kind, consequences } : selection;
  const rows = useDiffPages(source, sel);
  const m = rows.meta;

  const selected = active != null && m && active < m.count ? (rows.row(active) ?? null) : null;
  const reset = () => setActive(null);

  if (rows.error)
    return (
      <p class="error-inline diff-none" role="alert">
        {rows.error}
      </p>
    );
  if (!m)
    return (
      <p class="muted diff-none" role="status">
        Loading the differences…
      </p>
    );
  if (m.total === 0) return <p class="muted diff-none">No differences at this level.</p>;
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
              <option value={ALL}>any ({formatCount(m.total)})</option>
              {m.kinds.map(([k, n]) => (
                <option key={k} value={k}>
                  {k} ({formatCount(n)})
                </option>
              ))}
            </select>
          </label>
          {m.hasConsequences && (
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
        {m.count === m.total
          ? plural(m.total, 'difference')
          : `${formatCount(m.count)} of ${plural(m.total, 'difference')} match${query.trim() ? (isGlob(query) ? ' the glob' : ' the text') : ''}`}
      </p>
      <div class="diff-head" aria-hidden="true">
        <span class="c-where">Where</span>
        <span class="c-what">What</span>
        <span class="c-a">A</span>
        <span class="c-b">B</span>
      </div>
      {m.count === 0 ? (
        <p class="files-empty muted">No differences match.</p>
      ) : (
        <VirtualList
          idPrefix={`${id}-row`}
          label={label}
          count={m.count}
          rowHeight={DIFF_ROW_HEIGHT}
          activeIndex={active}
          onActiveChange={setActive}
          className="diff-vlist"
          renderRow={(i) => {
            const d = rows.row(i);
            return d ? <Row d={d} withImage={!!withImage} hasEvidence={!!evidence?.has(d.id)} /> : <div class="diff-row is-loading muted">…</div>;
          }}
        />
      )}
      <DiffDetails diff={selected} byId={(x) => byId(x) ?? rows.followed(x)} evidence={selected ? evidence?.get(selected.id) : undefined} />
    </div>
  );
}

type Meta = Omit<DiffPage, 'rows' | 'start' | 'followed'>;

interface Pages {
  meta: Meta | null;
  error: string | null;
  /** Row `i` when its page is here; otherwise asks for the page (the list renders again when it comes). */
  row(i: number): Difference | undefined;
  /** A difference that rows here follow (DiffPage `followed`). */
  followed(id: string): Difference | undefined;
}

/**
 * The selection's rows, a page at a time, as `source` gives them: at once from the page's own
 * memory, by a message to the coordinator Worker otherwise. A new selection (a filter typed)
 * starts afresh; an answer to an older one is dropped.
 */
function useDiffPages(source: DifferenceSource, sel: DiffSelection): Pages {
  const key = JSON.stringify(sel);
  const [, rendered] = useState(0);
  const store = useMemo(
    () => ({ meta: null as Meta | null, error: null as string | null, pages: new Map<number, Difference[] | null>(), followed: new Map<string, Difference>() }),
    [source, key],
  );
  const take = (p: DiffPage) => {
    store.meta = { count: p.count, total: p.total, kinds: p.kinds, hasConsequences: p.hasConsequences };
    store.pages.set(Math.floor(p.start / DIFF_PAGE_ROWS), p.rows);
    for (const d of p.followed) store.followed.set(d.id, d);
  };
  const load = (n: number, during: boolean) => {
    if (store.pages.has(n)) return;
    let r: DiffPage | Promise<DiffPage>;
    try {
      r = source.page(sel, n * DIFF_PAGE_ROWS, (n + 1) * DIFF_PAGE_ROWS);
    } catch (e) {
      store.error = failure(e);
      return;
    }
    if (!(r instanceof Promise)) {
      take(r);
      // asked while rendering a row: that render uses it; asked later: render again
      if (!during) rendered((x) => x + 1);
      return;
    }
    store.pages.set(n, null);
    r.then(
      (p) => {
        take(p);
        rendered((x) => x + 1);
      },
      (e) => {
        store.error = failure(e);
        rendered((x) => x + 1);
      },
    );
  };
  if (!store.meta && !store.error) load(0, true);
  // Until the first page of a new selection or source comes (a filter typed, the verified report
  // replacing the final one), the rows shown before stay: no flash of "Loading", no lost scroll.
  const before = useRef<typeof store | null>(null);
  if (store.meta) before.current = store;
  const stale = !store.meta && !store.error ? before.current : null;
  if (stale?.meta)
    return {
      meta: stale.meta,
      error: null,
      row: (i) => stale.pages.get(Math.floor(i / DIFF_PAGE_ROWS))?.[i % DIFF_PAGE_ROWS],
      followed: (id) => stale.followed.get(id),
    };
  return {
    meta: store.meta,
    error: store.error,
    row(i) {
      const n = Math.floor(i / DIFF_PAGE_ROWS);
      const page = store.pages.get(n);
      if (page) return page[i - n * DIFF_PAGE_ROWS];
      if (page === undefined) load(n, true);
      return store.pages.get(n)?.[i - n * DIFF_PAGE_ROWS];
    },
    followed: (id) => store.followed.get(id),
  };
}

function failure(e: unknown): string {
  return `The differences could not be listed: ${e instanceof Error ? e.message : String(e)}`;
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
