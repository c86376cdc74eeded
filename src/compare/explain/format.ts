/**
 * Words and numbers as the summaries print them: counts with thousands separators, plurals,
 * durations ("2 min 27 s"), Unix times as RFC 3339, modes in octal, short digests, lists that
 * stop after a few items. Deterministic (no locale, no clock).
 */
import type { Json } from '../types';

export function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 file", "936 files", "2 directories" (pass the plural when it is not word + "s"). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : many}`;
}

/** A positive duration in seconds: "27 s", "2 min 27 s", "3 h 2 min", "4 days 3 h". */
export function duration(seconds: number): string {
  let s = Math.abs(seconds);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  s = Math.round(s);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  return `${plural(d, 'day')}${h ? ` ${h} h` : ''}`;
}

/** Unix seconds → "2023-11-14T22:13:20Z" (fractions kept when present). */
export function isoTime(v: Json | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return show(v);
  const d = new Date(v * 1000);
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().replace('.000Z', 'Z');
}

/** Unix seconds → "2023-11-14" */
export function isoDate(v: number): string {
  return isoTime(v).slice(0, 10);
}

export function octal(v: Json | undefined): string {
  return typeof v === 'number' ? `0${v.toString(8).padStart(3, '0')}` : show(v);
}

/** "sha256:ab12cd34…" */
export function shortDigest(v: Json | undefined | null): string {
  if (typeof v !== 'string') return show(v ?? undefined);
  const m = /^([a-z0-9]+:)?([0-9a-f]{16,})$/.exec(v);
  return m ? `${m[1] ?? ''}${m[2].slice(0, 12)}…` : v;
}

/** A value on one line: absent → "(none)", strings as they are (cut at 80), JSON otherwise. */
export function show(v: Json | undefined): string {
  if (v === undefined) return '(none)';
  if (v === null) return 'null';
  if (typeof v === 'string') return v === '' ? '""' : v.length > 80 ? `${v.slice(0, 80)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // {type, size} of an entry present on one side only: "symlink", "file, 1,234 bytes" (not JSON)
  if (!Array.isArray(v) && typeof v.type === 'string' && Object.keys(v).every((k) => k === 'type' || k === 'size')) {
    return typeof v.size === 'number' && v.type === 'file' ? `file, ${num(v.size)} bytes` : v.type;
  }
  const t = JSON.stringify(v);
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}

/** "a", "a and b", "a, b and c", "a, b, c and 9 more". */
export function list(items: string[], max = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${num(items.length - max)} more`;
}

/** Values counted and sorted by frequency (then first seen): the pattern of a field. */
export function tally<T>(values: Iterable<T>): { value: T; count: number }[] {
  const m = new Map<T, { value: T; count: number; first: number }>();
  let i = 0;
  for (const v of values) {
    const e = m.get(v);
    if (e) e.count++;
    else m.set(v, { value: v, count: 1, first: i });
    i++;
  }
  return [...m.values()].sort((x, y) => y.count - x.count || x.first - y.first).map(({ value, count }) => ({ value, count }));
}

export function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Longest common directory of paths ('' when none): "usr/share/doc". */
export function commonDir(paths: string[]): string {
  if (!paths.length) return '';
  let prefix = paths[0].includes('/') ? paths[0].slice(0, paths[0].lastIndexOf('/')) : '';
  for (const p of paths) {
    while (prefix && !(p === prefix || p.startsWith(`${prefix}/`))) prefix = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (!prefix) return '';
  }
  return prefix;
}

/** Digests inside a string shortened: "blobs/sha256/ab12cd34ef56…". */
export function shortPaths(s: string): string {
  return s.replace(/([0-9a-f]{12})[0-9a-f]{52}/g, '$1…');
}
