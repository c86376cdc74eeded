/**
 * A scanned blob's records cross from the job Worker to the coordinator as JSON text
 * (src/engine/records-wire.ts): what arrives equals what was scanned, names that are not
 * well-formed UTF-16 (a lone surrogate, from a tar name decoded as it was written) included.
 */
import { describe, expect, it } from 'vitest';
import { packBlobResult, unpackBlobResult } from '../../../src/engine/records-wire';
import type { BlobResult } from '../../../src/engine/blob-sink';
import type { FileRecord } from '../../../src/report/types';

const rec = (path: string, extra: Partial<FileRecord> = {}): FileRecord => ({
  path,
  rawName: path,
  type: 'file',
  typeflag: '0',
  size: 3,
  mode: 0o644,
  uid: 0,
  gid: 0,
  uname: 'root',
  gname: 'root',
  mtime: 1_700_000_000.25,
  format: 'ustar',
  offset: 512,
  index: 1,
  ...extra,
});

describe('records on the wire', () => {
  it('a layer’s records and a partial list arrive equal, as text on the way', () => {
    const files = [
      rec('a'),
      rec('lone\ud800surrogate', { pax: { path: 'lone\ud800surrogate', 'SCHILY.xattr.user.x': 'v' }, xattrs: { 'user.x': 'v' } }),
      rec('dev', { type: 'chardev', devmajor: 1, devminor: 3, linkname: 'x' }),
    ];
    const r: BlobResult = {
      size: 10,
      sha256: null,
      compression: null,
      layer: { diffId: null, uncompressedSize: 10, isTar: true, files, tar: null },
      error: null,
    };
    const wire = structuredClone(packBlobResult(r));
    expect(typeof wire.layer?.files).toBe('string');
    expect(unpackBlobResult(wire)).toEqual(r);
    expect(unpackBlobResult(wire).layer?.files[1].path).toBe('lone\ud800surrogate');
    const partial: BlobResult = { size: 10, sha256: null, compression: null, layer: null, partialFiles: [rec('b')], error: null };
    expect(unpackBlobResult(structuredClone(packBlobResult(partial)))).toEqual(partial);
    const none: BlobResult = { size: 0, sha256: null, compression: null, layer: null, error: null };
    expect(unpackBlobResult(packBlobResult(none))).toEqual(none);
  });
});
