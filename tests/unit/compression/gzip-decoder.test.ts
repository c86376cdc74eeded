import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import type { GzipInfo } from '../../../src/formats/compression';
import { hex32 } from '../../../src/formats/gzip/crc32';
import { GzipDecoder } from '../../../src/formats/gzip/decoder';
import { gzipHeader, gzipMember, le32 } from './gzip-build';
import { type Chunking, baseTar, decode, errorOf, fixture, readBytes, sha256File, sh, smallTar, write } from './support';

const gz = (data: Uint8Array, how: Chunking = 'odd') => decode<GzipInfo>((o) => new GzipDecoder(o), data, how);

/** What real gzip says about a file: gzip -lv's CRC, and gzip -t's verdict. */
function gzipLv(path: string): { crc: string; compressed: number; uncompressed: number } {
  const f = sh(`gzip -lv "${path}" | tail -1`).trim().split(/\s+/);
  return { crc: '0x' + f[1], compressed: Number(f[5]), uncompressed: Number(f[6]) };
}
const gzipRefuses = (path: string) => {
  try {
    sh(`gzip -t "${path}" 2>/dev/null`);
    return false;
  } catch {
    return true;
  }
};

describe('GzipDecoder on real writers', () => {
  const cases: [string, string][] = [
    ['gzip -6', 'gzip -n -c base.tar > g6.tar.gz'],
    ['gzip -1', 'gzip -1 -n -c base.tar > g1.tar.gz'],
    ['gzip -9', 'gzip -9 -c base.tar > g9.tar.gz'],
    ['pigz', 'pigz -c base.tar > pigz.tar.gz'],
    ['pigz -i (independent blocks)', 'pigz -i -b 32 -c base.tar > pigzi.tar.gz'],
  ];
  for (const [label, script] of cases) {
    it(`${label}: output SHA-256 equals the input's, in every chunking, one member`, async () => {
      const tar = baseTar();
      const name = script.split('> ')[1];
      const path = fixture(name, script);
      const data = readBytes(path);
      const want = sha256File(tar);
      const lv = gzipLv(path);
      for (const how of ['one-shot', 'odd', 'large'] as const) {
        const r = await gz(data, how);
        expect(r.sha256).toBe(want);
        expect(r.info.members).toHaveLength(1);
        const m = r.info.members[0];
        expect(hex32(m.crc32)).toBe(lv.crc);
        expect(m.uncompressedSize).toBe(lv.uncompressed);
        expect(m.compressedSize).toBe(data.length);
        expect(r.info.trailingBytes).toBe(0);
        expect(r.info.inflater).toBe('pako');
      }
    });
  }

  it('1-byte chunks give the same bytes as one-shot', async () => {
    const data = readBytes(fixture('small.tar.gz', `gzip -n -c "${smallTar()}" > small.tar.gz`));
    const one = await gz(data, 'one-shot');
    const bytes = await gz(data, 'bytes');
    expect(bytes.sha256).toBe(one.sha256);
    expect(bytes.sha256).toBe(sha256File(smallTar()));
    expect(bytes.info).toEqual(one.info);
  });

  it('multi-member (cat a.gz b.gz): every member, offsets, sizes; output = gzip -dc', async () => {
    smallTar();
    const p = fixture('multi.gz', 'gzip -n -c small.tar > m1.gz && gzip -9 -c base.tar > m2.gz && cat m1.gz m2.gz m1.gz > multi.gz');
    const data = readBytes(p);
    const m1 = readBytes(`${p.replace('multi.gz', 'm1.gz')}`).length;
    const m2 = readBytes(`${p.replace('multi.gz', 'm2.gz')}`).length;
    const want = sh(`gzip -dc "${p}" | sha256sum`).split(' ')[0];
    for (const how of ['one-shot', 'odd'] as const) {
      const r = await gz(data, how);
      expect(r.sha256).toBe(want);
      expect(r.info.members.map((m) => [m.offset, m.compressedSize])).toEqual([
        [0, m1],
        [m1, m2],
        [m1 + m2, m1],
      ]);
      expect(r.info.members[1].header.fname).toBe('base.tar');
      expect(r.info.members[0].header.fname).toBeUndefined();
    }
  });

  it('trailing zero padding is accepted and reported', async () => {
    const member = readBytes(fixture('small.tar.gz', `gzip -n -c "${smallTar()}" > small.tar.gz`));
    for (const pad of [1, 7, 4096]) {
      const data = Buffer.concat([member, new Uint8Array(pad)]);
      for (const how of ['one-shot', 'odd'] as const) {
        const r = await gz(data, how);
        expect(r.sha256).toBe(sha256File(smallTar()));
        expect(r.info.members).toHaveLength(1);
        expect(r.info.trailingBytes).toBe(pad);
        expect(r.info.trailingZeros).toBe(true);
      }
    }
  });

  it('trailing garbage after a valid member is reported, not an error', async () => {
    const member = readBytes(fixture('small.tar.gz', `gzip -n -c "${smallTar()}" > small.tar.gz`));
    const tails = [
      new TextEncoder().encode('garbage!'),
      Uint8Array.of(0x1f), // half a magic number
      Uint8Array.of(0x1f, 0x8c, 1, 2), // not quite a magic number
      Uint8Array.of(0, 0, 0, 1), // padding, then not
    ];
    for (const tail of tails) {
      const data = Buffer.concat([member, tail]);
      for (const how of ['one-shot', 'odd'] as const) {
        const full = await gz(data, how);
        expect(full.sha256).toBe(sha256File(smallTar()));
        expect(full.info.members).toHaveLength(1);
        expect(full.info.trailingBytes).toBe(tail.length);
        expect(full.info.trailingZeros).toBe(false);
      }
    }
  });

  it('a broken header where a second member starts is an error', async () => {
    const data = new TextEncoder().encode('member one');
    const first = gzipMember({ data });
    const broken = Buffer.concat([first, gzipHeader({ data, extraFlags: 0xe0 })]);
    const e = await errorOf(() => gz(broken, 'bytes'));
    expect(e.message).toBe(`gzip: bad header in member 2 (offset ${first.length}): reserved flag bits set (FLG = 0xe0)`);
    expect(e.code).toBe('corrupt');
    expect(e.offset).toBe(first.length);
  });

  it('truncation at several points, each refused by gzip -t too', async () => {
    const tar = smallTar();
    const named = readBytes(fixture('small-named.tar.gz', `gzip -c "${tar}" > small-named.tar.gz`));
    const two = Buffer.concat([named, named]);
    const cuts: [string, Uint8Array, number, number][] = [
      ['empty input', named.subarray(0, 0), 1, 0],
      ['inside the fixed header', named.subarray(0, 5), 1, 0],
      ['inside FNAME', named.subarray(0, 13), 1, 0],
      ['right after the header', named.subarray(0, 10 + 'small.tar'.length + 1), 1, 0],
      ['inside the deflate data', named.subarray(0, named.length >> 1), 1, 0],
      ['inside the trailer', named.subarray(0, named.length - 4), 1, 0],
      ['just before the trailer', named.subarray(0, named.length - 8), 1, 0],
      ['second member: only its magic', two.subarray(0, named.length + 2), 2, named.length],
      ['inside the second member', two.subarray(0, two.length - 100), 2, named.length],
    ];
    for (const [label, bytes, member, offset] of cuts) {
      expect(gzipRefuses(write('cut.gz', bytes)), label).toBe(true);
      for (const how of ['one-shot', 'bytes', 'odd'] as const) {
        if (how === 'bytes' && bytes.length > 40_000) continue;
        const e = await errorOf(() => gz(bytes, how));
        expect(e.message, `${label} / ${how}`).toBe(`gzip: truncated: stream ends inside member ${member} (offset ${offset})`);
        expect(e.code).toBe('truncated');
        expect(e.offset).toBe(offset);
      }
    }
  });

  it('a flipped byte in the stored CRC32: exact message with both values', async () => {
    const path = fixture('small.tar.gz', `gzip -n -c "${smallTar()}" > small.tar.gz`);
    const data = readBytes(path);
    const crc = gzipLv(path).crc;
    const bad = Buffer.from(data);
    bad[bad.length - 8] ^= 0x01;
    const stored = hex32((Number(crc) ^ 0x01) >>> 0);
    expect(gzipRefuses(write('badcrc.gz', bad))).toBe(true);
    const e = await errorOf(() => gz(bad));
    expect(e.message).toBe(`gzip: CRC32 mismatch in member 1 (offset 0): stored ${stored}, computed ${crc}`);
    expect(e.code).toBe('corrupt');

    const badSize = Buffer.from(data);
    badSize[badSize.length - 1] ^= 0x80;
    expect(gzipRefuses(write('badsize.gz', badSize))).toBe(true);
    const e2 = await errorOf(() => gz(badSize));
    const size = readBytes(smallTar()).length;
    expect(e2.message).toBe(`gzip: ISIZE mismatch in member 1 (offset 0): stored ${(size ^ 0x80000000) >>> 0}, computed ${size}`);
  });

  it('corrupt deflate data: the inflater message, and the member named', async () => {
    // BFINAL=1, BTYPE=11: "reserved (error)" in RFC 1951 3.2.3.
    const reservedBlock = Buffer.concat([gzipHeader({ data: new Uint8Array(0) }), Uint8Array.of(0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0)]);
    expect(gzipRefuses(write('badblock.gz', reservedBlock))).toBe(true);
    const e = await errorOf(() => gz(reservedBlock));
    expect(e.message).toBe('gzip: corrupt deflate data in member 1 (offset 0): invalid block type');
    expect(e.code).toBe('corrupt');

    // A stored block whose LEN and NLEN disagree (RFC 1951 3.2.4), in member 2.
    const first = gzipMember({ data: new TextEncoder().encode('first') });
    const badStored = Buffer.concat([first, gzipHeader({ data: new Uint8Array(0) }), Uint8Array.of(0x01, 5, 0, 5, 0), new Uint8Array(20)]);
    expect(gzipRefuses(write('badstored.gz', badStored))).toBe(true);
    const e2 = await errorOf(() => gz(badStored, 'bytes'));
    expect(e2.message).toBe(`gzip: corrupt deflate data in member 2 (offset ${first.length}): invalid stored block lengths`);

    // Random damage in the middle of a real file: gzip -t and the decoder both refuse it.
    const data = Buffer.from(readBytes(fixture('small.tar.gz', `gzip -n -c "${smallTar()}" > small.tar.gz`)));
    for (let k = 0; k < 40; k++) data[200 + k * 97] ^= 0x5a;
    expect(gzipRefuses(write('damaged.gz', data))).toBe(true);
    const e3 = await errorOf(() => gz(data));
    expect(e3.message).toMatch(
      /^gzip: (corrupt deflate data in member 1 \(offset 0\): .+|CRC32 mismatch in member 1 .*|ISIZE mismatch in member 1 .*|truncated: .*)$/,
    );
  });

  it('keeps throwing the first error; errors from onData pass through unchanged', async () => {
    const data = gzipMember({ data: new Uint8Array(1000) });
    const boom = new Error('consumer failed');
    const dec = new GzipDecoder(() => {
      throw boom;
    });
    expect(() => dec.write(data)).toThrow(boom);
    expect(() => dec.write(data)).toThrow(boom);
    expect(() => dec.end()).toThrow(boom);
  });

  it('a member with empty content and a raw deflate from another writer', async () => {
    const empty = gzipMember({ data: new Uint8Array(0) });
    const r = await gz(empty, 'bytes');
    expect(r.size).toBe(0);
    expect(r.info.members[0].uncompressedSize).toBe(0);
    const text = new TextEncoder().encode('x'.repeat(100000));
    const raw = deflateRawSync(text, { level: 1 });
    const crcSource = gzipMember({ data: text });
    const hand = Buffer.concat([gzipHeader({ data: text }), raw, crcSource.subarray(crcSource.length - 8)]);
    expect((await gz(hand)).size).toBe(100000);
    expect(le32(1)).toEqual([1, 0, 0, 0]);
  });
});
