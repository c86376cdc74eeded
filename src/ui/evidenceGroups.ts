/**
 * A cause's examples, one per difference (pure). The evidence pass repeats an example once
 * per detail it found (a hex window and a recognised kind: src/compare/evidence/attach.ts),
 * and an explainer may word one difference twice; on the page each difference is one
 * example with its sentences and its details, in the order they came.
 */
import type { ContentEvidence, Difference, Evidence } from '../compare/types';

export interface ExampleGroup {
  key: string;
  /** The first item (its values and place are the example's). */
  first: Evidence;
  /** Every distinct sentence, first one first. */
  texts: string[];
  /** Every distinct detail, in order. */
  details: ContentEvidence[];
}

export function groupEvidence(list: readonly Evidence[]): ExampleGroup[] {
  const groups = new Map<string, ExampleGroup & { seen: Set<string> }>();
  for (const e of list) {
    const key = e.difference ?? `${e.text}\u0000${e.where ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, first: e, texts: [], details: [], seen: new Set() };
      groups.set(key, g);
    }
    if (!g.texts.includes(e.text)) g.texts.push(e.text);
    if (e.detail) {
      const k = JSON.stringify(e.detail);
      if (!g.seen.has(k)) {
        g.seen.add(k);
        g.details.push(e.detail);
      }
    }
  }
  return [...groups.values()].map(({ seen: _seen, ...g }) => g);
}

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
