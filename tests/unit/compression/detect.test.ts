import { describe, expect, it } from 'vitest';
import { detectCompression, looksLikeTar } from '../../../src/formats/detect';
import { skippable } from './zstd-build';
import { baseTar, fixture, readBytes, smallTar } from './support';

const head = (path: string) => readBytes(path).subarray(0, 512);

describe('detectCompression', () => {
  it('recognises what the real writers produce', () => {
    baseTar();
    smallTar();
    const made: [string, string][] = [
      ['gzip', 'gzip -n -c small.tar > d.gz'],
      ['zstd', 'zstd -q -c small.tar > d.zst'],
      ['bzip2', 'bzip2 -c small.tar > d.bz2'],
      ['xz', 'xz -c small.tar > d.xz'],
      ['lz4', 'lz4 -q -c small.tar > d.lz4'],
      ['none', 'cp small.tar d.tar'],
    ];
    for (const [alg, script] of made) {
      expect(detectCompression(head(fixture(script.split('> ')[1] ?? 'd.tar', script))), alg).toBe(alg);
    }
  });

  it('a stream starting with a skippable frame is zstd (RFC 8878 3.1.2)', () => {
    for (const nibble of [0, 5, 15]) {
      expect(detectCompression(skippable(nibble, new Uint8Array(600)))).toBe('zstd');
    }
  });

  it('unknown for anything else, including short and empty input', () => {
    expect(detectCompression(new TextEncoder().encode('{"schemaVersion": 2}'))).toBe('unknown');
    expect(detectCompression(new Uint8Array(0))).toBe('unknown');
    expect(detectCompression(Uint8Array.of(0x1f))).toBe('unknown');
    expect(detectCompression(new Uint8Array(1024))).toBe('unknown');
    expect(detectCompression(new TextEncoder().encode('BZx'))).toBe('unknown');
  });
});

describe('looksLikeTar', () => {
  it('accepts headers from GNU tar in its default, ustar, pax and v7 formats', () => {
    const formats = ['gnu', 'ustar', 'posix', 'v7'];
    for (const f of formats) {
      const p = fixture(`fmt-${f}.tar`, `tar --format=${f} -cf fmt-${f}.tar -C /usr/include/linux types.h`);
      expect(looksLikeTar(head(p)), f).toBe(true);
    }
  });

  it('v7 (no magic) is recognised by its checksum alone; a damaged checksum is not a tar', () => {
    const v7 = Uint8Array.from(head(fixture('fmt-v7.tar', 'tar --format=v7 -cf fmt-v7.tar -C /usr/include/linux types.h')));
    expect(String.fromCharCode(...v7.subarray(257, 262))).not.toBe('ustar');
    v7[0] ^= 1;
    expect(looksLikeTar(v7)).toBe(false);
  });

  it('refuses zero blocks, short input and random bytes', () => {
    expect(looksLikeTar(new Uint8Array(512))).toBe(false);
    expect(looksLikeTar(new Uint8Array(100))).toBe(false);
    const noise = new Uint8Array(512).map((_, i) => (i * 151 + 7) & 0xff);
    expect(looksLikeTar(noise)).toBe(false);
  });
});
