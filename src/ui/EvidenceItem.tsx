import type { Evidence } from '../compare/types';
import { ContentEvidenceView } from './ContentEvidenceView';
import { formatValue } from './diffText';

/**
 * One concrete example of a cause: the sentence, A → B when the values are not already in it,
 * where it is, and rich content evidence when the engine gathered some.
 */
export function EvidenceItem({ evidence: e, field }: { evidence: Evidence; field?: string }) {
  const showValues = (e.a !== undefined || e.b !== undefined) && !mentions(e.text, e.a, e.b, field);
  return (
    <li class="evidence">
      <p class="evidence-text">{e.text}</p>
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
      {e.detail && <ContentEvidenceView detail={e.detail} label={e.where ?? e.text} />}
    </li>
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
