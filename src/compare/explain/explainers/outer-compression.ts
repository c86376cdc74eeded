/**
 * archive.outer-compression: the whole file is compressed (`docker save | gzip`) and only
 * the compression differs: gzip header fields (RFC 1952 §2.3: MTIME, OS, XFL, FNAME), the
 * deflate stream (sizes/CRC when the tar inside is the same), the algorithm, zstd frames.
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { isoTime, list, show } from '../format';

export const GZIP_NAMES: Record<string, string> = {
  mtime: 'MTIME',
  os: 'OS',
  xfl: 'XFL',
  fname: 'FNAME',
  fcomment: 'FCOMMENT',
  extra: 'FEXTRA',
  flags: 'FLG',
  hcrc: 'FHCRC',
  method: 'CM',
  ftext: 'FTEXT',
};

/** "gzip header MTIME", "gzip.members", "algorithm" */
const OTHER_NAMES: Record<string, string> = {
  'gzip.members': 'number of gzip members',
  'gzip.trailingBytes': 'bytes after the last gzip member',
  'zstd.frames': 'number of zstd frames',
  'zstd.skippableFrames': 'number of skippable zstd frames',
  'zstd.windowSize': 'zstd window size',
  'zstd.contentSize': 'zstd frame content size',
  'zstd.checksum': 'zstd content checksum flag',
  'zstd.singleSegment': 'zstd single-segment flag',
  'zstd.dictionaryId': 'zstd dictionary id',
  'zstd.compressedSize': 'zstd compressed size',
  'zstd.kind': 'zstd frame kind',
  'zstd.trailingBytes': 'bytes after the last zstd frame',
};

function name(field: string): string {
  if (field === 'algorithm') return 'compression algorithm';
  const m = /^gzip\.(\w+)$/.exec(field);
  if (m && GZIP_NAMES[m[1]]) return `gzip header ${GZIP_NAMES[m[1]]}`;
  if (/^gzip\.(compressedSize|crc32|uncompressedSize)$/.test(field)) return 'deflate stream';
  return OTHER_NAMES[field] ?? field;
}

/** Evidence label: the deflate stream's fields by their own names. */
function label(field: string): string {
  if (field === 'gzip.compressedSize') return 'deflate stream, compressed size';
  if (field === 'gzip.uncompressedSize') return 'deflate stream, uncompressed size (ISIZE)';
  if (field === 'gzip.crc32') return 'deflate stream, CRC-32';
  return name(field);
}

function value(field: string, v: unknown): string {
  return field === 'gzip.mtime' && typeof v === 'number' ? `${v} (${v === 0 ? 'unset' : isoTime(v)})` : show(v as never);
}

export const outerCompressionExplainer: Explainer<'outer-compression'> = {
  name: 'outer compression',
  subjects: ['outer-compression'],
  ids: ['archive.outer-compression'],
  claim: () => 'archive.outer-compression',
  describe(id, roots, ctx) {
    const names = [...new Set(roots.map((d) => name(d.field ?? '')))];
    const alg = roots.find((d) => d.field === 'algorithm');
    // Whether the tar inside is the same: no other root anywhere (ignored ones count: they differ).
    const inside = ctx.diff.differences.some((d) => d.follows === undefined && d.subject !== 'outer-compression' && d.subject !== 'input')
      ? '; the archive inside differs too (see the other causes)'
      : '; the archive inside is the same';
    // (Sizes and CRCs of the deflate stream follow the inside's roots when it differs: differ README.)
    const summary = alg
      ? `The whole archive is compressed with ${show(alg.a)} in A and ${show(alg.b)} in B${inside}`
      : `The whole archive is compressed differently: ${list(names, 5)} ${names.length === 1 ? 'differs' : 'differ'}${names.includes('deflate stream') ? ' (another compressor or level)' : ''}${inside}`;
    return {
      summary,
      phrase: alg ? `the archive is compressed with ${show(alg.a)} vs ${show(alg.b)}` : `the archive's own compression differs (${list(names)})`,
      evidence: evidence(
        roots,
        ctx,
        (d) => `${label(d.field ?? '')}${d.facts?.member ? ` (member ${d.facts.member})` : ''}: ${value(d.field ?? '', d.a)} → ${value(d.field ?? '', d.b)}`,
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
