/**
 * A cause's examples, one per difference (pure). The evidence pass repeats an example once
 * per detail it found (a hex window and a recognised kind: evidence/attach.ts), and an
 * explainer may word one difference twice; every presenter (the page's cards, text, Markdown,
 * HTML) shows each difference once, with its sentences and its details, in the order they came.
 */
import type { ContentEvidence, Evidence } from './types';

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
