/**
 * Issue 12: a manifest.json whose `Layers` lists one layer many times grew faster than
 * linearly (20k layers 11.5 s, 100k over 120 s): `shift()` on the pairing's free lists, a
 * copy of the overwritten-layers list per layer in the merge, and a scan below each layer in
 * the legacy-id chain roots, a search per unpaired layer for its duplicate. Each step here
 * runs once on 32,000 layers and 32 times on 1,000 (fastest of 3 timings each): linear time
 * gives a ratio near 1, the quadratic code 32. The bound (10) is loose so a busy machine and
 * cache effects do not fail it; figures are in docs/benchmarks.md ("Scale", scripts/bench/scale.mjs).
 */
import { describe, expect, it } from 'vitest';
import { pairLayers } from '../../../src/compare/diff/pair-layers';
import { diffInputs } from '../../../src/compare/diff';
import { mergeLayers } from '../../../src/image/merge';
import { inspectArchive } from '../../../src/engine/inspect';
import { inlineRunner } from '../../../src/engine/inline';
import type { FileRecord, InputReport, LayerReport } from '../../../src/report/types';
import { layerTar } from '../../builders/image';
import { buildTar } from '../../builders/tar';
import { sha256hex } from '../../support/hooks';

const SMALL = 1_000;
const LARGE = 32_000;
/** Linear time gives ≈ 1 (a few with cache effects on larger maps), quadratic ≈ 32. */
const BOUND = 10;

/** The fastest of 3 timings of `f()`, in ms (the minimum is the least disturbed by GC and other load). */
function time(f: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Time of one run on LARGE over the time of LARGE / SMALL runs on SMALL: the same amount of
 * work when time is linear (≈ 1), LARGE / SMALL (32) times more when it is quadratic.
 */
function ratio(f: (n: number) => unknown, prepare: (n: number) => void = () => {}): number {
  prepare(SMALL);
  prepare(LARGE);
  f(SMALL); // warm-up
  f(LARGE);
  const small = time(() => {
    for (let i = 0; i < LARGE / SMALL; i++) f(SMALL);
  });
  return time(() => f(LARGE)) / small;
}

/** A docker-save archive whose manifest.json lists one layer n times. */
function repeated(n: number): Uint8Array {
  const layer = layerTar([{ name: 'a', data: 'x' }]);
  const d = `"sha256:${sha256hex(layer)}"`;
  const cfg = `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[${new Array(n).fill(d).join(',')}]}}`;
  const cfgName = `${sha256hex(new TextEncoder().encode(cfg))}.json`;
  const manifest = JSON.stringify([{ Config: cfgName, RepoTags: ['x:1'], Layers: new Array(n).fill('l/layer.tar') }]);
  return buildTar([
    { name: cfgName, data: cfg },
    { name: 'l/layer.tar', data: layer },
    { name: 'manifest.json', data: manifest },
  ]);
}

describe('time is linear in the layer count (one layer listed 1k and 32k times)', () => {
  it('pairLayers', () => {
    const layers = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ index: i, diffId: 'sha256:same', digest: 'sha256:same', createdBy: 'x' }) as LayerReport);
    const cache = new Map<number, LayerReport[]>();
    const r = ratio(
      (n) => pairLayers(cache.get(n)!, cache.get(n)!),
      (n) => cache.set(n, layers(n)),
    );
    expect(pairLayers(layers(3), layers(3)).map((p) => [p.a, p.b, p.by])).toEqual([
      [0, 0, 'diff_id'],
      [1, 1, 'diff_id'],
      [2, 2, 'diff_id'],
    ]);
    expect(r).toBeLessThan(BOUND);
  });

  it('mergeLayers: the same path in every layer', () => {
    const rec = { path: 'a', type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, mtime: 0 } as FileRecord;
    const cache = new Map<number, FileRecord[][]>();
    const r = ratio(
      (n) => mergeLayers(cache.get(n)!),
      (n) => cache.set(n, new Array(n).fill([rec])),
    );
    const m = mergeLayers(new Array(4).fill([rec]));
    expect(m.files.map((f) => [f.path, f.layer, f.overwrites])).toEqual([['a', 3, [0, 1, 2]]]);
    expect(r).toBeLessThan(BOUND);
  });

  it('diffInputs on two legacy archives (pairing, chain roots of the v1 ids, merge, integrity)', async () => {
    const reports = new Map<number, InputReport>();
    for (const n of [SMALL, LARGE]) {
      const r = await inspectArchive(inlineRunner(), new Blob([repeated(n) as Uint8Array<ArrayBuffer>]), 'x.tar');
      expect(r.inputs[0].images[0].layers).toHaveLength(n);
      reports.set(n, r.inputs[0]);
    }
    const r = ratio((n) => diffInputs(reports.get(n)!, reports.get(n)!));
    expect(diffInputs(reports.get(SMALL)!, reports.get(SMALL)!).differences).toEqual([]);
    expect(r).toBeLessThan(BOUND);
    // Against one layer: every other layer of A is unpaired, a duplicate of layer 0.
    const one = (await inspectArchive(inlineRunner(), new Blob([repeated(1) as Uint8Array<ArrayBuffer>]), 'y.tar')).inputs[0];
    const removed = diffInputs(reports.get(SMALL)!, one).differences.filter((d) => d.subject === 'layer');
    expect(removed).toHaveLength(SMALL - 1);
    expect(removed.every((d) => d.facts?.duplicateOf === 0)).toBe(true);
    expect(ratio((n) => diffInputs(reports.get(n)!, one))).toBeLessThan(BOUND);
  }, 60_000);
});
