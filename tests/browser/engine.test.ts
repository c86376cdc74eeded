/**
 * The engine as the page runs it: a pool of real module Workers in Chromium behind
 * Comlink, wasm (hash-wasm, zstd-wasm) loaded inside them, progress events, cancellation.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createSHA256, type IHasher } from 'hash-wasm';
import { gzip } from 'pako';
import { createEngine } from '../../src/engine/browser';
import type { Engine } from '../../src/engine/api';
import type { Progress } from '../../src/engine/progress';
import { buildOciArchive, buildLegacySave, layerTar, type ImageHooks } from '../builders/image';
import { buildTar } from '../builders/tar';

let engine: Engine;
let hasher: IHasher;
let hooks: ImageHooks;

beforeAll(async () => {
  engine = createEngine(2);
  hasher = await createSHA256();
  hooks = {
    sha256: (b) => 'sha256:' + hasher.init().update(b).digest('hex'),
    gzip: (b) => gzip(b),
  };
});
afterAll(() => engine.dispose());

const sha = (b: Uint8Array | string) => hasher.init().update(b).digest('hex');

describe('engine in Workers', () => {
  it('inspects an OCI archive with gzip layers: digests, diff_ids, files', async () => {
    const l1 = layerTar([
      { name: 'bin/', typeflag: '5' },
      { name: 'bin/sh', data: 'ELF...', mode: 0o755 },
    ]);
    const l2 = layerTar([
      { name: 'bin/.wh.sh', data: '' },
      { name: 'etc/motd', data: 'hello\n' },
    ]);
    const a = buildOciArchive([{ tags: ['demo:1'], layers: [l1, l2] }], hooks, { compress: true });
    const progress: Progress[] = [];
    const report = await engine.inspect(new Blob([a.tar as Uint8Array<ArrayBuffer>]), 'demo.tar', { onProgress: (p) => progress.push(p) });
    const input = report.inputs[0];
    expect(input.error).toBeNull();
    expect(input.format.layout).toBe('oci');
    const img = input.images.find((i) => i.kind === 'image')!;
    expect(img.tags).toContain('demo:1');
    expect(img.config.digest).toBe(a.images[0].configDigest);
    expect(img.layers.map((l) => l.digest)).toEqual(a.images[0].layerDigests);
    expect(img.layers.map((l) => l.computed.diffId)).toEqual(a.images[0].diffIds);
    expect(img.layers.map((l) => l.compression?.algorithm)).toEqual(['gzip', 'gzip']);
    expect(img.layers[0].files.find((f) => f.path === 'bin/sh')?.sha256).toBe(sha('ELF...'));
    expect(img.layers[1].files.find((f) => f.path === 'bin/.wh.sh')?.whiteout).toBe('file');
    expect(img.merged?.files.map((f) => f.path).sort()).toEqual(['bin', 'etc/motd']);
    expect(input.integrity.ok).toBe(true);
    expect(progress.at(-1)?.phase).toBe('done');
    expect(progress.at(-1)?.bytesDone).toBe(progress.at(-1)?.bytesTotal);
  });

  it('falls back from DecompressionStream for a multi-member (eStargz-like) gzip layer', async () => {
    const layer = layerTar([
      { name: 'a.txt', data: 'a'.repeat(5000) },
      { name: 'b.txt', data: 'b'.repeat(5000) },
    ]);
    // Two gzip members whose concatenation inflates to the layer: what eStargz does.
    const cut = 1536;
    const twoMembers = new Uint8Array([...gzip(layer.subarray(0, cut)), ...gzip(layer.subarray(cut))]);
    const a = buildOciArchive([{ tags: ['mm:1'], layers: [layer] }], { ...hooks, gzip: () => twoMembers }, { compress: true });
    const report = await engine.inspect(new Blob([a.tar as Uint8Array<ArrayBuffer>]), 'mm.tar');
    const l = report.inputs[0].images.find((i) => i.kind === 'image')!.layers[0];
    expect(l.error).toBeNull();
    expect(l.compression?.algorithm).toBe('gzip');
    if (l.compression?.algorithm === 'gzip') expect(l.compression.members.length).toBe(2);
    expect(l.computed.diffId).toBe('sha256:' + sha(layer));
    expect(l.files.map((f) => f.sha256)).toEqual([sha('a'.repeat(5000)), sha('b'.repeat(5000))]);
  });

  it('reads a legacy docker save with a symlinked duplicate layer', async () => {
    const l1 = layerTar([{ name: 'x', data: 'x' }]);
    const a = buildLegacySave([{ tags: ['dup:1'], layers: [l1, layerTar([{ name: 'y', data: 'y' }]), l1] }], hooks);
    const report = await engine.inspect(new Blob([a.tar as Uint8Array<ArrayBuffer>]), 'dup.tar');
    const img = report.inputs[0].images[0];
    expect(img.layers.length).toBe(3);
    expect(img.layers[2].via).toBe(a.images[0].layerNames[2]);
    expect(img.layers[2].computed.diffId).toBe(img.layers[0].computed.diffId);
    expect(report.inputs[0].integrity.ok).toBe(true);
  });

  it('cancels a long scan promptly and stays usable', async () => {
    // A 256 MiB file in one layer: long enough to be cancelled mid-scan.
    const big = layerTar([{ name: 'big.bin', data: new Uint8Array(256 * 1024 * 1024) }]);
    const a = buildLegacySave([{ tags: ['big:1'], layers: [big] }], { sha256: () => 'sha256:' + '0'.repeat(64) });
    const ac = new AbortController();
    let aborted = 0;
    const t0 = performance.now();
    const report = await engine.inspect(new Blob([a.tar as Uint8Array<ArrayBuffer>]), 'big.tar', {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'layers' && p.bytesDone > 0 && !aborted) {
          aborted = performance.now();
          ac.abort();
        }
      },
    });
    const stoppedAfter = performance.now() - aborted;
    expect(aborted).toBeGreaterThan(0);
    expect(stoppedAfter).toBeLessThan(2500);
    const input = report.inputs[0];
    expect(input.errors.some((e) => e.code === 'cancelled')).toBe(true);
    expect(input.entries.length).toBeGreaterThan(0); // the structure read before the cancel is kept
    expect(input.integrity.done).toBe(false);
    expect(performance.now() - t0).toBeLessThan(30_000);
    // The pool replaced or reused its workers: a new job works.
    const again = await engine.inspect(new Blob([buildTar([{ name: 'ok.txt', data: 'ok' }]) as Uint8Array<ArrayBuffer>]), 'ok.tar');
    expect(again.inputs[0].error).toBeNull();
    expect(again.inputs[0].files?.[0].sha256).toBe(sha('ok'));
  });
});

describe('worker pool', () => {
  it('rejects (does not hang) when a worker dies', async () => {
    const { WorkerPool } = await import('../../src/engine/pool');
    const src = URL.createObjectURL(new Blob(['throw new Error("boom at load")'], { type: 'text/javascript' }));
    const pool = new WorkerPool({
      size: 1,
      create: () => {
        const worker = new Worker(src);
        return { worker, endpoint: worker };
      },
    });
    const t0 = performance.now();
    await expect(pool.index(new Blob(['x']), {})).rejects.toThrow(/^worker: .*boom at load/);
    expect(performance.now() - t0).toBeLessThan(5000);
    pool.dispose();
  });
});
