/**
 * Why two blobs of the same uncompressed layer (same diff_id) differ, from their first bytes
 * (at most HEAD_BYTES each) and what the scan learnt about their compression: another
 * algorithm; gzip header fields only (the deflate streams identical); a different deflate
 * stream (where it first diverges, and which zlib level, if any, reproduces each side);
 * multi-member / seekable gzip (eStargz); zstd frame parameters, skippable frames
 * (zstd:chunked). Pure: bytes in, short sentences out.
 */
import type { CompressionInfo, GzipInfo, ZstdInfo, Algorithm } from '../../formats/compression';
import { detectCompression } from '../../formats/detect';
import type { ContentEvidence } from '../types';
import { firstDifference } from './bytes';
import { gzipHeaderDiff, headerDiffText, readGzipHeader } from './gzip-header';
import { matchZlibLevel, type ZlibMatch } from './zlib-level';

type Compression = Extract<ContentEvidence, { kind: 'compression' }>;

/** Compressed bytes read from the start of each blob. */
export const HEAD_BYTES = 1024 * 1024;

export interface BlobHead {
  /** The first bytes of the blob (up to HEAD_BYTES). */
  bytes: Uint8Array;
  /** The blob's full size. */
  size: number;
  /** What the deep scan found (members, frames), when it ran. */
  info: CompressionInfo | null;
}

export interface ForensicsOptions {
  /** Test which zlib level reproduces each gzip side (the costly part; default true). */
  zlibLevels?: boolean;
}

function algorithmOf(h: BlobHead): Algorithm {
  return h.info?.algorithm ?? detectCompression(h.bytes.subarray(0, 512));
}

const NAME: Record<string, string> = { none: 'uncompressed', gzip: 'gzip', zstd: 'zstd' };

export function compressionEvidence(a: BlobHead, b: BlobHead, opts: ForensicsOptions = {}): Compression[] {
  const algA = algorithmOf(a);
  const algB = algorithmOf(b);
  if (algA !== algB) {
    return [
      { kind: 'compression', detail: `another algorithm: the same uncompressed layer is stored ${NAME[algA] ?? algA} in A and ${NAME[algB] ?? algB} in B` },
    ];
  }
  if (algA === 'gzip') return gzipEvidence(a, b, opts);
  if (algA === 'zstd') return zstdEvidence(a, b);
  const at = firstDifference(a.bytes, b.bytes);
  return [{ kind: 'compression', detail: `both ${NAME[algA] ?? algA}; the blobs differ from byte ${at}`, divergesAt: at }];
}

function members(h: BlobHead): number | null {
  return h.info?.algorithm === 'gzip' ? (h.info as GzipInfo).members.length : null;
}

function levelText(m: ZlibMatch | null): string {
  if (!m) return '';
  if (m.level !== null) {
    const who = m.flavour === 'chromium-zlib' ? 'Chromium’s zlib (Node.js, Chrome)' : m.flavour === 'pigz' ? 'pigz (zlib in 128 KiB blocks)' : 'zlib';
    const also = m.alsoLevels?.length ? ` (levels ${[m.level, ...m.alsoLevels].join(', ')} give the same bytes)` : '';
    const scope = m.whole ? 'the whole stream' : `the first ${m.confirmed} compressed bytes`;
    return `${who} level ${m.level} reproduces ${scope}${also}`;
  }
  if (!m.conclusive) return 'too little data to tell which compressor wrote it';
  return 'no zlib level reproduces it (another deflate implementation: GNU gzip, Go compress/flate, pgzip, zlib-ng…)';
}

