import type { Evidence } from '../compare/types';
import { ContentEvidenceView } from './ContentEvidenceView';
import { formatValue } from './diffText';
import type { ExampleGroup } from './evidenceGroups';

/**
 * One concrete example of a cause (one difference, said once: evidenceGroups.ts): its
 * sentences, A → B when the values are not already in them, where it is, and each piece of
 * content evidence the engine gathered (a line diff collapsed to its first lines, a hex
 * window, a recognised kind).
 */
export function EvidenceItem({ group: g, field, as: Tag = 'li' }: { group: ExampleGroup; field?: string; as?: 'li' | 'div' }) {
  const e = g.first;
  const said = g.texts.join(' ');
  const showValues = (e.a !== undefined || e.b !== undefined) && !mentions(said, e.a, e.b, field);
  return (
    <Tag class="evidence">
      {g.texts.map((t, i) => (
        <p key={i} class="evidence-text">
          {t}
        </p>
      ))}
      {showValues && (
        <p class="evidence-ab">
          <span class="ab-tag">A</span> <code>{formatValue(field, e.a)}</code> <span aria-hidden="true">→</span>
          <span class="visually-hidden">, </span> <span class="ab-tag">B</span> <code>{formatValue(field, e.b)}</code>
        </p>
      )}
      {e.where && (
        <p class="evidence-where muted">
          <span class="visually-hidden">Where: </span>
          {e.where}
        </p>
      )}
      {g.details.map((d, i) => (
        <ContentEvidenceView key={i} detail={d} label={e.where ?? e.text} />
      ))}
    </Tag>
  );
}

/** True when the sentence already quotes both values, raw or as the page formats them (no need to say them twice). */
function mentions(text: string, a: Evidence['a'], b: Evidence['b'], field: string | undefined): boolean {
  const said = (v: Evidence['a']) => {
    if (v === undefined) return true;
    const raw = typeof v === 'string' ? v : JSON.stringify(v);
    return text.includes(raw) || text.includes(formatValue(field, v));
  };
  return said(a) && said(b);
}
