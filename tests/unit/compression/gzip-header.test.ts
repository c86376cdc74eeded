import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import type { GzipInfo } from '../../../src/formats/compression';
import { GzipDecoder } from '../../../src/formats/gzip/decoder';
import { GzipHeaderParser } from '../../../src/formats/gzip/header';
import { gzipHeader, gzipMember } from './gzip-build';
import { DIR, baseTar, chunks, decode, errorOf, fixture, readBytes, sh, smallTar, write } from './support';

const gz = (data: Uint8Array, how: 'one-shot' | 'bytes' | 'odd' = 'odd') => decode<GzipInfo>((o) => new GzipDecoder(o), data, how);

describe('gzip member headers written by real tools', () => {
  it('gzip (default) stores FNAME and the file MTIME; gzip -n stores neither', async () => {
    const tar = baseTar();
    const named = readBytes(fixture('named.tar.gz', `gzip -c base.tar > named.tar.gz`));
    const anon = readBytes(fixture('anon.tar.gz', `gzip -n -c base.tar > anon.tar.gz`));
    const h1 = (await gz(named)).info.members[0].header;
    const h2 = (await gz(anon)).info.members[0].header;
    expect(h1.fname).toBe('base.tar');
    expect(h1.flags & 0x08).toBe(0x08);
    expect(h1.mtime).toBe(Math.floor(statSync(tar).mtimeMs / 1000));
    expect(h1.headerSize).toBe(10 + 'base.tar'.length + 1);
    expect(h2.fname).toBeUndefined();
    expect(h2.mtime).toBe(0);
    expect(h2.flags).toBe(0);
    expect(h2.headerSize).toBe(10);
    // RFC 1952 2.3.1: OS 3 = Unix
    expect(h1.os).toBe(3);
    expect(h2.os).toBe(3);
  });

  it('XFL is 4 for gzip -1 (fastest) and 2 for gzip -9 (maximum), RFC 1952 2.3.1', async () => {
    baseTar();
    const fast = readBytes(fixture('fast.tar.gz', `gzip -1 -n -c base.tar > fast.tar.gz`));
    const best = readBytes(fixture('best.tar.gz', `gzip -9 -n -c base.tar > best.tar.gz`));
    expect((await gz(fast)).info.members[0].header.xfl).toBe(4);
    expect((await gz(best)).info.members[0].header.xfl).toBe(2);
  });

  it('reads a hand-made header with FTEXT, FEXTRA subfields, FNAME, FCOMMENT and FHCRC, byte by byte', async () => {
    const data = readBytes(smallTar());
    const member = gzipMember({
      data,
      ftext: true,
      mtime: 1700000000,
      xfl: 2,
      os: 11,
      extra: [
        { id: 'AP', data: Uint8Array.of(1, 2, 3, 4) },
        { id: 'sc', data: new Uint8Array(0) },
      ],
      name: 'caf\xe9.tar',
      comment: 'made by hand, RFC 1952',
      hcrc: true,
    });
    // The real gzip accepts it (it checks FHCRC) and gives the same bytes back.
    const p = write('handmade.gz', member);
    expect(sh(`gzip -dc "${p}" | sha256sum`).split(' ')[0]).toBe(sh(`sha256sum "${smallTar()}"`).split(' ')[0]);

    for (const how of ['one-shot', 'bytes', 'odd'] as const) {
      const { info } = await gz(member, how);
      const h = info.members[0].header;
      expect(h).toEqual({
        method: 8,
        flags: 0x1f,
        mtime: 1700000000,
        xfl: 2,
        os: 11,
        ftext: true,
        fname: 'café.tar',
        fcomment: 'made by hand, RFC 1952',
        extra: {
          length: 4 + 4 + 4,
          subfields: [
            { id: 'AP', length: 4 },
            { id: 'sc', length: 0 },
          ],
        },
        hcrc: h.hcrc,
        // fixed part, XLEN + subfields, FNAME + NUL, FCOMMENT + NUL, CRC16
        headerSize: 10 + 2 + 12 + 9 + 23 + 2,
      });
      expect(h.hcrc).toBe(member[h.headerSize - 2] | (member[h.headerSize - 1] << 8));
    }
  });

  it('parses incrementally: the same header in any pieces', () => {
    const header = gzipHeader({ data: new Uint8Array(0), name: 'x'.repeat(300), comment: 'c', extra: [{ id: 'ZZ', data: new Uint8Array(1000) }], hcrc: true });
    const whole = new GzipHeaderParser();
    expect(whole.push(header)).toBe(header.length);
    for (const how of ['bytes', 'odd'] as const) {
      const p = new GzipHeaderParser();
      for (const c of chunks(header, how)) expect(p.push(c)).toBe(c.length);
      expect(p.done).toBe(true);
      expect(p.header).toEqual(whole.header);
    }
    // Stops exactly at the end of the header when more follows.
    const p = new GzipHeaderParser();
    expect(p.push(Buffer.concat([header, Uint8Array.of(9, 9, 9)]))).toBe(header.length);
  });

  it('refuses reserved flag bits, a non-deflate method and a wrong header CRC, with exact messages', async () => {
    const data = new TextEncoder().encode('hello');
    const reserved = gzipMember({ data, extraFlags: 0x20 });
    const method = gzipMember({ data, method: 7 });
    const badHcrc = gzipMember({ data, name: 'a', hcrc: true });
    badHcrc[13] ^= 0xff; // first byte of the stored CRC16
    for (const [bytes, code, msg] of [
      [reserved, 'corrupt', 'gzip: bad header in member 1 (offset 0): reserved flag bits set (FLG = 0x20)'],
      [method, 'corrupt', 'gzip: bad header in member 1 (offset 0): compression method 7 is not deflate (8)'],
      [badHcrc, 'corrupt', /^gzip: bad header in member 1 \(offset 0\): header CRC16 mismatch: stored 0x[0-9a-f]{4}, computed 0x[0-9a-f]{4}$/],
      [new TextEncoder().encode('not gzip at all'), 'corrupt', 'gzip: not a gzip stream in member 1 (offset 0): magic number is not 1f 8b'],
    ] as const) {
      for (const how of ['one-shot', 'bytes'] as const) {
        const e = await errorOf(() => gz(bytes, how));
        expect(e.code).toBe(code);
        if (typeof msg === 'string') expect(e.message).toBe(msg);
        else expect(e.message).toMatch(msg);
        expect(e.offset).toBe(0);
      }
      // The real gzip refuses them too.
      const p = write('refused.gz', bytes);
      expect(() => sh(`gzip -t "${p}" 2>/dev/null`)).toThrow();
    }
    expect(DIR).toBeTruthy();
  });
});
