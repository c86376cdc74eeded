/**
 * Differential test against the reference reader: for every entry, what GNU tar's own
 * listing (`tar -tvv --numeric-owner --full-time`, TZ=UTC, C locale) prints must equal
 * what tarscope reports: type and mode string, uid/gid, size (major,minor for devices,
 * the expanded size for sparse files), mtime, name and link target.
 */
import { describe, it, expect } from 'vitest';
import { readBytes, sh } from '../../support/tools';
import type { TarEntry } from '../../../src/formats/tar';
import { collect } from './collect';
import { FIXTURES, gnuTarFixture, systemDirFixture } from './fixtures';

const enc = new TextEncoder();

/** GNU tar's default quoting ("escape" style of gnulib quotearg) in the C locale. */
function quote(name: string): string {
  const C: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  let out = '';
  for (const b of enc.encode(name)) {
    if (C[b]) out += C[b];
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\' + b.toString(8).padStart(3, '0');
  }
  return out;
}

/** The mode column of `tar -tv` (GNU tar list.c print_header / decode_mode). */
function modeString(e: TarEntry): string {
  const typeChar: Record<string, string> = {
    '1': 'h',
    '2': 'l',
    '3': 'c',
    '4': 'b',
    '5': 'd',
    '6': 'p',
    '7': 'C',
    D: 'd',
    S: '-',
    '0': '-',
    '\0': '-',
  };
  let t = typeChar[e.typeflag] ?? '?';
  if ((e.typeflag === '0' || e.typeflag === '\0' || e.typeflag === 'S') && e.name.endsWith('/')) t = 'd';
  const m = e.mode;
  const bit = (mask: number, c: string) => (m & mask ? c : '-');
  const special = (x: number, xmask: number, smask: number, s: string) => (m & smask ? (m & xmask ? s : s.toUpperCase()) : x ? 'x' : '-');
  return (
    t +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(m & 0o100, 0o100, 0o4000, 's') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(m & 0o010, 0o010, 0o2000, 's') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(m & 0o001, 0o001, 0o1000, 't')
  );
}

interface Listed {
  mode: string;
  uid: number;
  gid: number;
  size: string;
  time: number;
  rest: string;
}

function listWithGnuTar(file: string): Listed[] {
  const out = sh(`tar -tvv --numeric-owner --full-time -f "${file}"`, { env: { TZ: 'UTC', LC_ALL: 'C' } });
  // The time column is padded when some times have a fraction and others not.
  const lines = out.split('\n').filter((l) => l !== '');
  return lines.map((l) => {
    const m = /^(\S{10}) (\d+)\/(\d+) +(\S+) (-?\d+-\d\d-\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)? +(.*)$/.exec(l);
    if (!m) throw new Error(`unexpected tar -tv line: ${l}`);
    const [y, mo, d] = m[5].split(/(?<=\d)-/).map(Number);
    // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900+.
    const dt = new Date(0);
    dt.setUTCFullYear(y, mo - 1, d);
    dt.setUTCHours(+m[6], +m[7], +m[8], 0);
    return { mode: m[1], uid: +m[2], gid: +m[3], size: m[4], time: dt.getTime() / 1000 + (m[9] ? Number(m[9]) : 0), rest: m[10] };
  });
}

function expectSameListing(file: string): number {
  const listed = listWithGnuTar(file);
  const { entries } = collect(readBytes(file));
  expect(entries.length).toBe(listed.length);
  entries.forEach((e, i) => {
    const l = listed[i];
    const where = `${file} entry ${i} (${e.name})`;
    expect(modeString(e), where).toBe(l.mode);
    expect([e.uid, e.gid], where).toEqual([l.uid, l.gid]);
    const size = e.type === 'chardev' || e.type === 'blockdev' ? `${e.devmajor},${e.devminor}` : String(e.realSize ?? e.size);
    expect(size, where).toBe(l.size);
    // pax times have 9 decimals; a double keeps ~7 at today's epoch
    expect(Math.abs(e.mtime - l.time), `${where}: mtime ${e.mtime} vs ${l.time}`).toBeLessThan(1e-6);
    let rest = quote(e.name);
    if (e.type === 'symlink') rest += ` -> ${quote(e.linkname)}`;
    if (e.type === 'hardlink') rest += ` link to ${quote(e.linkname)}`;
    expect(rest, where).toBe(l.rest);
  });
  return entries.length;
}

describe('differential: tar -tvv of the same archive', () => {
  for (const name of FIXTURES) {
    it(name, () => {
      expect(expectSameListing(gnuTarFixture(name))).toBeGreaterThan(2);
    });
  }

  it('GNU tar archive of /etc (gnu format)', () => {
    expect(expectSameListing(systemDirFixture('system-etc-gnu.tar', '/etc', 'gnu'))).toBeGreaterThan(100);
  });

  it('GNU tar archive of /etc (posix format)', () => {
    expect(expectSameListing(systemDirFixture('system-etc-posix.tar', '/etc', 'posix'))).toBeGreaterThan(100);
  });

  it('GNU tar archive of /usr/share/doc (gnu format)', () => {
    expect(expectSameListing(systemDirFixture('system-doc-gnu.tar', '/usr/share/doc', 'gnu'))).toBeGreaterThan(500);
  });
});
