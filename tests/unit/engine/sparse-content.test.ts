/**
 * A sparse tar entry is hashed over its logical content (engine/sparse-content.ts): the file
 * GNU tar -S stored, in each of its four sparse formats (old GNU 'S', pax 0.0, 0.1, 1.0), gets
 * the SHA-256 and XXH64 of the original file, i.e. what a dense copy of it gets; the expander
 * gives the same bytes whatever the pieces; malformed maps are not expanded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readBytes } from '../../support/tools';
import { gnuTarFixture, sparseSource } from '../tar/fixtures';
import { scanBlobJob } from '../../../src/engine/jobs';
import { expandable, MAX_HOLE_BYTES, SparseExpander } from '../../../src/engine/sparse-content';
import { newXxh64 } from '../../../src/hash/xxh64';
import type { TarEntry } from '../../../src/formats/tar/types';

describe('GNU tar -S entries hash like the file they hold', () => {
  let sha = '';
  let xxh = '';
  let dir = '';
  beforeAll(async () => {
    const src = sparseSource();
    dir = src.dir;
    const buf = readFileSync(src.file);
    sha = createHash('sha256').update(buf).digest('hex');
    const h = (await newXxh64()).init();
    h.update(buf);
    xxh = h.digest('hex');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, boolean][] = [
    ['sparse-gnu.tar', true],
    ['sparse-gnu.tar', false],
    ['sparse-0.0.tar', true],
    ['sparse-1.0.tar', false],
  ];
  for (const [fixture, kernel] of cases) {
    it(`${fixture} (${kernel ? 'tarhash kernel' : 'hash-wasm'}): SHA-256 and XXH64 of the 100 MiB original`, async () => {
      const bytes = readBytes(gnuTarFixture(fixture));
      const r = await scanBlobJob(new Blob([bytes as Uint8Array<ArrayBuffer>]), { path: fixture, kernel });
      const f = r.layer!.files.find((x) => x.path === 's/sparse')!;
      expect(f).toMatchObject({ type: 'sparse', size: 100 * 1048576, sha256: sha, xxh64: xxh });
    });
  }
});

function expand(map: { offset: number; size: number }[], realSize: number, stored: Uint8Array, pieces: number[]): Uint8Array {
  const out: number[] = [];
  const x = new SparseExpander(map, realSize, (v) => out.push(...v));
  let at = 0;
  for (const n of pieces) {
    x.data(stored.subarray(at, at + n));
    at += n;
  }
  x.data(stored.subarray(at));
  x.end();
  return Uint8Array.from(out);
}

describe('SparseExpander', () => {
  const map = [
    { offset: 0, size: 3 },
    { offset: 10, size: 2 },
    { offset: 20, size: 0 },
  ];
  const stored = Uint8Array.from([1, 2, 3, 4, 5]);
  const want = new Uint8Array(20);
  want.set([1, 2, 3], 0);
  want.set([4, 5], 10);

  it('puts the chunks at their offsets with zeros between and after', () => {
    expect(expand(map, 20, stored, [])).toEqual(want);
  });

  it('gives the same bytes whatever the pieces (1 byte, across chunks)', () => {
    expect(expand(map, 20, stored, [1, 1, 1, 1])).toEqual(want);
    expect(expand(map, 20, stored, [4])).toEqual(want);
    expect(expand(map, 25, stored, [2, 2])).toEqual(Uint8Array.from([...want, 0, 0, 0, 0, 0]));
  });

  const entry = (over: Partial<TarEntry>): TarEntry => ({ type: 'sparse', size: 5, realSize: 20, sparseMap: map, ...over }) as TarEntry;
  it('expands only well-formed maps within the hole limit', () => {
    expect(expandable(entry({}))).toBe(true);
    expect(expandable(entry({ type: 'file' }))).toBe(false);
    expect(expandable(entry({ size: 6 }))).toBe(false); // stored bytes the map does not place
    expect(expandable(entry({ sparseMap: [map[1], map[0]] }))).toBe(false); // out of order
    expect(
      expandable(
        entry({
          sparseMap: [
            { offset: 0, size: 3 },
            { offset: 2, size: 2 },
          ],
          size: 5,
        }),
      ),
    ).toBe(false); // overlap
    expect(expandable(entry({ realSize: 11 }))).toBe(false); // a chunk past the real size
    expect(expandable(entry({ realSize: MAX_HOLE_BYTES + 6 }))).toBe(false); // holes over the limit
    expect(expandable(entry({ realSize: MAX_HOLE_BYTES + 5 }))).toBe(true);
  });
});
