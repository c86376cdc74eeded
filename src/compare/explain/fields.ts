/**
 * Reading differences the same way whatever their subject: the record field a file or merged
 * difference is about ("added", "mtime", "content"…), its A/B values, and evidence lines.
 */
import { MERGED_FIELDS, type Difference, type Evidence, type Json } from '../types';
import { sameLayers, type Context } from './context';

/** 'added' / 'removed' / the changed field ('mtime', 'content', 'xattrs.security.capability'…). */
export function fileField(d: Difference): string {
  if (d.kind === 'added' || d.kind === 'removed') return d.kind;
  if (d.subject === 'merged') {
    // Merged versions name several fields: the strongest one (MERGED_FIELDS' order) says what it is.
    const fields = d.facts?.fields ?? [];
    return MERGED_FIELDS.find((f) => fields.includes(f)) ?? fields[0] ?? 'version';
  }
  return d.field ?? d.kind;
}

/** A side's value of `field` (merged differences hold `{layer, field: value}` objects). */
export function sideValue(d: Difference, side: 'a' | 'b', field = d.field): Json | undefined {
  const v = side === 'a' ? d.a : d.b;
  if (d.subject === 'merged' && v && typeof v === 'object' && !Array.isArray(v) && field) return (v as Record<string, Json>)[field];
  return v;
}

export function num(v: Json | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Up to `max` evidence lines, one per root, in the differ's order. */
export function evidence<D extends Difference>(roots: D[], ctx: Context, text: (d: D) => string, max = 5, field?: string): Evidence[] {
  const out: Evidence[] = [];
  for (const d of roots) {
    if (out.length >= max) break;
    const e: Evidence = { text: text(d), difference: d.id, where: ctx.where(d) };
    const a = sideValue(d, 'a', field ?? fileField(d));
    const b = sideValue(d, 'b', field ?? fileField(d));
    if (a !== undefined) e.a = a;
    if (b !== undefined) e.b = b;
    out.push(e);
  }
  return out;
}

/** Group roots by a key, keeping first-seen order. */
export function groupBy<T>(items: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** "in layer 1", "in layers 1 and 3", "in 4 layers" (plain tars: ""). */
export function inLayers(roots: Difference[], ctx: Context): string {
  const firsts: Difference[] = [];
  let prev: Difference | undefined;
  for (const d of roots) {
    // Roots come in differ order (layer by layer): compare with the previous one, not hash.
    if (prev && sameLayers(prev, d)) continue;
    prev = d;
    if (!firsts.some((f) => sameLayers(f, d))) firsts.push(d);
  }
  const names = firsts.map((d) => ctx.layerName(d.scope)).filter((n) => n);
  if (!names.length) return '';
  if (names.length === 1) return ` in ${names[0]}`;
  if (names.length <= 3 && names.every((n) => /^layer \d+$/.test(n)))
    return ` in layers ${names
      .map((n) => n.slice(6))
      .join(', ')
      .replace(/, (\d+)$/, ' and $1')}`;
  return ` in ${names.length} layers`;
}
