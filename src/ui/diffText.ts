/**
 * One difference in words: what differs (`whatText`), where (`whereText`) and each side's
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
  if (d.kind === 'added') return `${d.field} (only in B)`;
  if (d.kind === 'removed') return `${d.field} (only in A)`;
  return d.field ?? 'changed';
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

/** "#1 ↔ #2", "#3 (A only)", "" — layer indexes are 0-based in the report, 1-based on screen. */
export function layerPairText(layerA: number | undefined, layerB: number | undefined): string {
  if (layerA == null && layerB == null) return '';
  if (layerA != null && layerB != null) return layerA === layerB ? `layer ${layerName(layerA)}` : `layer ${layerName(layerA)} ↔ ${layerName(layerB)}`;
  return layerA != null ? `layer ${layerName(layerA)} (A only)` : `layer ${layerName(layerB)} (B only)`;
}

/** "app:1 (linux/amd64) · layer #2 · etc/passwd". */
export function whereText(d: Difference, withImage = true): string {
  const s = d.scope;
  const parts: string[] = [];
  if (withImage && s.image) parts.push(s.image);
  const layers = layerPairText(s.layerA, s.layerB);
  if (layers) parts.push(layers);
  if (s.path) parts.push(s.path);
  return parts.join(' · ');
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
    return typeof v.size === 'number' && v.type !== 'dir' ? `${v.type}, ${formatBytes(v.size)}` : v.type;
  }
  const entries = Object.entries(v);
  if (entries.every(([, x]) => x === null || typeof x !== 'object')) {
    // a merged-filesystem version {layer, mtime, content…}: each field formatted by its name
    return entries.map(([k, x]) => (k === 'layer' && typeof x === 'number' ? `layer ${layerName(x)}` : `${k} ${formatValue(k, x, full)}`)).join(', ');
  }
  return full ? JSON.stringify(v, null, 2) : JSON.stringify(v);
}
