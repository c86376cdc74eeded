/** pax record splitting (POSIX.1-2017 pax, "pax Extended Header": "%d %s=%s\n", length in bytes). */
import { describe, it, expect } from 'vitest';
import { parsePaxRecords, interpretPax } from '../../../src/formats/tar';

const enc = new TextEncoder();

describe('parsePaxRecords', () => {
  it('lengths count bytes, not characters', () => {
    // " path=é\n" is 9 bytes (é is 2); with its own two digits the record is 11 bytes.
    const body = ' path=é\n';
    const len = enc.encode(body).length + 2;
    const recs = parsePaxRecords(enc.encode(`${len}${body}`), 0);
    expect(recs.map((r) => [r.key, r.value])).toEqual([['path', 'é']]);
    expect(Array.from(recs[0].bytes)).toEqual([0xc3, 0xa9]);
  });

  it('values with "=" and newlines; empty values; trailing NUL padding', () => {
    const text = '13 a=b=c\nd=e\n' + '9 empty=\n';
    const buf = new Uint8Array(enc.encode(text).length + 7);
    buf.set(enc.encode(text));
    expect(parsePaxRecords(buf, 0).map((r) => [r.key, r.value])).toEqual([
      ['a', 'b=c\nd=e'],
      ['empty', ''],
    ]);
  });

  it('data after NUL padding is an error', () => {
    const buf = enc.encode('9 empty=\n\0\0x');
    expect(() => parsePaxRecords(buf, 1000)).toThrow('tar: malformed pax record at offset 1011: data after NUL padding');
  });

  it('non-UTF-8 values (hdrcharset=BINARY) decode byte for byte', () => {
    const buf = new Uint8Array([...enc.encode('9 path='), 0xff, 0x0a]);
    expect(parsePaxRecords(buf, 0)[0].value).toBe('\u00ff');
  });
});

describe('interpretPax', () => {
  const rec = (key: string, value: string) => ({ key, value, bytes: enc.encode(value) });

  it('GNU sparse 0.0: repeated offset/numbytes build the map in order', () => {
    const f = interpretPax(
      undefined,
      [
        rec('GNU.sparse.size', '100'),
        rec('GNU.sparse.numblocks', '2'),
        rec('GNU.sparse.offset', '0'),
        rec('GNU.sparse.numbytes', '10'),
        rec('GNU.sparse.offset', '90'),
        rec('GNU.sparse.numbytes', '10'),
      ],
      0,
    );
    expect(f.sparse).toEqual({
      version: '0.0',
      realSize: 100,
      map: [
        { offset: 0, size: 10 },
        { offset: 90, size: 10 },
      ],
    });
  });

  it('sizes past 2^53 are unsupported', () => {
    expect(() => interpretPax(undefined, [rec('size', '99999999999999999999')], 7)).toThrow(
      'tar: pax size=99999999999999999999 at offset 7 does not fit in 2^53',
    );
  });
});
