/**
 * Content evidence laid out for the screen (pure): text-diff hunks as side-by-side or unified
 * rows with line numbers, and hex windows as 16-byte rows with the differing bytes marked.
 * Shapes: src/compare/types.ts `ContentEvidence`.
 */
import type { ContentEvidence } from '../compare/types';

type TextDiff = Extract<ContentEvidence, { kind: 'text-diff' }>;
type Hunk = TextDiff['hunks'][number];
type HexEvidence = Extract<ContentEvidence, { kind: 'hex' }>;

export interface UnifiedRow {
  op: ' ' | '-' | '+';
  aNo: number | null;
  bNo: number | null;
  text: string;
}

/** One hunk as unified-diff rows; line numbers count from the hunk's aStart/bStart (1-based). */
export function unifiedRows(h: Hunk): UnifiedRow[] {
  let a = h.aStart;
  let b = h.bStart;
  return h.lines.map((l) => {
    if (l.op === ' ') return { op: l.op, aNo: a++, bNo: b++, text: l.text };
    if (l.op === '-') return { op: l.op, aNo: a++, bNo: null, text: l.text };
    return { op: l.op, aNo: null, bNo: b++, text: l.text };
  });
}

export interface SideCell {
  no: number;
  text: string;
  op: ' ' | '-' | '+';
}

export interface SideRow {
  a: SideCell | null;
  b: SideCell | null;
}

/**
 * One hunk side by side: context lines face each other; a run of removed lines and the run
 * of added lines right after it are paired line by line (the longer run leaves blanks).
 */
export function sideBySideRows(h: Hunk): SideRow[] {
  const rows: SideRow[] = [];
  let a = h.aStart;
  let b = h.bStart;
  let minus: SideCell[] = [];
  let plus: SideCell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(minus.length, plus.length); i++) rows.push({ a: minus[i] ?? null, b: plus[i] ?? null });
    minus = [];
    plus = [];
  };
  for (const l of h.lines) {
    if (l.op === ' ') {
      flush();
      rows.push({ a: { no: a++, text: l.text, op: ' ' }, b: { no: b++, text: l.text, op: ' ' } });
    } else if (l.op === '-') {
      if (plus.length) flush(); // "-" after "+": a new change block
      minus.push({ no: a++, text: l.text, op: '-' });
    } else {
      plus.push({ no: b++, text: l.text, op: '+' });
    }
  }
  flush();
  return rows;
}

/**
 * The first `limit` lines of a diff, counting each hunk's head as a line: per hunk its rows
 * to show (possibly cut), or null for hunks past the limit. `limit` null: everything.
 */
export function clipHunks<T>(hunks: T[][], limit: number | null): (T[] | null)[] {
  if (limit == null) return hunks;
  let left = limit;
  return hunks.map((rows) => {
    if (left <= 1) return null;
    left -= 1;
    const shown = rows.slice(0, left);
    left -= shown.length;
    return shown;
  });
}

export interface HexRow {
  offset: number;
  /** Two hex digits per byte; null where that side has no byte. */
  a: (string | null)[];
  b: (string | null)[];
  differs: boolean[];
}

export const HEX_ROW = 16;

function bytesOf(hex: string): string[] {
  const clean = hex.replace(/[^0-9a-f]/gi, '').toLowerCase();
  const out: string[] = [];
  for (let i = 0; i + 1 < clean.length; i += 2) out.push(clean.slice(i, i + 2));
  return out;
}

/**
 * The hex window as rows of 16 bytes. Rows are aligned to multiples of 16 (as `xxd` and
 * `hexdump -C` print them), so the window's first row may start with blank cells.
 */
export function hexRows(e: HexEvidence): HexRow[] {
  const a = bytesOf(e.a);
  const b = bytesOf(e.b);
  const n = Math.max(a.length, b.length);
  if (n === 0) return [];
  const start = e.offset - (e.offset % HEX_ROW);
  const lead = e.offset - start;
  const rows: HexRow[] = [];
  for (let rowStart = start; rowStart < e.offset + n; rowStart += HEX_ROW) {
    const row: HexRow = { offset: rowStart, a: [], b: [], differs: [] };
    for (let col = 0; col < HEX_ROW; col++) {
      const i = rowStart + col - start - lead;
      const inWindow = i >= 0 && i < n;
      const x = inWindow ? (a[i] ?? null) : null;
      const y = inWindow ? (b[i] ?? null) : null;
      row.a.push(x);
      row.b.push(y);
      row.differs.push(inWindow && x !== y);
    }
    rows.push(row);
  }
  return rows;
}

/** "0000a0f0": offsets in hex, at least 8 digits. */
export function hexOffset(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** The printable ASCII of a byte row ("." for the rest), as `hexdump -C` shows it. */
export function asciiOf(bytes: (string | null)[]): string {
  return bytes
    .map((h) => {
      if (h == null) return ' ';
      const c = parseInt(h, 16);
      return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    })
    .join('');
}
