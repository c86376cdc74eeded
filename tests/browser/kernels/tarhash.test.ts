/**
 * The tarhash kernel in Chromium: loaded through @bjorn3/browser_wasi_shim from the asset
 * vite serves for the `?url` import, on the page and inside a real module Worker, where the
 * deep scan with it must equal the hash-wasm reference path (files, digests, errors), and
 * in the engine's own Worker pool (the report's digests are the real SHA-256).
 */
import { describe, it, expect } from 'vitest';
import { createSHA256 } from 'hash-wasm';
import { gzip } from 'pako';
import { loadTarHash } from '../../../src/kernels/tarhash';
import { createEngine } from '../../../src/engine/browser';
import { buildTar } from '../../builders/tar';
import { buildOciArchive, layerTar } from '../../builders/image';
import type { BlobResult } from '../../../src/engine/blob-sink';

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const big = noise(3 * 1024 * 1024 + 5, 11);
const tar = buildTar([
  { name: 'etc/', typeflag: '5' },
  { name: 'etc/motd', data: 'hello\n' },
  { name: 'usr/lib/' + 'l'.repeat(120) + '.so', data: noise(5000, 2), longName: 'pax' },
  { name: 'usr/bin/big', data: big },
  { name: 'usr/bin/empty', data: '' },
]);
const blobOf = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

describe('tarhash in Chromium', () => {
  it('loads on the page through the WASI shim and hashes like hash-wasm', async () => {
    const k = await loadTarHash();
    const h = await createSHA256();
    const run = k.newRun(1 << 16);
    run.begin(true);
    for (let at = 0; at < big.length; at += 1 << 16) {
      run.chunk(big.subarray(at, at + (1 << 16)));
      run.flush();
    }
    expect(run.streamDigest()).toBe(h.init().update(big).digest('hex'));
    run.dispose();
  });

  it('in a module Worker: scanBlobJob with the kernel == the hash-wasm path (plain, gzip, damaged)', async () => {
    const bad = tar.slice();
    bad[512 * 3 + 100] ^= 1; // inside the second header: bad checksum
    const blobs = [tar, gzip(tar), tar.subarray(0, 2 * 1024 * 1024), bad, gzip(tar).subarray(0, 100_000), new TextEncoder().encode('{}')].map(blobOf);
    const worker = new Worker(new URL('./scan-worker.ts', import.meta.url), { type: 'module' });
    try {
      const res = await new Promise<{ out?: { k: BlobResult; js: BlobResult; used: boolean }[]; error?: string }>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ error: e.message || 'worker failed to load' });
        worker.postMessage({ blobs });
      });
      expect(res.error).toBeUndefined();
      expect(res.out).toHaveLength(blobs.length);
      for (const [i, r] of res.out!.entries()) {
        expect(r.used, `blob ${i}: kernel used`).toBe(true);
        expect(r.k, `blob ${i}`).toEqual(r.js);
      }
      const plain = res.out![0].k;
      expect(plain.error).toBeNull();
      expect(plain.layer!.files.find((f) => f.path === 'usr/bin/big')!.sha256).toBe((await createSHA256()).update(big).digest('hex'));
      expect(res.out![3].k.error?.message).toMatch(/^tar: bad header checksum at offset 1536/);
      expect(res.out![4].k.error?.message).toMatch(/^gzip: truncated/);
    } finally {
      worker.terminate();
    }
  });

  it("the engine's Worker pool reports real SHA-256 digests through the kernel", async () => {
    const h = await createSHA256();
    const sha = (b: Uint8Array) => 'sha256:' + h.init().update(b).digest('hex');
    const layer = layerTar([
      { name: 'bin/', typeflag: '5' },
      { name: 'bin/tool', data: big },
    ]);
    const a = buildOciArchive([{ tags: ['k:1'], layers: [layer] }], { sha256: sha, gzip: (b) => gzip(b) }, { compress: true });
    const engine = createEngine(1);
    try {
      const report = await engine.inspect(blobOf(a.tar), 'k.tar');
      const input = report.inputs[0];
      expect(input.error).toBeNull();
      const img = input.images.find((i) => i.kind === 'image')!;
      const l = img.layers[0];
      expect(l.computed.diffId).toBe(sha(layer));
      expect(l.files.find((f) => f.path === 'bin/tool')!.sha256).toBe(sha(big).slice(7));
    } finally {
      engine.dispose();
    }
  });
});