function gzipEvidence(a: BlobHead, b: BlobHead, opts: ForensicsOptions): Compression[] {
  const out: Compression[] = [];
  const mA = members(a);
  const mB = members(b);
  if (mA !== null && mB !== null && mA !== mB) {
    const seek = (n: number) => (n > 1 ? `${n} members (multi-member: seekable, eStargz-like)` : '1 member');
    out.push({ kind: 'compression', detail: `gzip members: A has ${seek(mA)}, B has ${seek(mB)}` });
  }
  const ha = readGzipHeader(a.bytes);
  const hb = readGzipHeader(b.bytes);
  if (!ha || !hb) {
    const at = firstDifference(a.bytes, b.bytes);
    out.push({ kind: 'compression', detail: `gzip header unreadable in ${!ha ? 'A' : 'B'}`, ...(at >= 0 ? { divergesAt: at } : {}) });
    return out;
  }
  const fields = gzipHeaderDiff(ha, hb);
  const da = a.bytes.subarray(ha.headerSize);
  const db = b.bytes.subarray(hb.headerSize);
  let at = firstDifference(da, db);
  const wholeA = a.bytes.length >= a.size;
  const wholeB = b.bytes.length >= b.size;
  // Equal as far as both were read: the same deflate stream unless a side goes on further.
  if (at === Math.min(da.length, db.length) && !(wholeA && wholeB)) at = -1;
  const sizesDiffer = a.size - ha.headerSize !== b.size - hb.headerSize;
  if (at < 0 && !(sizesDiffer && mA === 1 && mB === 1)) {
    const names = fields.map((f) => f.field).join(', ') || 'nothing';
    const scope = wholeA && wholeB ? 'identical deflate streams' : `identical deflate data in the first ${Math.min(da.length, db.length)} bytes`;
    out.push({ kind: 'compression', detail: `header only (${names}): ${headerDiffText(fields) || 'no field differs'}; ${scope}` });
    return out;
  }
  // Equal as far as read but of different lengths: they diverge somewhere after the bytes read.
  const beyond = at < 0;
  if (beyond) at = Math.min(da.length, db.length);
  const header = fields.length ? `; header ${headerDiffText(fields)}` : '';
  const levels = opts.zlibLevels !== false;
  const la = levels ? safeMatch(da, ha.xfl) : null;
  const lb = levels ? safeMatch(db, hb.xfl) : null;
  const sideText = (s: 'A' | 'B', m: ZlibMatch | null) => (m ? `${s}: ${levelText(m)}` : '');
  out.push({
    kind: 'compression',
    detail: `different deflate stream, diverging ${beyond ? 'after' : 'at'} byte ${at} of the deflate data${header}${la ? `; ${sideText('A', la)}` : ''}`,
    ...(beyond ? {} : { divergesAt: at }),
    ...(la ? { matchesZlibLevel: la.level } : {}),
  });
  if (lb) out.push({ kind: 'compression', detail: sideText('B', lb), ...(lb ? { matchesZlibLevel: lb.level } : {}) });
  return out;
}

function safeMatch(deflate: Uint8Array, xfl: number): ZlibMatch | null {
  try {
    return matchZlibLevel(deflate, xfl);
  } catch {
    return null;
  }
}

function zstdFrames(h: BlobHead): ZstdInfo['frames'] | null {
  return h.info?.algorithm === 'zstd' ? (h.info as ZstdInfo).frames : null;
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`;
}

function zstdEvidence(a: BlobHead, b: BlobHead): Compression[] {
  const fa = zstdFrames(a);
  const fb = zstdFrames(b);
  const at = firstDifference(a.bytes, b.bytes);
  const divergesAt = at >= 0 ? at : undefined;
  if (!fa || !fb) return [{ kind: 'compression', detail: `both zstd; the compressed bytes differ from byte ${at}`, divergesAt }];
  const parts: string[] = [];
  const za = fa.filter((f) => f.kind === 'zstd');
  const zb = fb.filter((f) => f.kind === 'zstd');
  const sa = fa.length - za.length;
  const sb = fb.length - zb.length;
  if (za.length !== zb.length) parts.push(`frames ${za.length} vs ${zb.length}`);
  if (sa !== sb) parts.push(`skippable frames ${sa} vs ${sb}${sa || sb ? ' (zstd:chunked / seekable metadata)' : ''}`);
  const a0 = za[0];
  const b0 = zb[0];
  if (a0 && b0) {
    if (a0.windowSize !== b0.windowSize) parts.push(`window ${mib(a0.windowSize ?? 0)} vs ${mib(b0.windowSize ?? 0)}`);
    const cs = (f: typeof a0) => (f.contentSize == null ? 'absent' : 'present');
    if (cs(a0) !== cs(b0)) parts.push(`content size in the frame header ${cs(a0)} in A, ${cs(b0)} in B`);
    if (!!a0.checksum !== !!b0.checksum) parts.push(`checksum ${a0.checksum ? 'on' : 'off'} vs ${b0.checksum ? 'on' : 'off'}`);
    if (!!a0.singleSegment !== !!b0.singleSegment) parts.push(`single-segment ${a0.singleSegment ? 'yes' : 'no'} vs ${b0.singleSegment ? 'yes' : 'no'}`);
    if ((a0.dictionaryId ?? 0) !== (b0.dictionaryId ?? 0)) parts.push(`dictionary ${a0.dictionaryId ?? 0} vs ${b0.dictionaryId ?? 0}`);
  }
  const where = divergesAt !== undefined ? `; the compressed bytes differ from byte ${divergesAt}` : '';
  if (parts.length) return [{ kind: 'compression', detail: `zstd frame parameters differ: ${parts.join(', ')}${where}`, divergesAt }];
  return [{ kind: 'compression', detail: `same zstd frame parameters; the compressed data differs (another level or zstd version)${where}`, divergesAt }];
}
