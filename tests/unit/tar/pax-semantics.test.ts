/**
 * pax and header semantics on archives built in memory (tests/builders/tar.ts), for cases
 * GNU tar will not write on demand. Expected values follow POSIX.1-2017 pax ("pax Extended
 * Header": precedence, empty values, global headers) and the GNU tar manual.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sh, tempDir } from '../../support/tools';
import { buildTar, entryBlocks, concat } from '../../builders/tar';
import { collect, sha256 } from './collect';

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

/** What GNU tar lists for the same bytes (names and link targets, verbose). */
function gnuList(tar: Uint8Array): string[] {
  const dir = tempDir('tarscope-l-');
  try {
    writeFileSync(join(dir, 'a.tar'), tar);
    return sh('tar -tvv --numeric-owner --full-time -f a.tar', { cwd: dir, env: { TZ: 'UTC', LC_ALL: 'C' } })
      .split('\n')
      .filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('names', () => {
  it('ustar prefix + name', () => {
    const name = 'p'.repeat(60) + '/' + 'q'.repeat(60) + '/' + 'r'.repeat(90);
    const { entries } = collect(buildTar([{ name, data: 'x' }]));
    expect(entries[0]).toMatchObject({ name, longName: 'prefix', headerFormat: 'ustar' });
    expect(gnuList(buildTar([{ name, data: 'x' }]))[0].endsWith(' ' + name)).toBe(true);
  });

  it('precedence: pax path > GNU L > prefix; pax linkpath > GNU K', () => {
    const long = 'l'.repeat(150);
    const tar = concat([
      ...entryBlocks({ name: long, longName: 'gnu', format: 'gnu', data: 'a' }),
      ...entryBlocks({ name: long, longName: 'gnu', format: 'gnu', data: 'b', pax: { path: 'from-pax' } }),
      ...entryBlocks({ name: 's', typeflag: '2', linkname: 'k'.repeat(120), longName: 'gnu', format: 'gnu', pax: { linkpath: 'pax-target' } }),
      new Uint8Array(1024),
    ]);
    const { entries } = collect(tar);
    expect(entries.map((e) => [e.name, e.longName])).toEqual([
      [long, 'gnu'],
      ['from-pax', 'pax'],
      ['s', undefined],
    ]);
    expect(entries[2]).toMatchObject({ linkname: 'pax-target', longLink: 'pax' });
    expect(entries.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(gnuList(tar).map((l) => l.split(' ').pop())).toEqual([long, 'from-pax', 'pax-target']);
  });

  it('typeflag NUL and 0 with a trailing slash are directories (old writers)', () => {
    const { entries } = collect(
      buildTar([
        { name: 'old-dir/', typeflag: '\0' },
        { name: 'f', typeflag: '\0', data: 'x' },
        { name: 'c', typeflag: '7', data: 'y' },
      ]),
    );
    expect(entries.map((e) => e.type)).toEqual(['dir', 'file', 'contiguous']);
  });

  it('types from the builder: devices, fifo, unknown vendor type with data', () => {
    const { entries, hashes } = collect(
      buildTar([
        { name: 'c', typeflag: '3', devmajor: 136, devminor: 2 },
        { name: 'b', typeflag: '4', devmajor: 8, devminor: 1 },
        { name: 'p', typeflag: '6' },
        { name: 'x', typeflag: 'X', data: 'vendor' },
      ]),
    );
    expect(entries.map((e) => [e.type, e.devmajor, e.devminor])).toEqual([
      ['chardev', 136, 2],
      ['blockdev', 8, 1],
      ['fifo', 0, 0],
      ['unknown', 0, 0],
    ]);
    expect(entries[3].size).toBe(6);
    expect(hashes[3]).toBe(sha256(new TextEncoder().encode('vendor')));
  });

  it('a directory header with a non-zero size carries no data (GNU tar list.c skim_member)', () => {
    const tar = buildTar([
      { name: 'd/', typeflag: '5', sizeField: 512 },
      { name: 'd/f', data: 'x' },
    ]);
    const { entries } = collect(tar);
    expect(entries.map((e) => e.name)).toEqual(['d/', 'd/f']);
    expect(entries[0].size).toBe(0);
    expect(gnuList(tar)).toHaveLength(2);
  });
});

describe('pax records', () => {
  it('known keywords override the header', () => {
    const { entries, lengths } = collect(
      buildTar([
        {
          name: 'short',
          data: '12345',
          sizeField: 0,
          uid: 1,
          gid: 2,
          uname: 'u',
          gname: 'g',
          mtime: 10,
          pax: { size: '5', uid: '70000000', gid: '80000000', uname: 'pax-user', gname: 'pax-group', mtime: '-1.25', atime: '1.5', ctime: '2' },
        },
      ]),
    );
    expect(entries[0]).toMatchObject({ size: 5, uid: 70000000, gid: 80000000, uname: 'pax-user', gname: 'pax-group', mtime: -1.25, atime: 1.5, ctime: 2 });
    expect(lengths[0]).toBe(5);
  });

  it('values may contain "=" and newlines; lengths count UTF-8 bytes', () => {
    const { entries } = collect(buildTar([{ name: 'a', pax: { path: 'x=y\nz/é€😀', comment: '' } }]));
    expect(entries[0].name).toBe('x=y\nz/é€😀');
    expect(entries[0].pax).toEqual({ path: 'x=y\nz/é€😀', comment: '' });
  });

  it('global headers apply to what follows; x overrides g; an empty value deletes', () => {
    const tar = buildTar([
      { name: 'a', uname: 'hdr-a', globalPax: { uname: 'global', 'tarscope.k': '1' } },
      { name: 'b', uname: 'hdr-b', pax: { uname: 'local' } },
      { name: 'c', uname: 'hdr-c', pax: { uname: '' } },
      { name: 'd', uname: 'hdr-d', globalPax: { gname: 'g2' } },
    ]);
    const { entries, summary } = collect(tar);
    expect(entries.map((e) => e.uname)).toEqual(['global', 'local', 'hdr-c', 'global']);
    expect(entries[3].gname).toBe('g2');
    expect(summary.globalPax).toEqual([{ uname: 'global', 'tarscope.k': '1' }, { gname: 'g2' }]);
    expect(entries[0].globalPax).toEqual({ uname: 'global', 'tarscope.k': '1' });
    expect(entries[3].globalPax).toEqual({ uname: 'global', 'tarscope.k': '1', gname: 'g2' });
    expect(entries[2].pax).toEqual({ uname: '' });
    // the global header's blocks belong to no entry: entry 0 starts after them
    expect(entries[0].headerOffset).toBe(1024);
    expect(summary.entries).toBe(4);
    // GNU tar agrees on the owner names
    expect(gnuList(tar.slice())).toHaveLength(4);
  });

  it('pax header name is kept', () => {
    const { entries } = collect(buildTar([{ name: 'a', pax: { mtime: '1' }, paxHeaderName: './PaxHeaders.4242/a' }]));
    expect(entries[0].paxHeaderName).toBe('./PaxHeaders.4242/a');
    expect(entries[0]).toMatchObject({ headerOffset: 0, blockOffset: 1024, dataOffset: 1536 });
  });

  it('xattrs: SCHILY raw bytes and LIBARCHIVE base64 give the same canonical base64', () => {
    const { entries } = collect(
      buildTar([
        { name: 'a', pax: { 'SCHILY.xattr.user.x': 'hello', 'SCHILY.xattr.security.selinux': 'system_u:object_r:etc_t:s0\0' } },
        // libarchive: names URL-encoded, values base64 without padding
        { name: 'b', pax: { 'LIBARCHIVE.xattr.user.x': 'aGVsbG8', 'LIBARCHIVE.xattr.user.a%3Db': b64('v') } },
      ]),
    );
    expect(entries[0].xattrs).toEqual({ 'user.x': b64('hello'), 'security.selinux': b64('system_u:object_r:etc_t:s0\0') });
    expect(entries[1].xattrs).toEqual({ 'user.x': b64('hello'), 'user.a=b': b64('v') });
  });

  it('GNU sparse 0.1 map and name from records', () => {
    const { entries } = collect(
      buildTar([
        {
          name: './GNUSparseFile.1/f',
          data: 'a'.repeat(10),
          pax: { 'GNU.sparse.size': '1000', 'GNU.sparse.numblocks': '2', 'GNU.sparse.name': 'f', 'GNU.sparse.map': '0,4,996,6' },
        },
      ]),
    );
    expect(entries[0]).toMatchObject({
      name: 'f',
      type: 'sparse',
      typeflag: '0',
      sparseFormat: '0.1',
      realSize: 1000,
      sparseMap: [
        { offset: 0, size: 4 },
        { offset: 996, size: 6 },
      ],
      size: 10,
    });
  });

  it('GNU sparse 1.0 map in the data, read across chunk boundaries', () => {
    const map = '2\n0\n4\n996\n6\n';
    const data = new Uint8Array(512 + 10);
    data.set(new TextEncoder().encode(map));
    data.set(new TextEncoder().encode('abcdefghij'), 512);
    const tar = buildTar([
      { name: 'GNUSparseFile.0/f', data, pax: { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.name': 'f', 'GNU.sparse.realsize': '1000' } },
      { name: 'next', data: 'n' },
    ]);
    for (const sizes of [undefined, [1], [3], [600]]) {
      const c = collect(tar, sizes);
      expect(c.entries[0]).toMatchObject({
        name: 'f',
        sparseFormat: '1.0',
        realSize: 1000,
        size: 10,
        sparseMap: [
          { offset: 0, size: 4 },
          { offset: 996, size: 6 },
        ],
      });
      expect(c.entries[0].dataOffset).toBe(c.entries[0].blockOffset + 1024);
      expect(c.lengths[0]).toBe(10);
      expect(c.entries[1].name).toBe('next');
    }
  });

  it('GNU sparse 1.0 map that does not end inside its entry', () => {
    const tar = buildTar([{ name: 'f', data: '5\n0\n', pax: { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0' } }]);
    expect(() => collect(tar)).toThrow(/^tar: GNU sparse 1.0 map at offset 1536 runs past the end of its entry$/);
  });
});

describe('base-256 (GNU tar "Basic Tar Format")', () => {
  it('positive and negative values, reported per field', () => {
    const tar = buildTar([{ name: 'a', data: 'abc', uid: 2 ** 31 + 5, gid: 7, mtime: -86400 * 365 * 200, base256: ['uid', 'mtime', 'size', 'gid'] }]);
    const { entries, lengths } = collect(tar);
    expect(entries[0]).toMatchObject({ uid: 2 ** 31 + 5, gid: 7, mtime: -86400 * 365 * 200, size: 3 });
    expect(entries[0].base256).toEqual(['uid', 'gid', 'size', 'mtime']);
    expect(lengths[0]).toBe(3);
    const line = gnuList(tar)[0];
    expect(line).toContain(` ${2 ** 31 + 5}/7 `);
  });

  it('values past 2^53 are refused as unsupported', () => {
    const tar = buildTar([{ name: 'a', mtime: 1, base256: ['mtime'] }]);
    tar.set([0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 136);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : tar[i];
    tar.set(new TextEncoder().encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    expect(() => collect(tar)).toThrow('tar: the mtime field of the header at offset 0 does not fit in 2^53');
  });
});
