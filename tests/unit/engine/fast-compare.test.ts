/**
 * A comparison's fast scan and the digest verification after it (engine/scan-blob.ts
 * `digests: false`, archive-read.ts `fast`, verify-digests.ts, compare.ts):
 *  - the fast scan computes no SHA-256: files get XXH64 (the same the full scan computes),
 *    blob digests and diff_ids are left null;
 *  - the final report comes first with verification 'pending', then the verified one with
 *    every digest checked (integrity done), equal to what a full scan reports;
 *  - a blob named like the other archive's but with other bytes is caught by verification
 *    and its files are read from its own bytes;
 *  - verify: false, and stopping during verification, say so in the report.
 */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { buildOciArchive, layerTar } from '../../builders/image';
import { noise } from '../../builders/noise';
import { nodeHooks } from '../../support/hooks';
import { inlineRunner } from '../../../src/engine/inline';
import { scanBlobJob } from '../../../src/engine/jobs';
import { readLayers, readStructure, toInput, type ArchiveRead } from '../../../src/engine/archive-read';
import { planVerification, verifyDigests } from '../../../src/engine/verify-digests';
import { ProgressTracker } from '../../../src/engine/progress-tracker';
import { compareArchives } from '../../../src/engine/compare';
import type { ComparisonReport } from '../../../src/compare/types';
import type { InputReport } from '../../../src/report/types';

/** Layers over the 1 MiB the listing digests itself, so they go through the deep scan. */
function bigLayer(seed: number, mb = 2): Uint8Array {
  return layerTar([
    { name: 'data/', typeflag: '5', mode: 0o755 },
    { name: `data/blob-${seed}.bin`, data: noise(mb << 20, seed), mode: 0o644, mtime: 1_700_000_000 },
    { name: `data/small-${seed}.txt`, data: new TextEncoder().encode(`seed ${seed}\n`), mode: 0o644, mtime: 1_700_000_000 },
    { name: 'data/empty', data: new Uint8Array(0), mode: 0o644, mtime: 1_700_000_000 },
  ]);
}

const LAYERS = [bigLayer(1), bigLayer(2), bigLayer(3)];
const archive = buildOciArchive([{ tags: ['app:1'], layers: LAYERS }], nodeHooks).tar as Uint8Array<ArrayBuffer>;

const strip = (i: InputReport) => ({ ...i, stats: { ...i.stats, elapsedMs: 0, bytesRead: 0 } });

