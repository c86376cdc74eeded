import { describe, expect, it } from 'vitest';
import { createDecoder } from '../../../src/formats/decoder';
import { baseTar, decode, errorOf, fixture, readBytes, sha256File } from './support';

describe('createDecoder', () => {
  it("'none' passes bytes through and counts them", async () => {
    const tar = baseTar();
    const r = await decode((o) => createDecoder('none', o), readBytes(tar), 'odd');
    expect(r.sha256).toBe(sha256File(tar));
    expect(r.info).toEqual({ algorithm: 'none' });
  });

  it("'gzip' and 'zstd' give the tar back", async () => {
    baseTar();
    const g = fixture('g6.tar.gz', 'gzip -n -c base.tar > g6.tar.gz');
    const z = fixture('d.tar.zst', 'zstd -q -c base.tar > d.tar.zst');
    expect((await decode((o) => createDecoder('gzip', o), readBytes(g))).sha256).toBe(sha256File(baseTar()));
    expect((await decode((o) => createDecoder('zstd', o), readBytes(z))).sha256).toBe(sha256File(baseTar()));
  });

  it('bzip2, xz and lz4 are refused as unsupported, naming the format', async () => {
    for (const alg of ['bzip2', 'xz', 'lz4', 'unknown'] as const) {
      const e = await errorOf(() => createDecoder(alg, () => {}));
      expect(e.code).toBe('unsupported');
      expect(e.message).toMatch(new RegExp(`^compression: ${alg === 'unknown' ? 'an unknown compression format' : alg}`));
    }
  });

  it('every decoder can be disposed when a stream is abandoned, twice without harm', async () => {
    baseTar();
    const g = readBytes(fixture('g6.tar.gz', 'gzip -n -c base.tar > g6.tar.gz'));
    const z = readBytes(fixture('d.tar.zst', 'zstd -q -c base.tar > d.tar.zst'));
    for (const [alg, data] of [
      ['gzip', g],
      ['zstd', z],
      ['none', g],
    ] as const) {
      const dec = await createDecoder(alg, () => {});
      dec.write(data.subarray(0, 10000));
      dec.dispose?.();
      dec.dispose?.();
    }
  });
});
