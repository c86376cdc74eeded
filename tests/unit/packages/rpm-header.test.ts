/**
 * rpm-header.ts on crafted headers: the layout of rpm's lib/header.c (il, dl, 16-byte index
 * entries, data store, big-endian), and every way a blob can lie about itself — each one a
 * named error, never a read outside the blob.
 */
import { describe, expect, it } from 'vitest';
import { parseRpmHeader, RpmHeader, RpmHeaderError, TAG, TYPE } from '../../../src/packages/rpm-header';
import { type HeaderEntry, rpmHeader } from '../../builders/rpm-header';

type E = HeaderEntry;
const header = rpmHeader;

const str = (tag: number, s: string): E => ({ tag, type: TYPE.STRING, value: [s] });
const BASIC: E[] = [
  str(TAG.NAME, 'bash'),
  str(TAG.VERSION, '5.1.8'),
  str(TAG.RELEASE, '9.el9'),
  { tag: TAG.EPOCH, type: TYPE.INT32, value: [0] },
  { tag: TAG.SIZE, type: TYPE.INT32, value: [7738634] },
  str(TAG.LICENSE, 'GPLv3+'),
  str(TAG.ARCH, 'x86_64'),
  str(TAG.SOURCERPM, 'bash-5.1.8-9.el9.src.rpm'),
  { tag: TAG.DIRINDEXES, type: TYPE.INT32, value: [0, 0, 1] },
  { tag: TAG.BASENAMES, type: TYPE.STRING_ARRAY, value: ['bash', 'sh', 'bashrc'] },
  { tag: TAG.DIRNAMES, type: TYPE.STRING_ARRAY, value: ['/usr/bin/', '/etc/'] },
];

describe('parseRpmHeader', () => {
  it('reads name, epoch:version-release, arch, size, license, source rpm and the file paths', () => {
    const rec = parseRpmHeader(header(BASIC), 'row 1');
    expect(rec).toEqual({
      ecosystem: 'rpm',
      name: 'bash',
      version: '0:5.1.8-9.el9',
      arch: 'x86_64',
      license: 'GPLv3+',
      installedSize: 7738634,
      source: 'bash-5.1.8-9.el9.src.rpm',
      files: ['usr/bin/bash', 'usr/bin/sh', 'etc/bashrc'],
    });
  });

  it('reads a header that starts with the magic (as in a .rpm file) the same', () => {
    expect(parseRpmHeader(header(BASIC, { magic: true }), 'x')).toEqual(parseRpmHeader(header(BASIC), 'x'));
  });

  it('leaves out the epoch when the package has none, and files when it lists none', () => {
    const rec = parseRpmHeader(header([str(TAG.NAME, 'gpg-pubkey'), str(TAG.VERSION, 'fd431d51'), str(TAG.RELEASE, '4ae0493b')]), 'row 2');
    expect(rec).toEqual({ ecosystem: 'rpm', name: 'gpg-pubkey', version: 'fd431d51-4ae0493b' });
  });

  it('names the row in every error', () => {
    const bad = (blob: Uint8Array) => () => parseRpmHeader(blob, 'rpmdb.sqlite Packages row hnum 7');
    const full = header(BASIC);
    // truncated: the data store is cut
    expect(bad(full.subarray(0, full.length - 3))).toThrow(/^rpmdb.sqlite Packages row hnum 7: truncated: il 11 and dl \d+ need \d+ bytes, the blob has \d+$/);
    expect(bad(new Uint8Array(5))).toThrow('row hnum 7: 5 bytes: too short for a header');
    // wrong magic: bytes that are no header (il read as 0x7f454c46)
    expect(bad(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))).toThrow(/index entries \(expected 1 to 65536\): not an RPM header/);
    expect(bad(header([]))).toThrow(/0 index entries/);
  });

  it('refuses offsets and counts that point outside the data store', () => {
    const blob = header(BASIC);
    const v = new DataView(blob.buffer);
    const dl = v.getUint32(4);
    const entry = (i: number, field: number) => 8 + i * 16 + field * 4;
    const patch = (i: number, field: number, n: number) => {
      const b = new Uint8Array(blob);
      new DataView(b.buffer).setUint32(entry(i, field), n);
      return () => parseRpmHeader(b, 'row 3');
    };
    expect(patch(0, 2, dl + 1)).toThrow(`row 3: entry 0 (tag 1000): offset ${dl + 1} beyond the data store (${dl} bytes)`);
    // SIZE (entry 4, INT32) with a count that runs past the end
    expect(patch(4, 3, 1 << 28)).toThrow(/row 3: entry 4 \(tag 1009\): 268435456 × 4 bytes at \d+ run past the data store/);
    expect(patch(1, 1, 42)).toThrow('row 3: entry 1 (tag 1001): unknown type 42');
    expect(patch(9, 3, 0)).toThrow('row 3: entry 9 (tag 1117): count 0');
    // BASENAMES claims more strings than the store holds: the last is not NUL-terminated
    expect(patch(9, 3, 1000)).toThrow(/row 3: tag 1117: string \d+ of 1000 at \d+ is not NUL-terminated inside the data store/);
    // NAME typed as INT32
    expect(patch(0, 1, TYPE.INT32)).toThrow('row 3: tag 1000: type 4, expected a string');
  });

  it('refuses a file list whose indexes do not match', () => {
    const e = BASIC.map((x) => (x.tag === TAG.DIRINDEXES ? { ...x, value: [0, 0, 5] } : x));
    expect(() => parseRpmHeader(header(e), 'row 4')).toThrow('row 4: DIRINDEXES[2] = 5, beyond the 2 DIRNAMES');
    const short = BASIC.map((x) => (x.tag === TAG.DIRINDEXES ? { ...x, value: [0, 0] } : x));
    expect(() => parseRpmHeader(header(short), 'row 4')).toThrow('row 4: 3 BASENAMES but 2 DIRINDEXES');
  });

  it('says which tag is missing', () => {
    expect(() => parseRpmHeader(header([str(TAG.VERSION, '1')]), 'row 5')).toThrow(RpmHeaderError);
    expect(() => parseRpmHeader(header([str(TAG.VERSION, '1')]), 'row 5')).toThrow('row 5: no NAME or VERSION tag');
  });

  it('reads an INT64 size (LONGSIZE) before the 32-bit one', () => {
    const big = 2 ** 32 + 5;
    const rec = parseRpmHeader(header([...BASIC, { tag: TAG.LONGSIZE, type: TYPE.INT64, value: [big] }]), 'x');
    expect(rec.installedSize).toBe(big);
    expect(new RpmHeader(header(BASIC), 'x').has(TAG.LONGSIZE)).toBe(false);
  });
});
