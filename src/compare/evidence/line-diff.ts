/**
 * A bounded line diff: Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986) on the lines left after trimming the common prefix and suffix, turned
 * into unified-diff hunks with 3 lines of context. Bounds keep it cheap on any input: at most
 * MAX_LINES lines per side, at most MAX_D edits searched (beyond that the middle is shown as
 * removed-then-added), at most MAX_HUNK_LINES lines in the hunks; `truncated` says when a
 * bound cut anything.
 */
import type { ContentEvidence } from '../types';

type TextDiff = Extract<ContentEvidence, { kind: 'text-diff' }>;
type Line = { op: ' ' | '-' | '+'; text: string };

export const CONTEXT = 3;
export const MAX_LINES = 4000;
export const MAX_D = 1000;
export const MAX_HUNK_LINES = 400;

/** Lines of a text: split on \n; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script between a and b (every line, in order), or null when it needs more than maxD edits. */
export function myers(a: string[], b: string[], maxD = MAX_D): Line[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;
  // Walk the trace back from (n, m): each step d came from a diagonal move of step d-1.
  const out: Line[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) out.push({ op: ' ', text: a[--x] }), y--;
    if (x === prevX) out.push({ op: '+', text: b[--y] });
    else out.push({ op: '-', text: a[--x] });
  }
  while (x > 0 && y > 0) out.push({ op: ' ', text: a[--x] }), y--;
  return out.reverse();
}

/** Line diff of two texts as hunks (aStart/bStart are 1-based line numbers). */
export function lineDiff(aText: string, bText: string): TextDiff {
  let a = splitLines(aText);
  let b = splitLines(bText);
  let truncated = false;
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    a = a.slice(0, MAX_LINES);
    b = b.slice(0, MAX_LINES);
    truncated = true;
  }
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  let mid = myers(midA, midB);
  if (!mid) {
    truncated = true;
    mid = [...midA.map((text): Line => ({ op: '-', text })), ...midB.map((text): Line => ({ op: '+', text }))];
  }
  const script: Line[] = [
    ...a.slice(0, pre).map((text): Line => ({ op: ' ', text })),
    ...minusFirst(mid),
    ...a.slice(a.length - suf).map((text): Line => ({ op: ' ', text })),
  ];
  const { hunks, cut } = toHunks(script);
  return { kind: 'text-diff', hunks, truncated: truncated || cut };
}

/** Within each run of changed lines, removed lines before added ones (as diff -u prints them). */
function minusFirst(script: Line[]): Line[] {
  const out: Line[] = [];
  let minus: Line[] = [];
  let plus: Line[] = [];
  const flush = () => {
    out.push(...minus, ...plus);
    minus = [];
    plus = [];
  };
  for (const l of script) {
    if (l.op === ' ') {
      flush();
      out.push(l);
    } else (l.op === '-' ? minus : plus).push(l);
  }
  flush();
  return out;
}

/** Groups an edit script into hunks: changes with CONTEXT lines around, close changes merged. */
export function toHunks(script: Line[], context = CONTEXT): { hunks: TextDiff['hunks']; cut: boolean } {
  const hunks: TextDiff['hunks'] = [];
  const changed: number[] = [];
  for (let i = 0; i < script.length; i++) if (script[i].op !== ' ') changed.push(i);
  if (!changed.length) return { hunks, cut: false };
  // Line numbers before each script position.
  const aNo = new Int32Array(script.length + 1);
  const bNo = new Int32Array(script.length + 1);
  for (let i = 0; i < script.length; i++) {
    aNo[i + 1] = aNo[i] + (script[i].op !== '+' ? 1 : 0);
    bNo[i + 1] = bNo[i] + (script[i].op !== '-' ? 1 : 0);
  }
  let total = 0;
  let cut = false;
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i] - context);
    let end = Math.min(script.length, changed[i] + 1 + context);
    let j = i + 1;
    while (j < changed.length && changed[j] - context <= end) {
      end = Math.min(script.length, changed[j] + 1 + context);
      j++;
    }
    let lines = script.slice(start, end);
    if (total + lines.length > MAX_HUNK_LINES) {
      lines = lines.slice(0, MAX_HUNK_LINES - total);
      cut = true;
    }
    // As diff -u: a side with no line in the hunk is numbered by the line before it (0 at the top).
    const hasA = lines.some((l) => l.op !== '+');
    const hasB = lines.some((l) => l.op !== '-');
    if (lines.length) hunks.push({ aStart: aNo[start] + (hasA ? 1 : 0), bStart: bNo[start] + (hasB ? 1 : 0), lines });
    total += lines.length;
    if (cut) break;
    i = j;
  }
  return { hunks, cut };
}
