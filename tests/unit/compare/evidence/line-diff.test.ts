/**
 * The line diff against GNU diff -U3 (the reference) on texts whose minimal edit script is
 * unique (distinct lines), the bounds, and the text/hex choice of bytesEvidence.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { lineDiff, myers, MAX_HUNK_LINES } from '../../../../src/compare/evidence/line-diff';
import { bytesEvidence, hexWindow } from '../../../../src/compare/evidence/bytes';
import { tempDir } from '../../../support/tools';

type Hunk = { aStart: number; bStart: number; lines: { op: string; text: string }[] };

/** GNU diff -U3's hunks, parsed. */
function gnuDiff(a: string, b: string): Hunk[] {
  const dir = tempDir();
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  const out = spawnSync('diff', ['-U3', 'a', 'b'], { cwd: dir, encoding: 'utf8' }).stdout;
  const hunks: Hunk[] = [];
  for (const line of out.split('\n').slice(2)) {
    const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (m) hunks.push({ aStart: Number(m[1]), bStart: Number(m[2]), lines: [] });
    else if (line && !line.startsWith('\\')) hunks.at(-1)!.lines.push({ op: line[0], text: line.slice(1) });
  }
  return hunks;
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

describe('lineDiff', () => {
  const A = lines(120, (i) => `line ${i}`);
  const cases: [string, string][] = [
    ['one line changed', A.replace('line 10\n', 'line ten\n')],
    ['changes close together merge into one hunk', A.replace('line 10\n', 'x\n').replace('line 16\n', 'y\n')],
    ['changes 7 apart stay separate', A.replace('line 10\n', 'x\n').replace('line 18\n', 'y\n')],
    ['deletion, insertion, replacement', A.replace('line 3\n', '').replace('line 50\n', 'line 50\nnew a\nnew b\n').replace('line 90\nline 91\n', 'ninety\n')],
    ['first and last lines', A.replace('line 0\n', 'zero\n').replace('line 119\n', 'end\n')],
    ['everything differs', lines(30, (i) => `other ${i}`)],
    ['B empty', ''],
  ];
  for (const [name, B] of cases) {
    it(`${name}: same hunks as diff -U3`, () => {
      const got = lineDiff(A, B);
      expect(got.truncated).toBe(false);
      expect(got.hunks).toEqual(gnuDiff(A, B));
    });
  }

  it('equal texts: no hunks; myers gives the minimal script', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n').hunks).toEqual([]);
    expect(myers(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c'])!.filter((l) => l.op !== ' ')).toHaveLength(5); // Myers' paper: D = 5
  });

  it('bounded: too many edits or hunk lines are cut and flagged', () => {
    const a = lines(3000, (i) => `a${i}`);
    const b = lines(3000, (i) => `b${i}`);
    const d = lineDiff(a, b);
    expect(d.truncated).toBe(true);
    expect(d.hunks.reduce((n, h) => n + h.lines.length, 0)).toBe(MAX_HUNK_LINES);
    expect(d.hunks[0].lines[0]).toEqual({ op: '-', text: 'a0' });
  });
});

describe('bytesEvidence', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('text when both sides are whole UTF-8 without NUL, else hex', () => {
    expect(bytesEvidence(enc('a\nb\n'), enc('a\nc\n'), true, true)?.kind).toBe('text-diff');
    expect(bytesEvidence(enc('a\0b\n'), enc('a\0c\n'), true, true)).toEqual({ kind: 'hex', offset: 0, a: '6100620a', b: '6100630a', length: 4 });
    expect(bytesEvidence(new Uint8Array([0xff, 0x41]), new Uint8Array([0xff, 0x42]), true, true)?.kind).toBe('hex');
    // A head equal to the other side's, and that side not whole: the difference is further on.
    expect(bytesEvidence(enc('abc'), enc('abc'), false, false)).toBeNull();
    expect(bytesEvidence(enc('a\0'), enc('a\0c'), true, true)).toEqual({ kind: 'hex', offset: 0, a: '6100', b: '610063', length: 3 });
    expect(bytesEvidence(enc('ab'), enc('abc'), true, true)?.kind).toBe('text-diff');
  });
  it('hex window: the 16-byte row before the difference, 64 bytes', () => {
    const a = new Uint8Array(200).map((_, i) => i);
    const b = a.slice();
    b[100] = 0;
    const w = hexWindow(a, b, 100);
    expect(w.offset).toBe(80);
    expect(w.length).toBe(64);
    expect(w.a.slice(40, 42)).toBe('64');
    expect(w.b.slice(40, 42)).toBe('00');
  });
});
