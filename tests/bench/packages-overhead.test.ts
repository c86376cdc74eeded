/**
 * What reading package databases costs a comparison: the same pair compared with the scan's
 * package capture on and off (PackageCollector.entry answering null: no path test, no copy,
 * no parse, no image package list, no package explainer work), alternating, medians of N.
 * A benchmark, not a test of `npm test`: `npm run bench:packages` (vite.config.ts adds the `bench`
 * project only then). It takes the realistic debootstrap pair of
 * `npm run bench` (tests/.fixtures/bench/debootstrap/{a,b}.tar) or TARSCOPE_PACKAGES_PAIR=a.tar,b.tar.
 * Results are in src/packages/README.md ("Speed").
 */
import { existsSync, openAsBlob } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareArchives } from '../../src/engine/compare';
import { inlineRunner } from '../../src/engine/inline';
import { PackageCollector } from '../../src/packages/collect';
import { ROOT } from '../support/tools';

const pair = (process.env.TARSCOPE_PACKAGES_PAIR?.split(',') ?? ['a', 'b'].map((s) => join(ROOT, `tests/.fixtures/bench/debootstrap/${s}.tar`))) as [
  string,
  string,
];
const RUNS = Number(process.env.TARSCOPE_PACKAGES_RUNS ?? 5);

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

describe('package reading: cost in a comparison', () => {
  if (!pair.every((p) => existsSync(p)))
    throw new Error(`the pair is missing: ${pair.join(', ')} (npm run bench builds it, or set TARSCOPE_PACKAGES_PAIR=a.tar,b.tar)`);
  it(`compares ${pair.map((p) => basename(p)).join(' ↔ ')} with and without package reading`, async () => {
    const proto = PackageCollector.prototype;
    const { entry, end } = proto;
    // the time spent inside the package code itself (path tests, copies, parsing), measured directly
    let inside = 0;
    const timed = <T>(f: () => T): T => {
      const t = performance.now();
      try {
        return f();
      } finally {
        inside += performance.now() - t;
      }
    };
    const once = async (packages: boolean) => {
      inside = 0;
      if (packages) {
        proto.entry = function (path, size) {
          const sink = timed(() => entry.call(this, path, size));
          return sink && { data: (c: Uint8Array) => timed(() => sink.data(c)), end: () => timed(() => sink.end()) };
        };
        proto.end = function () {
          return timed(() => end.call(this));
        };
      } else proto.entry = () => null;
      const cpu = process.cpuUsage();
      const t = performance.now();
      const r = await compareArchives(inlineRunner(), await openAsBlob(pair[0]), pair[0], await openAsBlob(pair[1]), pair[1]);
      const ms = performance.now() - t;
      const c = process.cpuUsage(cpu);
      proto.entry = entry;
      proto.end = end;
      return { ms, cpu: (c.user + c.system) / 1000, inside, packages: r.causes.filter((x) => x.id.startsWith('package.')).map((x) => `${x.id} ${x.count}`) };
    };
    await once(true); // warm-up (module loads, JIT)
    const runs: { on: boolean; ms: number; cpu: number; inside: number }[] = [];
    let causes: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const on of i % 2 === 0 ? [true, false] : [false, true]) {
        const r = await once(on);
        runs.push({ on, ...r });
        if (on) causes = r.packages;
      }
    }
    const pick = (on: boolean, k: 'ms' | 'cpu' | 'inside') => runs.filter((r) => r.on === on).map((r) => r[k]);
    const fmt = (xs: number[]) => `${xs.map((x) => x.toFixed(0)).join(' · ')} (median ${median(xs).toFixed(0)})`;
    const cpuRatio = median(pick(true, 'cpu')) / median(pick(false, 'cpu'));
    const share = median(pick(true, 'inside')) / median(pick(true, 'cpu'));
    console.log(
      [
        `wall ms with: ${fmt(pick(true, 'ms'))}; without: ${fmt(pick(false, 'ms'))}; ratio ${(median(pick(true, 'ms')) / median(pick(false, 'ms'))).toFixed(3)}`,
        `CPU ms with: ${fmt(pick(true, 'cpu'))}; without: ${fmt(pick(false, 'cpu'))}; ratio ${cpuRatio.toFixed(3)}`,
        `inside the package code: ${fmt(pick(true, 'inside'))} ms = ${(share * 100).toFixed(2)} % of the CPU time`,
        `package causes: ${causes.join(', ') || 'none'}`,
      ].join('\n'),
    );
    // the direct measure is the stable one on a loaded machine; the CPU ratio is reported
    expect(share).toBeLessThan(0.1);
  }, 900_000);
});
