/**
 * What differs between two compressions of (maybe) the same bytes: the algorithm, gzip member
 * headers (RFC 1952 §2.3: MTIME, XFL, OS, FNAME, FCOMMENT, FEXTRA, FHCRC), member counts and
 * sizes, zstd frame parameters (RFC 8878 §3.1.1) and skippable frames (§3.1.2). Used for the
 * outer file (one difference per field) and for layer blobs (condensed into facts).
 */
import type { CompressionInfo, GzipHeader, GzipInfo, ZstdFrame, ZstdInfo } from '../../formats/compression';
import type { CompressionFieldName, Json, Seekable } from '../types';

export interface CompressionField {
  /** 'algorithm', 'gzip.mtime', 'gzip.members', 'zstd.windowSize', … */
  field: CompressionFieldName;
  a: Json | undefined;
  b: Json | undefined;
  member?: number;
  frame?: number;
  /** A gzip header field (not covered by the CRC: says nothing of the deflate stream). */
  header?: boolean;
}

const GZIP_HEADER: Exclude<keyof GzipHeader, 'headerSize'>[] = ['method', 'flags', 'mtime', 'xfl', 'os', 'ftext', 'fname', 'fcomment', 'extra', 'hcrc'];
const ZSTD_FRAME: Exclude<keyof ZstdFrame, 'offset'>[] = [
  'kind',
  'magic',
  'windowSize',
  'contentSize',
  'dictionaryId',
  'checksum',
  'singleSegment',
  'compressedSize',
  'uncompressedSize',
];

function same(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function gzipFields(a: GzipInfo, b: GzipInfo, out: CompressionField[]): void {
  if (a.members.length !== b.members.length) out.push({ field: 'gzip.members', a: a.members.length, b: b.members.length });
  const n = Math.min(a.members.length, b.members.length);
  for (let m = 0; m < n; m++) {
    const ma = a.members[m];
    const mb = b.members[m];
    for (const k of GZIP_HEADER) {
      if (
        k === 'flags' &&
        (ma.header.fname !== mb.header.fname ||
          ma.header.fcomment !== mb.header.fcomment ||
          !same(ma.header.extra, mb.header.extra) ||
          ma.header.hcrc !== mb.header.hcrc)
      ) {
        // FLG differs because an optional field is present on one side only: that field says it.
        continue;
      }
      if (!same(ma.header[k], mb.header[k])) out.push({ field: `gzip.${k}`, a: ma.header[k], b: mb.header[k], member: m, header: true });
    }
    if (ma.compressedSize !== mb.compressedSize) out.push({ field: 'gzip.compressedSize', a: ma.compressedSize, b: mb.compressedSize, member: m });
    if (ma.uncompressedSize !== mb.uncompressedSize) out.push({ field: 'gzip.uncompressedSize', a: ma.uncompressedSize, b: mb.uncompressedSize, member: m });
    if (ma.crc32 !== mb.crc32) out.push({ field: 'gzip.crc32', a: ma.crc32, b: mb.crc32, member: m });
  }
  if (a.trailingBytes !== b.trailingBytes) out.push({ field: 'gzip.trailingBytes', a: a.trailingBytes, b: b.trailingBytes });
}

function zstdFields(a: ZstdInfo, b: ZstdInfo, out: CompressionField[]): void {
  const skipA = a.frames.filter((f) => f.kind === 'skippable').length;
  const skipB = b.frames.filter((f) => f.kind === 'skippable').length;
  if (a.frames.length - skipA !== b.frames.length - skipB) out.push({ field: 'zstd.frames', a: a.frames.length - skipA, b: b.frames.length - skipB });
  if (skipA !== skipB) out.push({ field: 'zstd.skippableFrames', a: skipA, b: skipB });
  const n = Math.min(a.frames.length, b.frames.length);
  for (let i = 0; i < n; i++) {
    for (const k of ZSTD_FRAME) {
      const va = a.frames[i][k];
      const vb = b.frames[i][k];
      if (!same(va, vb)) out.push({ field: `zstd.${k}`, a: va, b: vb, frame: i });
    }
  }
  if (a.trailingBytes !== b.trailingBytes) out.push({ field: 'zstd.trailingBytes', a: a.trailingBytes, b: b.trailingBytes });
}

/** Field-by-field differences; empty when both are equal or either is unknown (null). */
export function compressionFields(a: CompressionInfo | null, b: CompressionInfo | null): CompressionField[] {
  const out: CompressionField[] = [];
  if (!a || !b) return out;
  if (a.algorithm !== b.algorithm) {
    out.push({ field: 'algorithm', a: a.algorithm, b: b.algorithm });
    return out;
  }
  if (a.algorithm === 'gzip') gzipFields(a, b as GzipInfo, out);
  else if (a.algorithm === 'zstd') zstdFields(a, b as ZstdInfo, out);
  return out;
}

/**
 * Seekable/multi-member layouts recognisable from the bytes alone: eStargz is a gzip stream of
 * many members (one per file chunk plus the TOC); zstd:chunked puts its manifest in skippable
 * frames. Layer annotations would say it for sure, but the report does not keep them.
 */
export function seekableKind(c: CompressionInfo | null): Seekable {
  if (c?.algorithm === 'gzip' && c.members.length > 1) return 'estargz?';
  if (c?.algorithm === 'zstd' && c.frames.some((f) => f.kind === 'skippable')) return 'zstd:chunked?';
  return null;
}

export function memberCount(c: CompressionInfo | null): number | null {
  if (c?.algorithm === 'gzip') return c.members.length;
  if (c?.algorithm === 'zstd') return c.frames.length;
  return null;
}
