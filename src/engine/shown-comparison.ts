/**
 * What of a comparison report crosses to the page (issue 12: the page holds only what it
 * shows). The coordinator Worker keeps the whole report; the page gets it without what it never
 * shows whole — the inputs' file listings (each layer's, the merged view's, a plain tar's) and
 * the differences its causes do not list — and asks the coordinator for the rest: pages of
 * differences (src/present/diff-selection.ts), the report explained for other ignore options,
 * the exports (coordinator-api.ts).
 *
 * Comparing two layers of 100,000 files, the page held ~190 MB of heap for them (two listings
 * per input, 200,008 differences) and the browser peaked +589 MB above idle; without them,
 * +360 MB (docs/benchmarks.md "Memory").
 */
import type { ComparisonReport, Difference } from '../compare/types';
import type { InputReport } from '../report/types';
import type { LevelId } from '../present/levels';
import type { LevelCount } from '../present/diff-selection';

/** What the page is told of what stays in the coordinator. */
export interface HeldSummary {
  /** Every difference of the report (the page's copy has only those its causes list). */
  total: number;
  levels: Record<LevelId, LevelCount>;
  /** Per input: how many files its listing has (a plain tar's `files`), null without one. */
  files: [number | null, number | null];
}

/**
 * The report as the page gets it: the same object shape, `differences` only those the causes
 * list (and their evidence names), in report order; every `files` listing empty.
 */
export function shownComparison(r: ComparisonReport): ComparisonReport {
  return { ...r, inputs: [withoutListings(r.inputs[0]), withoutListings(r.inputs[1])], differences: listed(r.causes, r.differences) };
}

/** The differences `causes` name (their capped lists and their evidence), in the order of `all`. */
export function listed(causes: ComparisonReport['causes'], all: readonly Difference[]): Difference[] {
  const ids = new Set<string>();
  for (const c of causes) {
    for (const id of c.differences) ids.add(id);
    for (const e of c.evidence) if (e.difference) ids.add(e.difference);
  }
  return all.filter((d) => ids.has(d.id));
}

function withoutListings(input: InputReport): InputReport {
  return {
    ...input,
    files: input.files ? [] : input.files,
    images: input.images.map((im) => ({
      ...im,
      merged: im.merged ? { ...im.merged, files: [], deleted: [] } : im.merged,
      layers: im.layers.map((l) => (l.files.length ? { ...l, files: [] } : l)),
    })),
  };
}
