import { describe, expect, it } from 'vitest';
import { assignFiles, plan, type Source } from '../../../src/ui/sources';
import { comparisonFilename } from '../../../src/ui/download';
import { comparisonStatus, explainFor, failedComparison, sameOptions, type ExplainFn } from '../../../src/ui/compareRun';
import { formatValue, valueText, whatText } from '../../../src/ui/diffText';
import { whereText } from '../../../src/present/where';
import { levelCounts, levelOfCause } from '../../../src/present/levels';
import { DifferenceIndex } from '../../../src/present/diff-selection';
import { hexRows, sideBySideRows, unifiedRows } from '../../../src/ui/evidenceRows';
import { parsePaths } from '../../../src/ui/OptionsPanel';
import { NO_IGNORES, type Difference } from '../../../src/compare/types';
import { contentDiffers, mtimeShift, unreadableB } from '../../builders/comparison';

const file = (name: string) => ({ name }) as File;
const src = (name: string): Source => ({ name, size: 1, blob: new Blob([]) });

describe('sources', () => {
  it('two files: the first is A, the second B, whatever the target', () => {
    const [x, y, z] = [file('x'), file('y'), file('z')];
    expect(assignFiles([x, y, z], { a: null, b: null })).toEqual({ a: x, b: y });
    expect(assignFiles([x, y], { a: src('old'), b: null }, 'b')).toEqual({ a: x, b: y });
  });

  it('one file: to its target slot; else the first empty slot; both full → B', () => {
    const x = file('x');
    expect(assignFiles([x], { a: null, b: null }, 'b')).toEqual({ b: x });
    expect(assignFiles([x], { a: null, b: null })).toEqual({ a: x });
    expect(assignFiles([x], { a: src('a'), b: null })).toEqual({ b: x });
    expect(assignFiles([x], { a: null, b: src('b') })).toEqual({ a: x });
    expect(assignFiles([x], { a: src('a'), b: src('b') })).toEqual({ b: x });
    expect(assignFiles([], { a: null, b: null })).toEqual({});
  });

  it('plan: nothing, inspect the one archive (A or B), or compare', () => {
    const a = src('a');
    const b = src('b');
    expect(plan({ a: null, b: null })).toEqual({ kind: 'none' });
    expect(plan({ a, b: null })).toEqual({ kind: 'inspect', source: a });
    expect(plan({ a: null, b })).toEqual({ kind: 'inspect', source: b });
    expect(plan({ a, b })).toEqual({ kind: 'compare', a, b });
  });
});

describe('comparisonFilename', () => {
  it('joins the base names with -vs-, dropping directories and control characters', () => {
    expect(comparisonFilename('a.tar', 'b.tar')).toBe('a.tar-vs-b.tar.tarscope.json');
    expect(comparisonFilename('C:\\x\\app.tar', '/tmp/y/app\u0007.tar.gz')).toBe('app.tar-vs-app.tar.gz.tarscope.json');
    expect(comparisonFilename('', ' ')).toBe('archive-vs-archive.tarscope.json');
  });
});

