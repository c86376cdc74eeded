/**
 * Gzip member headers (RFC 1952 2.3.1) read from the first bytes of a stream with the
 * format reader (src/formats/gzip/header.ts), and the fields two of them differ in, in
 * words: shared by the layer-blob forensics and the nested-gzip recogniser.
 */
import type { GzipHeader } from '../../formats/compression';
import { GzipHeaderParser } from '../../formats/gzip/header';

/** The header at the start of `b`, or null (not gzip, or cut short). */
export function readGzipHeader(b: Uint8Array): GzipHeader | null {
  if (b.length < 10 || b[0] !== 0x1f || b[1] !== 0x8b) return null;
  try {
    const p = new GzipHeaderParser();
    p.push(b);
    return p.header;
  } catch {
    return null;
  }
}

const OS: Record<number, string> = { 0: 'FAT', 3: 'Unix', 7: 'Macintosh', 10: 'TOPS-20', 11: 'NTFS', 255: 'unknown' };
const XFL: Record<number, string> = { 0: 'none', 2: 'max compression', 4: 'fastest' };

export function mtimeText(s: number): string {
  return s === 0 ? '0 (not set)' : new Date(s * 1000).toISOString().replace('.000Z', 'Z');
}

export interface HeaderFieldDiff {
  /** RFC 1952 field name: MTIME, OS, XFL, FNAME, FCOMMENT, FEXTRA, FLG. */
  field: string;
  a: string;
  b: string;
}

/** The header fields that differ, in header order. */
export function gzipHeaderDiff(a: GzipHeader, b: GzipHeader): HeaderFieldDiff[] {
  const out: HeaderFieldDiff[] = [];
  const add = (field: string, x: string, y: string) => {
    if (x !== y) out.push({ field, a: x, b: y });
  };
  add('MTIME', mtimeText(a.mtime), mtimeText(b.mtime));
  add('XFL', `${a.xfl} (${XFL[a.xfl] ?? '?'})`, `${b.xfl} (${XFL[b.xfl] ?? '?'})`);
  add('OS', `${a.os} (${OS[a.os] ?? '?'})`, `${b.os} (${OS[b.os] ?? '?'})`);
  add('FNAME', a.fname === undefined ? 'none' : JSON.stringify(a.fname), b.fname === undefined ? 'none' : JSON.stringify(b.fname));
  add('FCOMMENT', a.fcomment === undefined ? 'none' : JSON.stringify(a.fcomment), b.fcomment === undefined ? 'none' : JSON.stringify(b.fcomment));
  add('FEXTRA', a.extra ? `${a.extra.length} bytes` : 'none', b.extra ? `${b.extra.length} bytes` : 'none');
  // FLG bits not already explained by the fields above (FTEXT, FHCRC).
  const rest = (f: number) => f & 0x03;
  add('FLG', `0x${rest(a.flags).toString(16)}`, `0x${rest(b.flags).toString(16)}`);
  return out;
}

/** "MTIME 2024-01-01T00:00:00Z vs 0 (not set), OS 3 (Unix) vs 255 (unknown)". */
export function headerDiffText(d: HeaderFieldDiff[]): string {
  return d.map((x) => `${x.field} ${x.a} vs ${x.b}`).join(', ');
}
