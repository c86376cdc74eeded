/**
 * Parser rules that other implementations' test archives (../shared/corpus-tar-suites,
 * tests/corpus/tar-suites.test.ts) showed tarscope had wrong, each rebuilt here as a tiny
 * archive so it is tested without that folder; and the warnings a tar reader gives
 * (issue 12, point 4): tarscope reads on, and says so.
 */
import { describe, it, expect } from 'vitest';
import { buildTar, concat } from '../../builders/tar';
import { collect } from './collect';

function setField(tar: Uint8Array, headerAt: number, off: number, bytes: number[]): Uint8Array {
  const t = tar.slice();
  t.set(bytes, headerAt + off);
  // re-sum the header (POSIX unsigned, chksum field as spaces)
  t.fill(0x20, headerAt + 148, headerAt + 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += t[headerAt + i];
  t.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), headerAt + 148);
  return t;
}

describe('rules from other implementations’ archives', () => {
  it('a ustar hard link carries no data whatever its size field says (libarchive test_compat_tar_hardlink_1)', () => {
    const tar = buildTar([
      { name: 'f', data: 'x'.repeat(321) },
      { name: 'h', typeflag: '1', linkname: 'f', sizeField: 321 },
      { name: 'next', data: 'n' },
    ]);
    const c = collect(tar);
    expect(c.entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['f', 'file', 321],
      ['h', 'hardlink', 0],
      ['next', 'file', 1],
    ]);
  });

  it('a pax size record gives a hard link data (POSIX pax)', () => {
    const c = collect(buildTar([{ name: 'h', typeflag: '1', linkname: 'f', data: 'abc', pax: { size: '3' } }, { name: 'next' }]));
    expect(c.entries.map((e) => [e.name, e.size])).toEqual([
      ['h', 3],
      ['next', 0],
    ]);
    expect(c.lengths).toEqual([3, 0]);
  });

  it('a numeric field that starts with NUL reads as 0, as GNU tar does (libarchive test_read_format_tar_timestamp_overflow)', () => {
    // size field: NULs, then digits after them
    const tar = setField(buildTar([{ name: 'f' }]), 0, 124, [0, 0, 0, 0, 0, 0, 0, 0x30, 0x30, 0x31, 0x36, 0]);
    expect(collect(tar).entries[0].size).toBe(0);
  });

  it('GNU atime that is not a number is left out, not fatal (Go archive/tar invalid-go17.tar)', () => {
    const tar = setField(
      buildTar([{ name: 'f', format: 'gnu' }]),
      0,
      345,
      [...'aaaaaaaaaaa'].map((c) => c.charCodeAt(0)),
    );
    const e = collect(tar).entries[0];
    expect(e.name).toBe('f');
    expect(e.atime).toBeUndefined();
  });

  it('of several pax x headers in a row the last one is used, as GNU tar and Go do (pax-multi-hdrs.tar)', () => {
    const first = buildTar([{ name: 'ignored', pax: { path: 'PAX1' } }]).slice(0, 1024); // x header + its data
    const rest = buildTar([{ name: 'bar', typeflag: '2', linkname: 'x', pax: { linkpath: 'PAX2' } }]);
    const c = collect(concat([first, rest]));
    expect(c.entries.map((e) => [e.name, e.linkname])).toEqual([['bar', 'PAX2']]);
  });
});

describe('warnings (issue 12, point 4)', () => {
  it('none for a well-formed archive', () => {
    expect(collect(buildTar([{ name: 'a', data: 'x' }])).summary.warnings).toEqual([]);
  });

  it('no end-of-archive marker: may be truncated', () => {
    const c = collect(buildTar([{ name: 'a', data: 'x' }], { endBlocks: 0 }));
    expect(c.summary.warnings).toEqual([
      {
        code: 'no-end-marker',
        offset: 1024,
        count: 1,
        message: 'tar: no end-of-archive marker: the archive ends at offset 1024 right after an entry, and may be truncated',
      },
    ]);
  });

  it('a lone zero block', () => {
    const c = collect(buildTar([{ name: 'a' }], { endBlocks: 1 }));
    expect(c.summary.warnings.map((w) => [w.code, w.offset])).toEqual([['lone-zero-block', 512]]);
  });

  it('trailing garbage after the marker, and a short final record', () => {
    const c = collect(concat([buildTar([{ name: 'a' }]), new Uint8Array([0, 7, 0])]));
    expect(c.summary.warnings.map((w) => w.message)).toEqual([
      'tar: 3 bytes after the end-of-archive marker at offset 1536 are not all zeros',
      'tar: the last record is short: 3 bytes after the end-of-archive marker at offset 1536 are not whole 512-byte blocks',
    ]);
  });

  it('a checksum that only matches as signed bytes, counted once per archive', () => {
    const hi = new Uint8Array([0xc3, 0xa9]); // "é": bytes >= 0x80 make the sums differ
    const c = collect(
      buildTar([
        { name: 'a', nameBytes: hi, signedChecksum: true },
        { name: 'b', nameBytes: hi, signedChecksum: true },
      ]),
    );
    expect(c.entries.length).toBe(2);
    expect(c.summary.warnings).toEqual([
      {
        code: 'signed-checksum',
        offset: 0,
        count: 2,
        message: 'tar: the header checksum at offset 0 matches only when summed as signed bytes (old Sun/GNU writers)',
      },
    ]);
  });
});

describe('pax names', () => {
  it('a NUL ends a pax path, as GNU tar and bsdtar read it (Go archive/tar pax-nul-path.tar)', () => {
    const c = collect(buildTar([{ name: 'short', pax: { path: 'long\0rest' } }]));
    expect(c.entries[0].name).toBe('long');
  });
});