describe('compareRun', () => {
  it('sameOptions compares every flag and the path list in order', () => {
    expect(sameOptions(NO_IGNORES, { ...NO_IGNORES, paths: [] })).toBe(true);
    expect(sameOptions(NO_IGNORES, { ...NO_IGNORES, timestamps: true })).toBe(false);
    expect(sameOptions({ ...NO_IGNORES, paths: ['a', 'b'] }, { ...NO_IGNORES, paths: ['b', 'a'] })).toBe(false);
  });

  it('explainFor keeps the engine report as is for its own options, and re-explains for others, carrying content evidence over', () => {
    const r = contentDiffers();
    const seen: unknown[] = [];
    const explain: ExplainFn = (diff, a, b, o) => {
      seen.push({ diff, a, b, o });
      const content = r.causes[0];
      // A re-explanation that cites the same differences, without the rich detail.
      return { verdict: 'metadata-only', headline: 'new', causes: [{ ...content, evidence: content.evidence.map(({ detail: _, ...e }) => e) }], ignored: 3 };
    };
    const same = explainFor(r, NO_IGNORES, explain);
    expect(same.report).toBe(r);
    expect(same.ignored).toBe(3);
    expect(seen[0]).toEqual({
      diff: { differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes },
      a: r.inputs[0],
      b: r.inputs[1],
      o: NO_IGNORES,
    });

    const opts = { ...NO_IGNORES, timestamps: true };
    const other = explainFor(r, opts, explain);
    expect(other.report).not.toBe(r);
    expect(other.report.options).toBe(opts);
    expect(other.report.verdict).toBe('metadata-only');
    expect(other.report.headline).toBe('new');
    expect(other.report.differences).toBe(r.differences);
    expect(other.report.causes[0].evidence.map((e) => e.detail?.kind)).toEqual(['text-diff', 'hex', 'recognised']);
    expect(r.verdict).toBe('content-differs'); // the engine's report is not mutated

    expect(explainFor(r, opts, null)).toEqual({ report: r, ignored: null });
  });

  it('comparisonStatus: cancelled, failed (unreadable) or done', () => {
    expect(comparisonStatus(mtimeShift(), false)).toBe('done');
    expect(comparisonStatus(mtimeShift(), true)).toBe('cancelled');
    expect(comparisonStatus(unreadableB(), false)).toBe('failed');
    const r = mtimeShift();
    r.inputs[1].errors.push({ code: 'cancelled', component: 'engine', message: 'engine: cancelled' });
    expect(comparisonStatus(r, false)).toBe('cancelled');
  });

  it('failedComparison is a complete unreadable report naming the component', () => {
    const r = failedComparison({ name: 'a.tar', size: 1 }, { name: 'b.tar', size: 2 }, new Error('boom'), 'engine', NO_IGNORES);
    expect(r).toMatchObject({ schemaVersion: 1, kind: 'comparison', verdict: 'unreadable', causes: [], differences: [], identicalBytes: null });
    expect(r.headline).toBe('The comparison could not run: engine: boom');
    expect(r.inputs.map((i) => [i.name, i.size, i.error])).toEqual([
      ['a.tar', 1, 'engine: boom'],
      ['b.tar', 2, 'engine: boom'],
    ]);
  });
});

