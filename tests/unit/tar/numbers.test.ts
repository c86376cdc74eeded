/**
 * Numeric fields and checksums. Vectors follow the encodings' definitions: POSIX ustar
 * octal ("terminated by one or more <space> or NUL"), GNU base-256 (GNU tar manual, "Basic
 * Tar Format": top bit set, two's complement), and the POSIX/historic checksum rules.
 */
import { describe, it, expect } from 'vitest';
import { readOctal, readBase256, readNumber } from '../../../src/formats/tar';
import { checksums, storedChecksum } from '../../../src/formats/tar/numbers';
import { buildTar } from '../../builders/tar';

const field = (s: string, len = s.length) => {
  const b = new Uint8Array(len);
  b.set(new TextEncoder().encode(s));
  return b;
};
const bytes = (...v: number[]) => new Uint8Array(v);

describe('octal', () => {
  it.each([
    ['0000644\0', 0o644],
    ['000644 \0', 0o644],
    ['    644 ', 0o644], // old Unix tar: leading spaces
    ['644', 0o644], // no terminator
    ['\0\0\0\0\0\0\0\0', 0], // unused field
    ['        ', 0],
    ['77777777777\0', 8 ** 11 - 1],
    ['777777777777', 8 ** 12 - 1], // GNU tar fills 12 digits with no NUL for 8 GiB sizes
  ])('%j -> %d', (s, v) => {
    expect(readOctal(field(s), 0, s.length)).toBe(v);
  });

  it.each(['64x\0', '6 4\0', '8\0', '-1\0'])('%j is not a number', (s) => {
    expect(readOctal(field(s), 0, s.length)).toBeNaN();
  });

  it('reads in place at an offset', () => {
    const b = field('xx0000755\0yy', 12);
    expect(readOctal(b, 2, 8)).toBe(0o755);
  });
});

describe('base-256', () => {
  it('positive', () => {
    expect(readBase256(bytes(0x80, 0, 0, 0, 0, 0, 0, 1), 0, 8)).toBe(1);
    expect(readBase256(bytes(0x80, 0, 0, 0, 0, 0x2d, 0xc6, 0xc0), 0, 8)).toBe(3000000);
    // 12-byte field: 2^53 - 1 is the largest exact value
    expect(readBase256(bytes(0x80, 0, 0, 0, 0, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0, 12)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("negative (two's complement, 0xff marker)", () => {
    expect(readBase256(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0, 8)).toBe(-1);
    expect(readBase256(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe), 0, 8)).toBe(-2);
    // -2^31 in a 12-byte mtime field
    expect(readBase256(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0), 0, 12)).toBe(-(2 ** 31));
  });

  it('past 2^53 throws', () => {
    expect(() => readBase256(bytes(0x80, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0), 0, 12)).toThrow(RangeError);
  });

  it('readNumber picks the encoding from the top bit', () => {
    expect(readNumber(field('0000017\0'), 0, 8)).toEqual({ value: 15, base256: false });
    expect(readNumber(bytes(0x80, 0, 0, 0, 0, 0, 0, 15), 0, 8)).toEqual({ value: 15, base256: true });
  });
});

describe('checksum', () => {
  it('unsigned sum with the field as spaces equals what the builder stored', () => {
    const tar = buildTar([{ name: 'a', data: 'x' }]);
    const c = checksums(tar, 0);
    expect(storedChecksum(tar, 0)).toBe(c.unsigned);
    expect(c.signed).toBe(c.unsigned); // no byte >= 0x80
  });

  it('signed sum differs by 256 per byte >= 0x80', () => {
    const tar = buildTar([{ name: 'x', nameBytes: bytes(0xe9, 0xe8), signedChecksum: true }]);
    const c = checksums(tar, 0);
    expect(c.unsigned - c.signed).toBe(512);
    expect(storedChecksum(tar, 0)).toBe(c.signed);
  });

  it('a zero block sums to 0', () => {
    expect(checksums(new Uint8Array(512), 0).raw).toBe(0);
  });
});
