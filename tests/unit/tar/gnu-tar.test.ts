/**
 * Archives written by the real GNU tar 1.34: each format and extension is read, and every
 * regular file's data is checked against what GNU tar itself extracts.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readBytes, sh, tempDir } from '../../support/tools';
import { TarParser, type TarEntry } from '../../../src/formats/tar';
import { collect, sha256, type Collected } from './collect';
import { FIXTURES, gnuTarFixture, sparseSource } from './fixtures';

const byName = (c: Collected, name: string): TarEntry => {
  const e = c.entries.find((x) => x.name === name);
  if (!e) throw new Error(`no entry ${name} in ${c.entries.map((x) => x.name).join(', ')}`);
  return e;
};
const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');
const LONG_DIR = 'd/long-' + 'a'.repeat(150) + '/';
const LONG_FILE = LONG_DIR + 'file-in-long-dir';
const LONG_TARGET = 't'.repeat(130);

const parsed = new Map<string, Collected>();
function get(name: string): Collected {
  let c = parsed.get(name);
  if (!c) parsed.set(name, (c = collect(readBytes(gnuTarFixture(name)))));
  return c;
}

describe('GNU tar fixtures: structure common to all', () => {
  for (const name of FIXTURES) {
    it(`${name}: end marker, record padding, offsets`, () => {
      const bytes = readBytes(gnuTarFixture(name));
      const c = get(name);
      // GNU tar pads the archive to its 10240-byte record (GNU tar manual, "Blocking").
      expect(bytes.length % 10240).toBe(0);
      expect(c.summary).toMatchObject({ sawEndMarker: true, zeroBlocks: 2, trailingGarbage: false, entries: c.entries.length });
      expect(c.summary.endOffset + 1024 + c.summary.trailingBytes).toBe(bytes.length);
      let next = 0;
      for (const [i, e] of c.entries.entries()) {
        expect(e.index).toBe(i);
        // A leading global header belongs to no entry, so entry 0 may start after it.
        if (i > 0 || c.summary.globalPax.length === 0) expect(e.headerOffset).toBe(next);
        expect(e.blockOffset).toBeGreaterThanOrEqual(e.headerOffset);
        expect(e.dataOffset).toBeGreaterThanOrEqual(e.blockOffset + 512);
        expect(c.lengths[i]).toBe(e.size);
        next = e.dataOffset + Math.ceil(e.size / 512) * 512;
      }
      expect(c.summary.endOffset).toBe(next);
    });
  }
});

describe('GNU tar fixtures: data equals what GNU tar extracts', () => {
  for (const name of FIXTURES.filter((n) => !n.startsWith('sparse'))) {
    it(name, () => {
      const dir = tempDir('tarscope-x-');
      try {
        sh(`cd "${dir}" && tar -xf "${gnuTarFixture(name)}" 2>/dev/null || true`);
        const c = get(name);
        let checked = 0;
        c.entries.forEach((e, i) => {
          if (e.type !== 'file' && e.type !== 'contiguous') return;
          const onDisk = join(dir, e.name);
          expect(existsSync(onDisk), e.name).toBe(true);
          expect(c.hashes[i], e.name).toBe(sha256(readFileSync(onDisk)));
          checked++;
        });
        expect(checked).toBeGreaterThan(5);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('formats', () => {
  it('ustar: magic, types, devices, modes', () => {
    const c = get('ustar.tar');
    expect(new Set(c.entries.map((e) => e.headerFormat))).toEqual(new Set(['ustar']));
    const types = new Set(c.entries.map((e) => e.type));
    for (const t of ['dir', 'file', 'symlink', 'hardlink', 'fifo', 'chardev', 'blockdev']) expect(types).toContain(t);
    expect(byName(c, 'd/chr')).toMatchObject({ type: 'chardev', typeflag: '3', devmajor: 1, devminor: 3 });
    expect(byName(c, 'd/blk')).toMatchObject({ type: 'blockdev', typeflag: '4', devmajor: 7, devminor: 0 });
    expect(byName(c, 'd/sym')).toMatchObject({ type: 'symlink', linkname: 'file.txt', size: 0 });
    expect(byName(c, 'd/seq.txt').mode).toBe(0o4755);
    expect(byName(c, 'd/sub/').mode).toBe(0o1777);
    expect(byName(c, 'd/file.txt').mtime).toBe(1700000000);
    expect(byName(c, 'd/ünïcödé').size).toBe(1);
    expect(byName(c, 'd/new\nline').size).toBe(2);
    // one of the two links is the file, the other a hard link to it
    const links = c.entries.filter((e) => e.name === 'd/hard' || e.name === 'd/file.txt');
    expect(links.map((e) => e.type).sort()).toEqual(['file', 'hardlink']);
    const hl = links.find((e) => e.type === 'hardlink')!;
    expect(hl.linkname).toBe(links.find((e) => e.type === 'file')!.name);
  });

  it('v7: no magic, names only', () => {
    const c = get('v7.tar');
    expect(new Set(c.entries.map((e) => e.headerFormat))).toEqual(new Set(['v7']));
    expect(c.entries.every((e) => e.uname === '' && e.gname === '')).toBe(true);
    expect(byName(c, 'd/').type).toBe('dir');
  });

  it('gnu: ././@LongLink L and K entries', () => {
    for (const f of ['gnu.tar', 'oldgnu.tar']) {
      const c = get(f);
      expect(new Set(c.entries.map((e) => e.headerFormat))).toEqual(new Set(['gnu']));
      const long = byName(c, LONG_FILE);
      expect(long.longName).toBe('gnu');
      // L header + its 1 data block... name is 176 bytes + NUL: one block
      expect(long.blockOffset - long.headerOffset).toBe(1024);
      expect(byName(c, LONG_DIR)).toMatchObject({ type: 'dir', longName: 'gnu' });
      const link = byName(c, 'd/long-link');
      expect(link).toMatchObject({ type: 'symlink', linkname: LONG_TARGET, longLink: 'gnu' });
      expect(link.longName).toBeUndefined();
      expect(c.entries.some((e) => e.name === '././@LongLink')).toBe(false);
    }
  });

  it('gnu: base-256 for uid/gid over 2097151 and negative mtime', () => {
    const c = get('gnu-base256.tar');
    for (const e of c.entries) {
      expect(e.uid).toBe(3000000);
      expect(e.gid).toBe(4000000);
      expect(e.uname).toBe('big');
      expect(e.base256).toEqual(expect.arrayContaining(['uid', 'gid']));
    }
    const old = byName(c, 'd/old');
    expect(old.mtime).toBe(-2147483648);
    expect(old.base256).toContain('mtime');
    expect(byName(get('gnu.tar'), 'd/old').base256).toEqual(['mtime']);
  });

  it('gnu incremental: D dumpdir entries and GNU atime/ctime fields', () => {
    const c = get('gnu-incremental.tar');
    const dirs = c.entries.filter((e) => e.typeflag === 'D');
    expect(dirs.length).toBeGreaterThan(2);
    for (const d of dirs) {
      expect(d.type).toBe('dir');
      expect(d.size).toBeGreaterThan(0); // the dumpdir listing is data
      expect(typeof d.atime).toBe('number');
      expect(typeof d.ctime).toBe('number');
    }
  });

  it('posix: pax path/linkpath, sub-second times, atime/ctime, xattrs', () => {
    const c = get('posix.tar');
    const long = byName(c, LONG_FILE);
    expect(long.longName).toBe('pax');
    expect(long.pax?.path).toBe(LONG_FILE);
    // GNU tar names it %d/PaxHeaders/%f and cuts that to the 100-byte name field.
    expect(long.paxHeaderName).toBe(`${LONG_DIR}PaxHeaders/file-in-long-dir`.slice(0, 100));
    expect(byName(c, 'd/file.txt').paxHeaderName).toBe('d/PaxHeaders/file.txt');
    expect(byName(c, 'd/long-link')).toMatchObject({ linkname: LONG_TARGET, longLink: 'pax' });
    for (const e of c.entries) {
      expect(e.headerFormat).toBe('ustar');
      // GNU tar writes a pax mtime only when the header cannot hold it (sub-second or negative).
      if (e.pax?.mtime !== undefined) expect(e.mtime).toBeCloseTo(Number(e.pax.mtime), 6);
      else expect(Number.isInteger(e.mtime)).toBe(true);
      expect(e.atime).toBeCloseTo(Number(e.pax!.atime), 6);
      expect(e.ctime).toBeCloseTo(Number(e.pax!.ctime), 6);
      expect(e.headerOffset).toBeLessThan(e.blockOffset);
    }
    const x = byName(c, 'd/xattr');
    expect(x.xattrs).toEqual({ 'user.text': b64('hello'), 'user.bin': b64(new Uint8Array([0, 1, 255, 10])) });
    expect(x.pax?.['SCHILY.xattr.user.text']).toBe('hello');
    // unicode names come through pax path records? GNU tar writes them in the header when ASCII-safe
    expect(byName(c, 'd/ünïcödé').size).toBe(1);
  });

  it('posix: pax header names with the pid, and a global header', () => {
    const c = get('posix-pax-names.tar');
    const f = byName(c, 'd/file.txt');
    expect(f.paxHeaderName).toMatch(/^d\/PaxHeaders\.\d+\/file\.txt$/);
    const g = { comment: 'made by tarscope tests', 'tarscope.note': 'global' };
    expect(c.summary.globalPax).toEqual([g]);
    for (const e of c.entries) expect(e.globalPax).toEqual(g);
    // the global header is not an entry and does not count into headerOffset of entry 0
    expect(c.entries[0].headerOffset).toBeGreaterThan(0);
  });

  it('posix: uid/gid too big for octal go to pax records, not base-256', () => {
    const c = get('posix-base256.tar');
    for (const e of c.entries) {
      expect(e.uid).toBe(3000000);
      expect(e.gid).toBe(4000000);
      expect(e.pax?.uid).toBe('3000000');
    }
    expect(byName(c, 'd/old').mtime).toBe(-2147483648);
  });
});

describe('sparse files', () => {
  let original: string;
  let size: number;
  beforeAll(() => {
    const src = sparseSource();
    const buf = readFileSync(src.file);
    original = sha256(buf);
    size = buf.length;
    rmSync(src.dir, { recursive: true, force: true });
  });

  const cases: [string, string][] = [
    ['sparse-gnu.tar', 'old-gnu'],
    ['sparse-0.0.tar', '0.0'],
    ['sparse-0.1.tar', '0.1'],
    ['sparse-1.0.tar', '1.0'],
  ];
  for (const [fixture, format] of cases) {
    it(`${fixture}: map + stored chunks rebuild the original file`, () => {
      const bytes = readBytes(gnuTarFixture(fixture));
      let sparse: TarEntry | undefined;
      const parts: Uint8Array[] = [];
      const p = new TarParser({
        entry(e) {
          if (e.name !== 's/sparse') return;
          sparse = e;
          return { data: (c) => parts.push(c.slice()), end() {} };
        },
      });
      p.write(bytes);
      p.end();
      expect(sparse).toMatchObject({ type: 'sparse', sparseFormat: format, realSize: size });
      const map = sparse!.sparseMap!;
      expect(map.length).toBeGreaterThanOrEqual(30);
      const stored = Buffer.concat(parts);
      expect(stored.length).toBe(sparse!.size);
      expect(map.reduce((n, c) => n + c.size, 0)).toBe(sparse!.size);
      // expand: zeros for holes, stored bytes for chunks
      const h = createHash('sha256');
      const zeros = new Uint8Array(1 << 20);
      let pos = 0;
      let src = 0;
      const hole = (n: number) => {
        while (n > 0) {
          const k = Math.min(n, zeros.length);
          h.update(zeros.subarray(0, k));
          n -= k;
        }
      };
      for (const chunk of map) {
        hole(chunk.offset - pos);
        h.update(stored.subarray(src, src + chunk.size));
        src += chunk.size;
        pos = chunk.offset + chunk.size;
      }
      hole(size - pos);
      expect(h.digest('hex')).toBe(original);
      if (format === 'old-gnu') {
        // 30+ chunks: 4 in the header, the rest in extension blocks before the data
        expect(sparse!.dataOffset - sparse!.blockOffset).toBe(512 * (1 + Math.ceil((map.length - 4) / 21)));
      }
      if (format === '1.0') {
        expect(sparse!.pax?.['GNU.sparse.name']).toBe('s/sparse');
        expect(sparse!.dataOffset - sparse!.blockOffset).toBeGreaterThan(512); // the map precedes the data
      }
    });
  }
});