describe('diffText', () => {
  // Hand-made, partial differences (a `layer` without its facts): only what the texts read.
  const d = (o: Partial<Difference>): Difference => ({ id: 'x', subject: 'file', kind: 'changed', scope: {}, ...o }) as Difference;

  it('formats values by field: times, modes, sizes, digests, one-sided entries, merged versions', () => {
    expect(formatValue('mtime', 1_700_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(formatValue('gzip.mtime', 0)).toBe('0 (not set)');
    expect(formatValue('mode', 0o4755)).toBe('4755 rwsr-xr-x');
    expect(formatValue('size', 1536)).toBe('1.50 KiB (1,536 B)');
    expect(formatValue('layers[1].size', 100)).toBe('100 B');
    expect(formatValue('uid', 1000)).toBe('1000');
    const digest = `sha256:${'ab'.repeat(32)}`;
    expect(formatValue('digest', digest)).toBe('abababababab');
    expect(formatValue('digest', digest, true)).toBe(digest);
    expect(formatValue('content', 'cd'.repeat(32))).toBe('cdcdcdcdcdcd…');
    expect(formatValue(undefined, { type: 'file', size: 2048 })).toBe('file, 2.00 KiB');
    expect(formatValue(undefined, { type: 'dir', size: 0 })).toBe('dir');
    expect(formatValue('version', { layer: 0, mtime: 1_700_000_000 })).toBe('layer #1, mtime 2023-11-14T22:13:20Z');
    expect(formatValue('config.Env', ['A=1'])).toBe('["A=1"]');
    expect(formatValue('x', undefined)).toBe('absent');
    expect(formatValue('x', null)).toBe('null');
  });

  it('says what and where', () => {
    expect(whatText(d({ field: 'mtime' }))).toBe('mtime');
    expect(whatText(d({ kind: 'added' }))).toBe('file added in B');
    expect(whatText(d({ kind: 'removed', subject: 'layer' }))).toBe('layer only in A');
    expect(whatText(d({ kind: 'added', subject: 'manifest', field: 'annotations.x' }))).toBe('annotations.x (only in B)');
    expect(whatText(d({ kind: 'reordered', field: 'order' }))).toBe('order');
    expect(whereText(d({ scope: { image: 'app:1', layerA: 0, layerB: 0, path: 'etc/passwd' } }))).toBe('app:1 · layer #1 · etc/passwd');
    expect(whereText(d({ scope: { image: 'app:1', layerA: 0, layerB: 2 } }), false)).toBe('layer #1 ↔ #3');
    expect(whereText(d({ scope: { layerB: 2 } }))).toBe('layer #3 (B only)');
    expect(valueText(d({ field: 'mtime', a: 1_700_000_000 }), 'b')).toBe('absent');
  });
});

describe('diffLevels', () => {
  it('groups differences by level in one pass and counts roots', () => {
    const r = mtimeShift();
    const g = levelCounts(r.differences);
    const ix = new DifferenceIndex(r.differences);
    const rows = (level: 'manifests' | 'config') => ix.page({ level }, 0, r.differences.length).rows;
    expect(g.files.all).toBe(r.differences.filter((d) => ['file', 'merged', 'file-order'].includes(d.subject)).length);
    expect(g.files.roots).toBe(9);
    expect(rows('manifests').every((d) => d.subject === 'manifest')).toBe(true);
    expect(
      rows('config')
        .map((d) => d.subject)
        .sort(),
    ).toEqual(['config', 'config', 'config', 'config', 'history']);
    expect(Object.values(g).reduce((n, x) => n + x.all, 0)).toBe(r.differences.length);
    expect(['file', 'layer', 'integrity', 'manifest', 'outer tar', 'input'].map(levelOfCause)).toEqual([
      'files',
      'layers',
      'layers',
      'manifests',
      'archive',
      'archive',
    ]);
  });
});

describe('evidence rows', () => {
  const hunk = {
    aStart: 10,
    bStart: 12,
    lines: [
      { op: ' ' as const, text: 'a' },
      { op: '-' as const, text: 'b' },
      { op: '-' as const, text: 'c' },
      { op: '+' as const, text: 'B' },
      { op: ' ' as const, text: 'd' },
      { op: '+' as const, text: 'E' },
    ],
  };

  it('side by side: removed and added runs are paired, line numbers count per side', () => {
    expect(sideBySideRows(hunk).map((r) => [r.a && `${r.a.no}${r.a.op}${r.a.text}`, r.b && `${r.b.no}${r.b.op}${r.b.text}`])).toEqual([
      ['10 a', '12 a'],
      ['11-b', '13+B'],
      ['12-c', null],
      ['13 d', '14 d'],
      [null, '15+E'],
    ]);
  });

  it('unified: each line with its A and B numbers', () => {
    expect(unifiedRows(hunk).map((r) => [r.aNo, r.bNo, r.op + r.text])).toEqual([
      [10, 12, ' a'],
      [11, null, '-b'],
      [12, null, '-c'],
      [null, 13, '+B'],
      [13, 14, ' d'],
      [null, 15, '+E'],
    ]);
  });

  it('hex: rows aligned to 16 bytes, differing bytes marked, a shorter side leaves blanks that differ', () => {
    const rows = hexRows({ kind: 'hex', offset: 14, length: 4, a: '00 11 22 33', b: '0011ff' });
    expect(rows.map((r) => r.offset)).toEqual([0, 16]);
    expect(rows[0].a.slice(13)).toEqual([null, '00', '11']);
    expect(rows[0].differs.filter(Boolean)).toHaveLength(0);
    expect(rows[1].a.slice(0, 3)).toEqual(['22', '33', null]);
    expect(rows[1].b.slice(0, 3)).toEqual(['ff', null, null]);
    expect(rows[1].differs.slice(0, 3)).toEqual([true, true, false]);
    expect(hexRows({ kind: 'hex', offset: 0, length: 0, a: '', b: '' })).toEqual([]);
  });
});

describe('parsePaths', () => {
  it('one glob per line or comma, trimmed, blanks dropped', () => {
    expect(parsePaths(' /var/log/** \n\n**/*.pyc, /tmp/*\n')).toEqual(['/var/log/**', '**/*.pyc', '/tmp/*']);
    expect(parsePaths('')).toEqual([]);
  });
});
