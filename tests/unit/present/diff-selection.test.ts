/**
 * src/present/diff-selection.ts: the page's lists of differences, selected where the differences
 * are (the page's memory or the coordinator Worker). Checked against the plain filters the lists
 * ran on the page before (a filter over the whole array), on reports from the real differ.
 */
import { describe, expect, it } from 'vitest';
import { contentDiffers, manyFileDifferences, mtimeShift } from '../../builders/comparison';
import { DifferenceIndex, kindKey } from '../../../src/present/diff-selection';
import { LEVELS, levelCounts, levelOf, type LevelId } from '../../../src/present/levels';
import { compilePathFilter } from '../../../src/compare/glob';
import { whereText } from '../../../src/present/where';
import type { ComparisonReport, Difference } from '../../../src/compare/types';

/** A level's differences in report order, as the page grouped them before (a plain filter). */
const atLevel = (diffs: readonly Difference[], level: LevelId) => diffs.filter((d) => levelOf(d.subject) === level);

/** The list as the page filtered it before: every difference of the array, in order. */
function plain(diffs: readonly Difference[], path: string, kind: string, consequences: boolean): Difference[] {
  const match = compilePathFilter(path);
  const q = path.trim();
  return diffs.filter((d) => (consequences || !d.follows) && (!kind || kindKey(d) === kind) && (!q || match(d.scope.path ?? whereText(d))));
}

function all(ix: DifferenceIndex, sel: Parameters<DifferenceIndex['page']>[0]): Difference[] {
  const out: Difference[] = [];
  for (let start = 0; ; start += 37) {
    const p = ix.page(sel, start, start + 37);
    out.push(...p.rows);
    if (start + 37 >= p.count) return out;
  }
}

describe('DifferenceIndex', () => {
  const reports: [string, ComparisonReport][] = [
    ['metadata-only', mtimeShift()],
    ['content differs', contentDiffers()],
    ['2,000 file differences', manyFileDifferences(2000)],
  ];
  for (const [name, r] of reports) {
    it(`${name}: level counts and level lists are the page's groups, page by page`, () => {
      const ix = new DifferenceIndex(r.differences);
      expect(ix.total).toBe(r.differences.length);
      const want = (id: LevelId) => ({ all: atLevel(r.differences, id).length, roots: atLevel(r.differences, id).filter((d) => !d.follows).length });
      expect(levelCounts(r.differences)).toEqual(Object.fromEntries(LEVELS.map((l) => [l.id, want(l.id)])));
      expect(ix.levels).toEqual(levelCounts(r.differences));
      for (const l of LEVELS) {
        const rows = all(ix, { level: l.id });
        expect(rows).toEqual(atLevel(r.differences, l.id));
        for (const d of rows) expect(rows.filter((x) => x === d)).toHaveLength(1);
      }
    });

    it(`${name}: path (substring and glob), kind and consequence filters select what the page's filter did`, () => {
      const ix = new DifferenceIndex(r.differences);
      const files = atLevel(r.differences, 'files');
      const kinds = [...new Set(files.map(kindKey))];
      for (const path of ['', 'etc', '**/*.conf', 'usr/*', 'nothing-matches-this']) {
        for (const kind of ['', ...kinds]) {
          for (const consequences of [true, false]) {
            const want = plain(files, path, kind, consequences);
            const p = ix.page({ level: 'files', path, kind, consequences }, 0, 10);
            expect(p.count).toBe(want.length);
            expect(p.total).toBe(files.length);
            expect(p.rows).toEqual(want.slice(0, 10));
            expect(all(ix, { level: 'files', path, kind, consequences })).toEqual(want);
          }
        }
      }
    });
  }

  it("a cause's list: its differences in its order, then each one's consequences", () => {
    const r = mtimeShift();
    const ix = new DifferenceIndex(r.differences);
    const roots = r.differences
      .filter((d) => !d.follows)
      .slice(0, 3)
      .reverse();
    const want = [...roots, ...roots.flatMap((x) => r.differences.filter((d) => d.follows === x.id))];
    expect(want.length).toBeGreaterThan(roots.length); // the roots have consequences
    const p = ix.page({ roots: [...roots.map((d) => d.id), 'no-such-id'] }, 0, 1000);
    expect(p.rows).toEqual(want);
    expect(p.count).toBe(want.length);
    expect(p.hasConsequences).toBe(want.some((d) => d.follows));
  });

  it('a page brings the differences its rows follow, so a consequence says what it follows', () => {
    const r = mtimeShift();
    const ix = new DifferenceIndex(r.differences);
    for (const level of LEVELS.map((l) => l.id)) {
      const p = ix.page({ level }, 0, 1000);
      const here = new Map([...p.rows, ...p.followed].map((d) => [d.id, d]));
      for (const d of p.rows) if (d.follows) expect(here.get(d.follows)).toBe(ix.byId(d.follows));
      expect(new Set(p.followed.map((d) => d.id)).size).toBe(p.followed.length);
    }
    expect(r.differences.some((d) => d.follows && levelOf(d.subject) !== levelOf(ix.byId(d.follows)!.subject))).toBe(true);
  });

  it('kinds are counted before the filters, most first; pages past the end are empty', () => {
    const r = manyFileDifferences(500);
    const ix = new DifferenceIndex(r.differences);
    const files = atLevel(r.differences, 'files');
    const p = ix.page({ level: 'files', path: 'zzz' }, 0, 10);
    expect(p.count).toBe(0);
    expect(p.kinds.reduce((n, [, c]) => n + c, 0)).toBe(files.length);
    for (let i = 1; i < p.kinds.length; i++) expect(p.kinds[i - 1][1]).toBeGreaterThanOrEqual(p.kinds[i][1]);
    const end = ix.page({ level: 'files' }, files.length + 5, files.length + 50);
    expect(end.rows).toEqual([]);
    expect(end.start).toBe(files.length);
  });

  it('many selections in turn (more than it remembers) each stay right', () => {
    const r = manyFileDifferences(300);
    const ix = new DifferenceIndex(r.differences);
    const files = atLevel(r.differences, 'files');
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 12; i++) {
        const path = `*${i}`;
        expect(ix.page({ level: 'files', path }, 0, 1e6).rows).toEqual(plain(files, path, '', true));
      }
  });
});
