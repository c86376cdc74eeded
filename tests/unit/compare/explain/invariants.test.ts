/**
 * What holds for every comparison, whatever the case and the options: each root difference is
 * explained by exactly one cause or ignored (none left out, none counted twice, no explainer
 * missing: the registry's fallback is never used), consequences are counted under their root's
 * cause and never as causes, the ranking is by how much a cause explains, and explain() is
 * deterministic.
 */
import { describe, expect, it } from 'vitest';
import { diffInputs, dropDeep } from '../../../../src/compare/diff';
import { explain, MAX_CAUSE_DIFFERENCES } from '../../../../src/compare/explain';
import { Context } from '../../../../src/compare/explain/context';
import { claim } from '../../../../src/compare/explain/registry';
import { NO_IGNORES, type DiffResult, type IgnoreOptions } from '../../../../src/compare/types';
import type { InputReport } from '../../../../src/report/types';
import { errorMidArchive, integrityFailure, multiPlatform, plainTar, threeLayerImage } from '../../../builders/report';
import { contentDiffers, manyFileDifferences, mtimeShift, unreadableB } from '../../../builders/comparison';
import { CASES } from './cause-cases';

const OPTION_SETS: IgnoreOptions[] = [
  NO_IGNORES,
  { ...NO_IGNORES, timestamps: true },
  { timestamps: true, fileOrder: true, ownerNames: true, tarFormat: true, history: true, paths: ['/var/log/**', '**/*.pyc'] },
];

function inputsOfAll(): { name: string; A: InputReport; B: InputReport; diff: DiffResult }[] {
  const out: { name: string; A: InputReport; B: InputReport; diff: DiffResult }[] = [];
  for (const c of CASES) {
    const [A, B] = c.inputs();
    out.push({ name: c.name, A, B, diff: c.preliminary ? dropDeep(diffInputs(A, B)) : diffInputs(A, B) });
  }
  for (const r of [mtimeShift(), mtimeShift('preliminary'), contentDiffers(), unreadableB()]) {
    out.push({ name: r.headline, A: r.inputs[0], B: r.inputs[1], diff: { differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes } });
  }
  const pairs: [string, InputReport, InputReport][] = [
    ['three layers vs integrity failure', threeLayerImage().inputs[0], integrityFailure().inputs[0]],
    ['three layers vs truncated', threeLayerImage().inputs[0], errorMidArchive().inputs[0]],
    ['multi-platform vs three layers', multiPlatform().inputs[0], threeLayerImage().inputs[0]],
    ['plain tar vs image', plainTar().inputs[0], threeLayerImage().inputs[0]],
    [
      'plain tar vs itself edited',
      plainTar().inputs[0],
      { ...plainTar().inputs[0], files: plainTar().inputs[0].files!.map((f) => ({ ...f, mtime: f.mtime + 1, uname: 'u' })) },
    ],
  ];
  for (const [name, A, B] of pairs) out.push({ name, A, B, diff: diffInputs(A, B) });
  return out;
}

describe('explain invariants', () => {
  const all = inputsOfAll();
  for (const options of OPTION_SETS) {
    it(`every root is explained exactly once or ignored (options ${JSON.stringify(options)})`, () => {
      for (const { name, A, B, diff } of all) {
        const ex = explain(diff, A, B, options);
        const ids = new Set(diff.differences.map((d) => d.id));
        const roots = diff.differences.filter((d) => d.follows === undefined || !ids.has(d.follows));
        const explained = ex.causes.flatMap((c) => c.differences);
        // none counted twice (ids listed once; counts add up with the ignored ones)
        expect(new Set(explained).size, name).toBe(explained.length);
        const counted = ex.causes.reduce((n, c) => n + c.count, 0);
        const consequences = ex.causes.reduce((n, c) => n + c.consequences, 0);
        expect(counted + consequences + ex.ignored, name).toBe(diff.differences.length);
        // every listed id is a root, consequences never appear as causes
        const rootIds = new Set(roots.map((d) => d.id));
        for (const id of explained) expect(rootIds.has(id), `${name}: ${id}`).toBe(true);
        if (options === NO_IGNORES) {
          expect(ex.ignored, name).toBe(0);
          expect(counted, name).toBe(roots.length);
        }
        // no root fell through to the fallback
        const ctx = new Context(diff, A, B, roots);
        for (const d of roots) expect(claim(d, ctx).by, `${name}: ${d.id} (${d.subject} ${d.field})`).not.toBeNull();
        // ranked by how much they explain
        for (let i = 1; i < ex.causes.length; i++) {
          const w = (c: (typeof ex.causes)[number]) => c.count + c.consequences;
          expect(w(ex.causes[i - 1]), name).toBeGreaterThanOrEqual(w(ex.causes[i]));
        }
        for (const c of ex.causes) {
          expect(c.evidence.length, `${name} ${c.id}`).toBeLessThanOrEqual(5);
          expect(c.summary, `${name} ${c.id}`).not.toMatch(/undefined|NaN|\[object/);
          expect(c.remedy.length).toBeGreaterThan(20);
        }
        expect(ex.headline, name).not.toMatch(/undefined|NaN|\[object/);
        // deterministic
        expect(explain(diff, A, B, options), name).toEqual(ex);
      }
    });
  }

  it('caps the listed ids and keeps the count', () => {
    const r = manyFileDifferences(5000);
    const ex = explain({ differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes }, r.inputs[0], r.inputs[1], NO_IGNORES);
    const mt = ex.causes.find((c) => c.id === 'file.mtime')!;
    expect(mt.count).toBe(5000);
    expect(mt.differences).toHaveLength(MAX_CAUSE_DIFFERENCES);
    expect(mt.summary).toBe('5,000 files in layer 1 differ only in mtime; every B mtime is 2 min 27 s later');
  });

  it('a follows that names no difference in the list counts as a root (a filtered list)', () => {
    const r = mtimeShift();
    const kept = r.differences.filter((d) => d.subject !== 'file');
    const ex = explain({ differences: kept, pairing: r.pairing, identicalBytes: false }, r.inputs[0], r.inputs[1], NO_IGNORES);
    expect(ex.causes.reduce((n, c) => n + c.count + c.consequences, 0)).toBe(kept.length);
  });

  it('identicalBytes unknown with nothing different: same-image, saying the bytes were not all compared', () => {
    const A = threeLayerImage().inputs[0];
    const ex = explain(
      { differences: [], pairing: { images: [], layers: [] }, identicalBytes: null, uncompared: [{ where: 'oci-layout', why: 'content in neither report' }] },
      A,
      A,
      NO_IGNORES,
    );
    expect(ex).toEqual({
      verdict: 'same-image',
      headline: 'Same image: no difference found, but not every byte was compared (1 part could not be: oci-layout)',
      causes: [],
      ignored: 0,
    });
  });

  it('identicalBytes false with nothing different: same-image, not identical', () => {
    const A = threeLayerImage().inputs[0];
    const B = { ...A, size: A.size + 512 };
    const ex = explain({ differences: [], pairing: { images: [], layers: [] }, identicalBytes: false }, A, B, NO_IGNORES);
    expect(ex.verdict).toBe('same-image');
    expect(ex.headline).toBe(
      'Same image: no difference found in what tarscope reads, yet the archives are not byte-identical (10,485,760 vs 10,486,272 bytes)',
    );
  });
});
