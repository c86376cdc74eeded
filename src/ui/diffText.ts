/**
 * One difference in words: what differs (`whatText`), each side's
 * value (`valueText`), formatted by field: tar times as ISO 8601 UTC, modes in octal and
 * `ls -l` form, sizes in IEC units, digests short in lists and whole in details. Pure.
 */
import type { Difference, Json } from '../compare/types';
import { formatBytes, formatMode, formatOctalMode, formatUnixTime, layerName, shortDigest } from '../present/format';

const TIME_FIELDS = new Set(['mtime', 'atime', 'ctime', 'gzip.mtime']);
const DIGEST = /^[a-z0-9+._-]+:[0-9a-f]{32,}$/i;
const HEX64 = /^[0-9a-f]{64}$/;
export const ABSENT = 'absent';

function isSizeField(field: string | undefined): boolean {
  return !!field && (field === 'size' || /(^|\.)(size|compressedSize|uncompressedSize)$/.test(field));
}

/** What differs: the field, or what happened to the subject. */
export function whatText(d: Difference): string {
  if (d.kind === 'reordered') return 'order';
  if (d.kind === 'added' && !d.field) return `${subjectNoun(d)} added in B`;
  if (d.kind === 'removed' && !d.field) return `${subjectNoun(d)} only in A`;
  const field = fieldText(d);
  if (d.kind === 'added') return `${field} (only in B)`;
  if (d.kind === 'removed') return `${field} (only in A)`;
  return field ?? 'changed';
}

/**
 * The field as a person names it. A `repositories` leaf is a JSON path `<repo>.<tag>`
 * (json-diff joins keys with dots): shown as the tag it is, `app:latest`. The repository ends
 * at the first dot after its last slash (a registry host has dots, a Docker Hub name rarely).
 */
function fieldText(d: Difference): string | undefined {
  const f = d.field;
  if (!f || d.subject !== 'index' || d.scope.path !== 'repositories' || f === '$') return f;
  const slash = f.lastIndexOf('/');
  const dot = f.indexOf('.', slash + 1);
  return dot > 0 ? `tag ${f.slice(0, dot)}:${f.slice(dot + 1)}` : `repository ${f}`;
}

/** A fact's name in words: `sizeA` → "size (A)", `uncompressedSize` → "uncompressed size". */
export function factLabel(key: string): string {
  const side = /^(.+?)([AB])$/.exec(key);
  const base = (side ? side[1] : key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return side ? `${base} (${side[2]})` : base;
}

function subjectNoun(d: Difference): string {
  switch (d.subject) {
    case 'outer-entry':
      return 'entry';
    case 'layer':
      return 'layer';
    case 'image':
      return 'image';
    case 'merged':
      return 'path';
    case 'file':
      return 'file';
    default:
      return d.subject;
  }
}

/** A side's value for a list row (short) or the details pane (`full`: digests whole, JSON indented). */
export function valueText(d: Difference, side: 'a' | 'b', full = false): string {
  const v = side === 'a' ? d.a : d.b;
  return formatValue(d.field, v, full);
}

export function formatValue(field: string | undefined, v: Json | undefined, full = false): string {
  if (v === undefined) return ABSENT;
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (field && TIME_FIELDS.has(field)) return field === 'gzip.mtime' && v === 0 ? '0 (not set)' : formatUnixTime(v);
    if (field === 'mode') return `${formatOctalMode(v)} ${formatMode(v)}`;
    if (isSizeField(field)) return v >= 1024 ? `${formatBytes(v)} (${v.toLocaleString('en-US')} B)` : `${v} B`;
    return String(v);
  }
  if (typeof v === 'string') {
    if (full) return v;
    if (DIGEST.test(v)) return shortDigest(v);
    return HEX64.test(v) ? `${v.slice(0, 12)}…` : v;
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return full ? JSON.stringify(v, null, 2) : JSON.stringify(v);
  if (typeof v.type === 'string' && Object.keys(v).every((k) => k === 'type' || k === 'size')) {
    // {type,size} of a file or entry present on one side only
    return typeof v.size === 'number' && v.type === 'file' ? `${v.type}, ${formatBytes(v.size)}` : v.type;
  }
  const entries = Object.entries(v);
  if (entries.every(([, x]) => x === null || typeof x !== 'object')) {
    // a merged-filesystem version {layer, mtime, content…}: each field formatted by its name
    return entries.map(([k, x]) => (k === 'layer' && typeof x === 'number' ? `layer ${layerName(x)}` : `${k} ${formatValue(k, x, full)}`)).join(', ');
  }
  return full ? JSON.stringify(v, null, 2) : JSON.stringify(v);
}
