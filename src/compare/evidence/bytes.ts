/**
 * Evidence from two files' bytes: a line diff when both are small text, else a hex window
 * around the first differing byte. "Text" = valid UTF-8, no NUL byte, at most TEXT_LIMIT
 * bytes on each side and both sides read whole.
 */
import type { ContentEvidence } from '../types';
import { lineDiff } from './line-diff';

export const TEXT_LIMIT = 64 * 1024;
/** Bytes shown before the first difference (rounded down to a 16-byte row) and in all. */
export const HEX_BEFORE = 16;
export const HEX_WINDOW = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of bytes that look like text, or null. */
export function asText(b: Uint8Array): string | null {
  if (b.length > TEXT_LIMIT || b.includes(0)) return null;
  try {
    return utf8.decode(b);
  } catch {
    return null;
  }
}

/** Index of the first differing byte of two arrays (the shorter one's length when one is a prefix), or -1. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
}

/**
 * The hex window around `at` (an offset in the file) from bytes that start at file offset
 * `base` on both sides: from the 16-byte row before the difference, HEX_WINDOW bytes.
 */
export function hexWindow(a: Uint8Array, b: Uint8Array, at: number, base = 0): Extract<ContentEvidence, { kind: 'hex' }> {
  const rowStart = Math.max(base, at - HEX_BEFORE - ((((at - HEX_BEFORE) % 16) + 16) % 16));
  const from = rowStart - base;
  const wa = a.subarray(Math.min(from, a.length), Math.min(from + HEX_WINDOW, a.length));
  const wb = b.subarray(Math.min(from, b.length), Math.min(from + HEX_WINDOW, b.length));
  return { kind: 'hex', offset: rowStart, a: toHex(wa), b: toHex(wb), length: Math.max(wa.length, wb.length) };
}

/**
 * Content evidence of two whole files (`wholeA/B` false when the bytes are only a head):
 * a line diff for text, else a hex window; null when the given bytes are equal (the
 * difference lies beyond them).
 */
export function bytesEvidence(a: Uint8Array, b: Uint8Array, wholeA: boolean, wholeB: boolean): ContentEvidence | null {
  if (wholeA && wholeB) {
    const ta = asText(a);
    const tb = ta === null ? null : asText(b);
    if (ta !== null && tb !== null) {
      const d = lineDiff(ta, tb);
      if (d.hunks.length) return d;
    }
  }
  let at = firstDifference(a, b);
  // A head that is a prefix of the other side's head says nothing unless that side is whole.
  if (at >= 0 && at === Math.min(a.length, b.length) && !(a.length < b.length ? wholeA : wholeB)) at = -1;
  return at < 0 ? null : hexWindow(a, b, at);
}
