/**
 * Compression of the whole file (`docker save | gzip`): one difference per differing field
 * (compression.ts). Header fields (MTIME, OS, FNAME… RFC 1952 §2.3) are roots of their own;
 * sizes and CRCs follow the tar inside when that differs too (`tarRoot`), and are roots
 * otherwise (the same tar compressed into another deflate/zstd stream).
 */
import type { InputReport } from '../../report/types';
import type { Collector } from './emit';
import { compressionFields } from './compression';

const DERIVED = /^(gzip\.(compressedSize|uncompressedSize|crc32)|zstd\.(compressedSize|uncompressedSize|contentSize))$/;

export function diffOuterCompression(c: Collector, a: InputReport, b: InputReport, tarRoot: string | undefined): void {
  for (const f of compressionFields(a.format.outerCompression, b.format.outerCompression)) {
    const at = f.member !== undefined ? `:m${f.member}` : f.frame !== undefined ? `:f${f.frame}` : '';
    const derived = DERIVED.test(f.field);
    c.add({
      id: `outer-compression:${f.field}${at}`,
      subject: 'outer-compression',
      kind: 'changed',
      scope: {},
      field: f.field,
      a: f.a,
      b: f.b,
      follows: derived ? tarRoot : undefined,
      facts: {
        ...(f.member !== undefined ? { member: f.member } : {}),
        ...(f.frame !== undefined ? { frame: f.frame } : {}),
        ...(f.header ? { header: true } : {}),
        ...(derived && !tarRoot ? { streamOnly: true } : {}),
      },
    });
  }
}
