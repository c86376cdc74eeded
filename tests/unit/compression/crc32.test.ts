import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, hex32 } from '../../../src/formats/gzip/crc32';
import { baseTar, readBytes, sh } from './support';

describe('crc32', () => {
  it('gives the CRC-32 check value for "123456789" (0xCBF43926, the catalogue check of ISO 3309 CRC-32)', () => {
    expect(hex32(crc32(new TextEncoder().encode('123456789')))).toBe('0xcbf43926');
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('equals zlib on a real tar, one-shot and continued over odd pieces', () => {
    const data = readBytes(baseTar());
    const expected = zlibCrc32(data);
    expect(crc32(data)).toBe(expected);
    let c = 0;
    const sizes = [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 4093, 65536];
    for (let i = 0, k = 0; i < data.length; k++) {
      const n = sizes[k % sizes.length];
      c = crc32(data.subarray(i, i + n), c);
      i += n;
    }
    expect(c).toBe(expected);
  });

  it('equals the CRC that gzip writes in its trailer', () => {
    // gzip -lv prints the stored CRC of the member it wrote.
    const path = baseTar();
    const line = sh(`gzip -c "${path}" | gzip -lv | tail -1`).trim().split(/\s+/);
    expect(hex32(crc32(readBytes(path))).slice(2)).toBe(line[1]);
  });
});
