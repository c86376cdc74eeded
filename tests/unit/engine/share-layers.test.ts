/**
 * A comparison deep-scans a layer blob once when both archives hold it (same declared digest
 * and size): the other copy is only hashed, and reuses the scan when its SHA-256 matches.
 * When it does not (a blob whose bytes do not match its name), the copy is deep-scanned after
 * all and the integrity failure is reported, exactly as without sharing.
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../builders/image';
import { noise } from '../../builders/noise';
import { nodeHooks } from '../../support/hooks';
import { inlineRunner } from '../../../src/engine/inline';
import { readLayers, readStructure, toInput, type ArchiveRead } from '../../../src/engine/archive-read';
import { ProgressTracker } from '../../../src/engine/progress-tracker';
import type { JobRunner } from '../../../src/engine/runner';

/** Layers over the 1 MiB the listing digests itself, so they go through the deep scan. */
function bigLayer(seed: number, mb = 2): Uint8Array {
  const data = noise(mb << 20, seed);
  return layerTar([
    { name: 'data/', typeflag: '5', mode: 0o755 },
    { name: `data/blob-${seed}.bin`, data, mode: 0o644, mtime: 1_700_000_000 },
  ]);
}

const LAYERS = [bigLayer(1), bigLayer(2), bigLayer(3)];
const archive = buildOciArchive([{ tags: ['app:1'], layers: LAYERS }], nodeHooks).tar as Uint8Array<ArrayBuffer>;
/** An inline runner that records which blobs were walked and which only hashed. */
function countingRunner() {
  const inner = inlineRunner();
  const walked: string[] = [];
  const hashed: string[] = [];
  const runner: JobRunner = {
    ...inner,
    scan: (blob, opts) => {
      (opts.read === 'blob' ? hashed : walked).push(opts.path ?? '?');
      return inner.scan(blob, opts);
    },
  };
  return { runner, walked, hashed };
}

async function readBoth(runner: JobRunner, a: Blob, b: Blob, share: boolean) {
  const progress = new ProgressTracker(a.size + b.size);
  const reads = [await readStructure(runner, a, 'a', progress), await readStructure(runner, b, 'b', progress)] as [ArchiveRead, ArchiveRead];
  const stats = await readLayers(runner, reads, progress, undefined, { share });
  return { reads, stats };
}

describe('layer blobs shared by both archives', () => {
  it('are deep-scanned once and give the same inputs as scanning both', async () => {
    const layers = LAYERS.length;
    const a = new Blob([archive]);
    const b = new Blob([archive]);
    const shared = countingRunner();
    const { reads, stats } = await readBoth(shared.runner, a, b, true);
    expect(stats).toEqual({ scanned: layers, shared: layers });
    expect(shared.walked).toHaveLength(layers);
    expect(shared.hashed).toHaveLength(layers);

    const plain = countingRunner();
    const full = await readBoth(plain.runner, a, b, false);
    expect(full.stats).toEqual({ scanned: 2 * layers, shared: 0 });
    expect(plain.hashed).toHaveLength(0);
    const strip = (r: ArchiveRead) => {
      const i = toInput(r, 0);
      return { ...i, stats: { ...i.stats, elapsedMs: 0 } };
    };
    expect(strip(reads[1])).toEqual(strip(full.reads[1]));
    expect(reads[1].complete).toBe(true);
  });

  it('a copy whose bytes differ from the shared digest is deep-scanned and fails its integrity check', async () => {
    const bytes = archive;
    const good = new Blob([bytes]);
    // Flip one byte inside the largest layer blob's file data, keeping its name.
    const progress = new ProgressTracker(bytes.length);
    const probe = await readStructure(inlineRunner(), good, 'probe', progress);
    const names = new Set(probe.archive!.images[0].layers.map((l) => l.blob!.entry));
    const entry = probe.index!.entries.filter((e) => names.has(e.name.replace(/^\.\//, ''))).sort((x, y) => y.size - x.size)[0];
    const bad = bytes.slice();
    const at = entry.dataOffset + entry.size - 1024 - 100; // inside the last file's data, before the end blocks
    bad[at] ^= 0xff;

    const counted = countingRunner();
    const { reads, stats } = await readBoth(counted.runner, good, new Blob([bad]), true);
    expect(stats.shared).toBe(names.size - 1);
    expect(stats.scanned).toBe(names.size + 1);
    const B = toInput(reads[1], 0);
    const failed = B.integrity.checks.filter((c) => !c.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((c) => c.kind === 'blob-digest')).toBe(true);
    const A = toInput(reads[0], 0);
    expect(A.integrity.checks.every((c) => c.ok)).toBe(true);
  });
});
