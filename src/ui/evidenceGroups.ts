/**
 * The page's side of a cause's examples: how many a card shows before "show N more", and a
 * difference without an explainer's example as one. The grouping itself (one example per
 * difference) is src/compare/evidence-groups.ts, shared with the written reports.
 */
import type { Difference, Evidence } from '../compare/types';
import { type ExampleGroup, groupEvidence } from '../compare/evidence-groups';

export { type ExampleGroup, groupEvidence };

/**
 * How many examples a card shows before "show N more": all of up to 5 short ones; 3 when
 * there are more, or when they carry a line diff or a hex window (each is a small table).
 */
export function shownExamples(groups: readonly ExampleGroup[]): number {
  const heavy = groups.some((g) => g.details.some((d) => d.kind === 'text-diff' || d.kind === 'hex'));
  return groups.length <= (heavy ? 3 : 5) ? groups.length : 3;
}

/**
 * A difference without an explainer's example, as one (for "show N more"): what differs,
 * where, its values, and the content evidence gathered for it.
 */
export function differenceExample(d: Difference, text: string, where: string, evidence: readonly Evidence[] | undefined): ExampleGroup {
  const first: Evidence = { text, difference: d.id, where };
  if (d.a !== undefined) first.a = d.a;
  if (d.b !== undefined) first.b = d.b;
  const fromEvidence = evidence?.length ? groupEvidence(evidence)[0] : undefined;
  return fromEvidence ?? { key: d.id, first, texts: [text], details: [] };
}
