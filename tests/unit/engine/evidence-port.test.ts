/**
 * The evidence port's batching (src/engine/evidence-port.ts): extract calls on one gzip layer
 * blob made in the same turn go out as one job, and each caller gets what its own job gives —
 * its entries, and the job's error only when one of its wants is not complete.
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../builders/image';
import { evidenceSource } from '../../../src/engine/evidence-port';
import { inlineRunner } from '../../../src/engine/inline';
import type { JobRunner } from '../../../src/engine/runner';
import type { BlobPlace } from '../../../src/compare/evidence/port';
import { compareBytes, hooks, noise, run } from '../compare/evidence/support';

function counting(): JobRunner & { jobs: number[] } {
  const inner = inlineRunner();
  const r = {
    ...inner,
    concurrency: 2,
    jobs: [] as number[],
    extract: (blob: Blob, o: Parameters<JobRunner['extract']>[1]) => {
      r.jobs.push(o.wants.length);
      return inner.extract(blob, o);
    },
  };
  return r;
}

const files = Array.from({ length: 40 }, (_, i) => ({ name: `usr/lib/f${i}.bin`, data: noise(20_000, i + 1) }));
const gz = { ...hooks, gzip: (b: Uint8Array) => run(['gzip', '-6', '-n'], b) };
const pair = () =>
  [0, 1].map(
    (k) =>
      buildOciArchive([{ tags: ['t:1'], layers: [layerTar(files.map((f, i) => (i === 39 ? { ...f, data: noise(20_000, 99 + k) } : f)))] }], gz, {
        compress: true,
      }).tar,
  );

/** The pair compared, its evidence source, and where A's gzip layer blob is. */
async function gzipLayer() {
  const [a, b] = pair();
  const runner = counting();
  const { reads } = await compareBytes(a, b, runner);
  const source = evidenceSource(reads, runner);
  const at = source.layerBlob(0, 0, 0);
  if (!at.ok) throw new Error(at.why);
  return { runner, source, at };
}

describe('evidence port: extract calls batched per compressed blob', () => {
  it('two callers in one turn: one job, each its own entries, equal to its own job', async () => {
    const { runner, source, at } = await gzipLayer();
    expect(at.place.info?.algorithm).toBe('gzip');
    const first = [{ path: 'usr/lib/f3.bin' }, { path: 'usr/lib/f1.bin', ranges: [[100, 200]] as [number, number][] }];
    const second = [{ path: 'usr/lib/f30.bin', ranges: [[0, 20_000]] as [number, number][] }, { path: 'usr/lib/f3.bin' }];
    runner.jobs.length = 0;
    const [x, y] = await Promise.all([source.extract(at.place, first), source.extract(at.place, second)]);
    expect(runner.jobs).toEqual([4]);
    const [xa, ya] = [await source.extract(at.place, first), await source.extract(at.place, second)];
    expect(runner.jobs).toEqual([4, 2, 2]);
    if (!x.ok || !y.ok || !xa.ok || !ya.ok) throw new Error('an extract failed');
    expect(x.value.entries).toEqual(xa.value.entries);
    expect(y.value.entries).toEqual(ya.value.entries);
    expect(y.value.entries[0].chunks[0].bytes).toEqual(files[30].data);
    expect([x.value.error, y.value.error]).toEqual([null, null]);
  });

  it('a truncated blob: the caller whose wants completed has no error, the other the gzip error', async () => {
    const { runner, source, at } = await gzipLayer();
    const cut: BlobPlace = { ...at.place, key: `${at.place.key}#cut`, size: Math.floor(at.place.size / 2) };
    runner.jobs.length = 0;
    const [early, late] = await Promise.all([source.extract(cut, [{ path: 'usr/lib/f0.bin' }]), source.extract(cut, [{ path: 'usr/lib/f39.bin' }])]);
    expect(runner.jobs).toEqual([2]);
    if (!early.ok || !late.ok) throw new Error('an extract failed');
    expect(early.value.entries[0]).toMatchObject({ found: true, complete: true });
    expect(early.value.error).toBeNull();
    expect(late.value.entries[0]).toMatchObject({ found: false, complete: false });
    expect(late.value.error).toMatchObject({ code: 'truncated', component: 'gzip' });
    // Alone, the early want stops before the cut: the same entry, no error.
    const alone = await source.extract(cut, [{ path: 'usr/lib/f0.bin' }]);
    if (!alone.ok) throw new Error('extract failed');
    expect(alone.value.entries).toEqual(early.value.entries);
    expect(alone.value.error).toBeNull();
  });
});
