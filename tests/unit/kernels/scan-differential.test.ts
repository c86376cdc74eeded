/**
 * The deep scan with the tarhash kernel against the hash-wasm reference path (Node): the
 * same BlobResult — blob digest, compression facts, diff_id, every file record and digest,
 * tar summary, errors with their exact messages, partial files — on every real-writer
 * fixture (the whole archive as one blob, and every blob inside a seekable archive), on
 * every GNU tar format fixture (pax, long names, base-256, the four sparse formats), and on
 * hand-made damage (truncation, bad checksums, non-tar, tiny and empty blobs, broken gzip).
 */
import { describe, it, expect, beforeAll, vi, afterEach } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzip } from 'pako';
import { imageFixtures, FIXTURE_NAMES, type ImageFixtures } from '../../fixtures/images';
import { FIXTURES as TAR_FIXTURES, gnuTarFixture } from '../tar/fixtures';
import { buildTar, concat } from '../../builders/tar';
import { indexArchive, scanBlobJob } from '../../../src/engine/jobs';
import { TarHashRun } from '../../../src/kernels/tarhash';
import type { BlobResult } from '../../../src/engine/blob-sink';

let fx: ImageFixtures;
beforeAll(async () => {
  fx = await imageFixtures();
}, 180_000);

afterEach(() => {
  vi.restoreAllMocks();
});

const blobOf = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

/** Both paths on one blob; the kernel must actually have run (not fallen back). */
async function both(blob: Blob, path = 'blob'): Promise<{ js: BlobResult; k: BlobResult }> {
  const js = await scanBlobJob(blob, { path, kernel: false });
  const flush = vi.spyOn(TarHashRun.prototype, 'flush');
  const k = await scanBlobJob(blob, { path });
  if (blob.size > 0) expect(flush, `kernel not used for ${path}`).toHaveBeenCalled();
  flush.mockRestore();
  return { js, k };
}

async function same(blob: Blob, path?: string): Promise<BlobResult> {
  const { js, k } = await both(blob, path);
  expect(k).toEqual(js);
  return k;
}

const enc = new TextEncoder();
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('kernel == hash-wasm on real-writer fixtures', () => {
  for (const name of FIXTURE_NAMES) {
    it(name, async () => {
      const file = await openAsBlob(fx[name].path);
      // The whole archive as one blob: a tar, tar.gz or tar.zst stream.
      const whole = await same(file, name);
      expect(whole.error).toBeNull();
      expect(whole.layer?.files.length).toBeGreaterThan(0);
      // Every blob inside an archive that can be sliced.
      const idx = await indexArchive(file);
      if (idx.mode !== 'seek') return;
      let withFiles = 0;
      for (const e of idx.entries) {
        if (e.type !== 'file' || e.size === 0) continue;
        const r = await same(file.slice(e.dataOffset, e.dataOffset + e.size), e.name);
        if (r.layer?.files.some((f) => f.sha256)) withFiles++;
      }
      // A plain filesystem tar holds files, not layers.
      if (fx[name].expect.layout !== 'plain') expect(withFiles).toBeGreaterThan(0);
    });
  }
});

describe('kernel == hash-wasm on GNU tar formats (pax, long names, base-256, sparse), plain and gzip', () => {
  for (const name of TAR_FIXTURES) {
    it(name, async () => {
      const bytes = new Uint8Array(readFileSync(gnuTarFixture(name)));
      const plain = await same(blobOf(bytes), name);
      expect(plain.error).toBeNull();
      expect(plain.layer!.files.some((f) => f.sha256)).toBe(true);
      await same(blobOf(gzip(bytes)), name + '.gz');
    });
  }
});

describe('kernel == hash-wasm on damage and edge cases', () => {
  const big = noise(9 * 1024 * 1024 + 77, 5);
  const tar = buildTar([
    { name: 'd/', typeflag: '5' },
    { name: 'd/a', data: 'hello\n' },
    { name: 'd/empty', data: '' },
    { name: 'd/' + 'n'.repeat(140), data: 'long name by prefix', longName: 'gnu' },
    { name: 'd/p-' + 'x'.repeat(120), data: 'pax path', longName: 'pax', pax: { 'SCHILY.xattr.user.k': 'v' } },
    { name: 'd/link', typeflag: '1', linkname: 'd/a' },
    { name: 'd/big', data: big, base256: ['size'] },
    { name: 'd/tail', data: noise(70_000, 9) },
  ]);
  const cases: [string, () => Uint8Array][] = [
    ['tar spanning kernel pieces and read chunks', () => tar],
    ['cut inside the data of a 9 MB file', () => tar.subarray(0, 6 * 1024 * 1024 + 3)],
    ['cut inside a header', () => tar.subarray(0, 512 + 512 + 100)],
    [
      'bad checksum in the middle',
      () =>
        buildTar([
          { name: 'a', data: 'x'.repeat(3000) },
          { name: 'b', data: 'y', badChecksum: true },
          { name: 'c', data: 'z' },
        ]),
    ],
    [
      'bad checksum in the first MiB of a 4 MiB read chunk',
      () => {
        const t = tar.slice();
        t[512 * 3 + 20] ^= 1; // the header of d/empty
        return t;
      },
    ],
    ['bad checksum at the first block', () => buildTar([{ name: 'a', data: 'x', badChecksum: true }])],
    [
      'malformed pax record',
      () =>
        buildTar([
          { name: 'a', data: 'x', paxRaw: '99 path=zz\n' },
          { name: 'b', data: 'data' },
        ]),
    ],
    ['trailing garbage after the end marker', () => concat([buildTar([{ name: 'a', data: 'abc' }]), enc.encode('garbage')])],
    ['one zero block then EOF', () => buildTar([{ name: 'a', data: 'abc' }], { endBlocks: 1 })],
    ['only the end marker', () => new Uint8Array(1024)],
    ['not a tar (JSON)', () => enc.encode('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}')],
    ['3 bytes', () => enc.encode('abc')],
    ['empty', () => new Uint8Array(0)],
    ['gzip', () => gzip(tar)],
    ['gzip, two members', () => concat([gzip(tar.subarray(0, 1024 * 1024)), gzip(tar.subarray(1024 * 1024))])],
    ['gzip cut short', () => gzip(tar).subarray(0, 200_000)],
    [
      'gzip with a flipped byte',
      () => {
        const g = gzip(tar).slice();
        g[g.length >> 1] ^= 0x55;
        return g;
      },
    ],
    ['zstd', () => new Uint8Array(execFileSync('zstd', ['-q', '-c', '-3'], { input: tar, maxBuffer: 64 << 20 }))],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      await same(blobOf(make()), name);
    });
  }

  it('the fused digests are the real SHA-256 of the stream and of each file', async () => {
    const { createHash } = await import('node:crypto');
    const r = await same(blobOf(tar));
    const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(r.sha256).toBe('sha256:' + hex(tar));
    expect(r.layer!.diffId).toBe(r.sha256);
    expect(r.layer!.files.find((f) => f.path === 'd/big')!.sha256).toBe(hex(big));
  });
});
