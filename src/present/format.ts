/**
 * Plain-text building blocks shared by the presenters: sizes (IEC units, as on the page),
 * counts, dates (ISO 8601, UTC), short digests, layer numbers (1-based, as the page and
 * the integrity subjects count them), platforms, verdict words. No escaping here: callers
 * escape for their format (escape.ts).
 */
import type { Platform } from '../image/model';
import type { Json, Verdict, IgnoreOptions } from '../compare/types';
import type { CompressionInfo } from '../formats/compression';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const NUMBER = new Intl.NumberFormat('en-US');

export function bytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  if (Math.abs(n) < 1024) return `${n} B`;
  let v = n / 1024;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0)} ${UNITS[u]}`;
}

export function count(n: number): string {
  return NUMBER.format(n);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? word : many}`;
}

/** Seconds since the epoch (tar mtime) as ISO 8601 UTC without milliseconds. */
export function epoch(s: number | null | undefined): string {
  if (s == null || !Number.isFinite(s)) return '—';
  const d = new Date(s * 1000);
  return Number.isNaN(d.getTime()) ? String(s) : d.toISOString().replace('.000Z', 'Z');
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** "sha256:ab12cd34ef56…" (12 hex digits, enough to tell layers apart by eye). */
export function shortDigest(d: string | null | undefined, hex = 12): string {
  if (!d) return '—';
  const i = d.indexOf(':');
  const enc = i < 0 ? d : d.slice(i + 1);
  return enc.length > hex ? `${d.slice(0, i + 1)}${enc.slice(0, hex)}…` : d;
}

/** 0-based layer index → "layer 3" (1-based, the page's convention). */
export function layerName(index: number): string {
  return `layer ${index + 1}`;
}

export function platform(p: Platform | null | undefined): string {
  if (!p) return '—';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/') + (p['os.version'] ? ` (${p['os.version']})` : '');
}

export function compression(c: CompressionInfo | null | undefined): string {
  if (!c) return '—';
  return c.algorithm === 'none' ? 'uncompressed' : c.algorithm;
}

/** Media type without the common prefixes: "oci.image.layer.v1.tar+gzip" → "tar+gzip". */
export function mediaShort(m: string | null | undefined): string {
  if (!m) return '—';
  return m.replace(/^application\/vnd\.(oci\.image|docker\.image\.rootfs|docker\.container\.image)\.(layer\.v1\.)?/, '').replace(/^diff\./, '');
}

/** A difference value, compact: strings as they are, everything else as JSON. */
export function jsonValue(v: Json | undefined, max = 200): string {
  if (v === undefined) return '(absent)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  identical: 'identical: the two archives are byte-for-byte the same',
  'same-image': 'same image: only the packaging of the archive differs',
  'same-filesystem': 'same filesystem: same config and uncompressed layers; blobs, manifests or index differ',
  'metadata-only': 'metadata only: same files and contents; timestamps, ownership, modes, order or format differ',
  'content-differs': 'content differs: file contents, existence or type, or a config field differ',
  unreadable: 'unreadable: an input could not be read far enough to compare',
};

/** "timestamps, file order, paths /var/log/**" or "" when nothing is ignored. */
export function ignoredText(o: IgnoreOptions | undefined): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.timestamps) parts.push('timestamps');
  if (o.fileOrder) parts.push('file order');
  if (o.ownerNames) parts.push('owner names');
  if (o.tarFormat) parts.push('tar format');
  if (o.history) parts.push('history');
  if (o.paths?.length) parts.push(`paths ${o.paths.join(', ')}`);
  return parts.join(', ');
}
