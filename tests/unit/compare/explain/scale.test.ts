/**
 * The page re-runs explain() whenever an ignore option changes: 200,000 differences must take
 * well under a second (README "Speed" has the measured times).
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../../src/compare/explain';
import { NO_IGNORES, type Difference, type IgnoreOptions } from '../../../../src/compare/types';
import { manyFileDifferences } from '../../../builders/comparison';

function twoHundredThousand() {
  const r = manyFileDifferences(100_000);
  const files = r.differences.filter((d) => d.subject === 'file');
  // Each mtime difference has a merged-filesystem consequence, as in a real report.
  const merged: Difference[] = files.map((d) => ({
    id: `merged:i0:${d.scope.path}:version`,
    subject: 'merged',
    kind: 'changed',
    scope: { ...d.scope },
    field: 'version',
    a: { layer: 0, mtime: d.a! },
    b: { layer: 0, mtime: d.b! },
    follows: d.id,
    facts: { fields: ['mtime'], layerA: 0, layerB: 0 },
  }));
  return { r, diff: { differences: [...r.differences, ...merged], pairing: r.pairing, identicalBytes: false } };
}

describe('explain at scale', () => {
  it('200,000 differences (100,000 roots + 100,000 consequences) in well under a second', () => {
    const { r, diff } = twoHundredThousand();
    expect(diff.differences.length).toBeGreaterThanOrEqual(200_000);
    explain(diff, r.inputs[0], r.inputs[1], NO_IGNORES); // warm-up (JIT)
    const times: Record<string, number> = {};
    const sets: [string, IgnoreOptions][] = [
      ['none', NO_IGNORES],
      ['timestamps', { ...NO_IGNORES, timestamps: true }],
      ['paths', { ...NO_IGNORES, paths: ['**/*.py', 'usr/share/data/d00?/**'] }],
    ];
    for (const [name, options] of sets) {
      // Best of 3: the test machine is shared (the differ's scale test does the same kind of thing).
      let ex = explain(diff, r.inputs[0], r.inputs[1], options);
      times[name] = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        ex = explain(diff, r.inputs[0], r.inputs[1], options);
        times[name] = Math.min(times[name], performance.now() - t0);
      }
      if (name === 'none') {
        expect(ex.causes.map((c) => [c.id, c.count])).toContainEqual(['file.mtime', 100_000]);
        expect(ex.verdict).toBe('metadata-only');
      }
      if (name === 'timestamps') expect(ex.causes.filter((c) => c.id === 'file.mtime')).toEqual([]);
    }
    console.log(
      `explain, 200,000 differences: ${Object.entries(times)
        .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
        .join(', ')}`,
    );
    // Reported, not asserted: speed is checked by `npm run bench`, not by timed unit tests.
  });
});
