/**
 * The JSON report written in pieces (issue 12: a 290 MB report was built as one string) is
 * the same text as presentJson, byte for byte, for real reports and for the edge cases of
 * JSON.stringify (undefined and functions dropped or null, empty containers, deep values,
 * strings with newlines and escapes).
 */
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../../src/present/json-chunks';
import { presentJson } from '../../../src/present/json';
import { inspectArchive } from '../../../src/engine/inspect';
import { compareArchives } from '../../../src/engine/compare';
import { inlineRunner } from '../../../src/engine/inline';
import { buildOciArchive, layerTar } from '../../builders/image';
import { nodeHooks } from '../../support/hooks';
import type { InspectionReport } from '../../../src/report/types';

const pieces = (v: unknown) => {
  const out: string[] = [];
  writeJson(v, (p) => out.push(p));
  return out;
};
const joined = (v: unknown) => pieces(v).join('');
const blobOf = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

describe('writeJson', () => {
  it('is JSON.stringify(v, null, 2) and a newline, for every kind of value', () => {
    const deep = { a: { b: { c: { d: { e: [1, { f: 'x\ny' }] } } } } };
    const values: unknown[] = [
      null,
      1,
      'a "quoted"\nline\u2028',
      [],
      {},
      [undefined, () => 1, 2],
      { a: undefined, b: () => 1, c: [], d: {}, e: 'x' },
      { 'k"ey': [[], [[]], {}], n: null, t: true },
      deep,
      [deep, [deep, [deep]]],
      { toJSON: () => ({ swapped: true }) },
    ];
    // Containers large enough to be walked piece by piece (over 2,048 values below them).
    const mixed = (i: number) => [undefined, { a: undefined, s: 'x\ny "q"', e: [], o: {}, d: deep }, [i, [i, []]], () => 1, `v${i}`, null, {}][i % 7];
    const bigArray = Array.from({ length: 3000 }, (_, i) => mixed(i));
    const bigObject = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`k${i}\n`, mixed(i)]));
    values.push(bigArray, bigObject, { a: [bigArray, { b: bigObject, c: [] }], e: undefined, f: {} }, [[bigArray], [], {}]);
    for (const v of values) expect(joined(v)).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });

  it('is presentJson for an inspection and a comparison report, in pieces of about 64 KiB', async () => {
    const files = Array.from({ length: 3000 }, (_, i) => ({ name: `f${i}`, data: `${i}\n`, mtime: i }));
    const a = buildOciArchive([{ tags: ['v1'], layers: [layerTar(files)] }], nodeHooks).tar;
    const b = buildOciArchive([{ tags: ['v1'], layers: [layerTar(files.map((f) => ({ ...f, mtime: f.mtime + 60 })))] }], nodeHooks).tar;
    const ins: InspectionReport = await inspectArchive(inlineRunner(), blobOf(a), 'a.tar');
    expect(joined(ins)).toBe(presentJson(ins));
    const cmp = await compareArchives(inlineRunner(), blobOf(a), 'a.tar', blobOf(b), 'b.tar');
    const parts = pieces(cmp);
    expect(parts.join('')).toBe(presentJson(cmp));
    expect(parts.length).toBeGreaterThan(2);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(1 << 18);
  }, 60_000);
});