describe('the fast scan of one blob', () => {
  const plain = LAYERS[0];
  const gz = gzipSync(plain);
  for (const [what, bytes] of [
    ['uncompressed', plain],
    ['gzip', gz],
  ] as const) {
    for (const kernel of [true, false]) {
      it(`${what}, ${kernel ? 'tarhash kernel' : 'hash-wasm'}: XXH64 per file, no SHA-256, same files otherwise`, async () => {
        const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
        const full = await scanBlobJob(blob, { path: 'l', kernel });
        const fast = await scanBlobJob(blob, { path: 'l', kernel, digests: false, fileHashes: 'xxh64' });
        expect(full.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(full.layer!.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(fast.sha256).toBeNull();
        expect(fast.layer!.diffId).toBeNull();
        expect(fast.size).toBe(bytes.length);
        expect(fast.error).toBeNull();
        const regular = full.layer!.files.filter((f) => f.type === 'file');
        expect(regular).toHaveLength(3);
        for (const f of regular) {
          expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(f.xxh64).toMatch(/^[0-9a-f]{16}$/);
        }
        expect(regular.find((f) => f.size === 0)!.xxh64).toBe('ef46db3751d8e999');
        expect(fast.layer!.files).toEqual(full.layer!.files.map(({ sha256: _, ...f }) => f));
      });
    }
  }

  it('digests only (verification): blob digest and diff_id equal the full scan, no files', async () => {
    for (const bytes of [plain, gz]) {
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      const full = await scanBlobJob(blob, {});
      const v = await scanBlobJob(blob, { read: 'stream', fileHashes: 'none' });
      expect(v.sha256).toBe(full.sha256);
      expect(v.layer!.diffId).toBe(full.layer!.diffId);
      expect(v.layer!.files).toEqual([]);
    }
  });
});

async function readBoth(a: Blob, b: Blob, fast: boolean) {
  const runner = inlineRunner();
  const progress = new ProgressTracker(a.size + b.size);
  const reads = [await readStructure(runner, a, 'a', progress), await readStructure(runner, b, 'b', progress)] as [ArchiveRead, ArchiveRead];
  const stats = await readLayers(runner, reads, progress, undefined, { share: true, fast });
  return { runner, reads, stats };
}

describe('fast layers, then verification', () => {
  it('blobs named alike on both sides are not read before the report; verification reads them and the inputs equal a full read', async () => {
    // B: the same first two layers, another third one.
    const b3 = buildOciArchive([{ tags: ['app:1'], layers: [LAYERS[0], LAYERS[1], bigLayer(4)] }], nodeHooks).tar as Uint8Array<ArrayBuffer>;
    const a = new Blob([archive]);
    const b = new Blob([b3]);
    const { runner, reads, stats } = await readBoth(a, b, true);
    expect(stats).toEqual({ scanned: 2, shared: 2 });
    for (const r of reads) {
      expect(r.deferred.size).toBe(2);
      const layers = toInput(r, 0).images[0].layers;
      expect(layers.map((l) => l.deferred ?? null)).toEqual(['same-digest', 'same-digest', null]);
      expect(layers.map((l) => l.fileCount)).toEqual([null, null, 4]);
      expect(layers[2].computed).toEqual({ blobSha256: null, diffId: null });
      expect(toInput(r, 0).images[0].merged).toBeNull();
      expect(toInput(r, 0).integrity.done).toBe(false);
    }

    const plan = planVerification(reads);
    expect(plan.jobs.map((j) => j.kind).sort()).toEqual(['digest', 'digest', 'digest', 'digest', 'scan', 'scan']);
    const v = await verifyDigests(runner, plan, new ProgressTracker(plan.bytes));
    expect(v).toMatchObject({ blobs: 6, rescanned: 0, complete: true });
    expect(planVerification(reads).jobs).toHaveLength(0);
    for (const r of reads) expect(r.deferred.size).toBe(0);

    const full = await readBoth(a, b, false);
    for (const i of [0, 1]) {
      const fastIn = strip(toInput(reads[i], 0));
      const fullIn = strip(toInput(full.reads[i], 0));
      expect(fastIn.integrity).toEqual(fullIn.integrity);
      expect(fastIn.integrity.done && fastIn.integrity.ok).toBe(true);
      const dropSha = (x: InputReport) =>
        x.images.map((img) => ({
          layers: img.layers.map((l) => ({ ...l, files: l.files.map(({ sha256: _, ...f }) => f) })),
          merged: img.merged && { ...img.merged, files: img.merged.files.map(({ sha256: _, ...f }) => f) },
        }));
      expect(dropSha(fastIn)).toEqual(dropSha(fullIn));
    }
  });
});

function corruptLargestLayer(bytes: Uint8Array<ArrayBuffer>, reads: ArchiveRead): Uint8Array<ArrayBuffer> {
  const names = new Set(reads.archive!.images[0].layers.map((l) => l.blob!.entry));
  const entry = reads.index!.entries.filter((e) => names.has(e.name.replace(/^\.\//, ''))).sort((x, y) => y.size - x.size)[0];
  const bad = bytes.slice();
  bad[entry.dataOffset + 1024 + 4096] ^= 0xff; // inside the big file's data (headers at 0 and 512)
  return bad;
}

describe('compareArchives with deferred digests', () => {
  it('sends preliminary, final (verification pending), then the verified report', async () => {
    const updates: ComparisonReport[] = [];
    const r = await compareArchives(inlineRunner(), new Blob([archive]), 'a.tar', new Blob([archive]), 'b.tar', { onUpdate: (u) => updates.push(u) });
    expect(updates.map((u) => [u.stats.phase, u.stats.verification.state])).toEqual([
      ['preliminary', 'pending'],
      ['final', 'pending'],
      ['final', 'done'],
    ]);
    expect(updates[2]).toBe(r);
    expect(updates[1].stats.digestsVerified).toBe(false);
    expect(updates[1].inputs.every((i) => !i.integrity.done)).toBe(true);
    expect(r.verdict).toBe('identical');
    expect(r.stats.digestsVerified).toBe(true);
    expect(r.stats.verification).toMatchObject({ blobs: 6, rescanned: 0 });
    expect(r.stats.verification.bytes).toBe(r.stats.verification.bytesTotal);
    expect(r.inputs.every((i) => i.integrity.done && i.integrity.ok)).toBe(true);
    expect(r.stats.layersSkipped).toBe(3);
  });

  it("a blob named like the other archive's but with other bytes: verification reads its files and reports both", async () => {
    const probe = await readStructure(inlineRunner(), new Blob([archive]), 'probe', new ProgressTracker(archive.length));
    const bad = corruptLargestLayer(archive, probe);
    const updates: ComparisonReport[] = [];
    const r = await compareArchives(inlineRunner(), new Blob([archive]), 'a.tar', new Blob([bad]), 'b.tar', { onUpdate: (u) => updates.push(u) });
    // Before verification the twin took A's scan on its name: nothing differs yet.
    expect(updates[1].stats.verification.state).toBe('pending');
    expect(updates[1].differences.filter((d) => d.subject === 'file')).toEqual([]);
    expect(r.stats.verification).toMatchObject({ state: 'done', rescanned: 1 });
    const B = r.inputs[1];
    expect(B.integrity.checks.some((c) => !c.ok && c.kind === 'blob-digest')).toBe(true);
    expect(r.differences.some((d) => d.subject === 'file' && d.field === 'content')).toBe(true);
    expect(r.verdict).not.toBe('identical');
  });

  it('verify: false gives one final report that says the digests were not verified', async () => {
    const updates: ComparisonReport[] = [];
    const r = await compareArchives(inlineRunner(), new Blob([archive]), 'a.tar', new Blob([archive]), 'b.tar', {
      verify: false,
      onUpdate: (u) => updates.push(u),
    });
    expect(updates.map((u) => u.stats.verification.state)).toEqual(['pending', 'skipped']);
    expect(r.stats.digestsVerified).toBe(false);
    expect(r.inputs.every((i) => !i.integrity.done)).toBe(true);
  });

  it('stopping during verification keeps the final report, marked cancelled, with no cancelled inputs', async () => {
    const ac = new AbortController();
    const r = await compareArchives(inlineRunner(), new Blob([archive]), 'a.tar', new Blob([archive]), 'b.tar', {
      signal: ac.signal,
      onUpdate: (u) => {
        if (u.stats.phase === 'final' && u.stats.verification.state === 'pending') ac.abort();
      },
    });
    expect(r.stats.verification.state).toBe('cancelled');
    expect(r.stats.verification.blobs).toBeLessThan(6);
    expect(r.stats.digestsVerified).toBe(false);
    expect(r.verdict).toBe('identical');
    expect(r.inputs.flatMap((i) => i.errors).filter((e) => e.code === 'cancelled')).toEqual([]);
  });
});
