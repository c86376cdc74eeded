/**
 * The pattern of a set of time differences, in words: "every B time is 2 min 27 s later",
 * "all mtimes in A are clamped to 1970-01-01", "B times are 1 s to 3 days later", "present in
 * B only". Used for file and archive-entry mtimes, atime/ctime and config/history times.
 */
import { duration, isoTime, plural } from './format';

export interface TimePair {
  a?: number;
  b?: number;
}

function when(t: number): string {
  const iso = isoTime(t);
  return iso.endsWith('T00:00:00Z') ? iso.slice(0, 10) : iso;
}

/** `noun` is what the times are ("mtime", "time"). */
export function timePattern(pairs: TimePair[], noun = 'time'): string {
  const n = pairs.length;
  if (!n) return '';
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let min = Infinity;
  let max = -Infinity;
  let a0: number | undefined;
  let b0: number | undefined;
  let sameA = true;
  let sameB = true;
  for (const p of pairs) {
    if (p.a !== undefined && p.b !== undefined) {
      both++;
      const d = p.b - p.a;
      if (d < min) min = d;
      if (d > max) max = d;
    } else if (p.a !== undefined) onlyA++;
    else if (p.b !== undefined) onlyB++;
    if (p.a !== undefined) {
      a0 ??= p.a;
      if (p.a !== a0) sameA = false;
    } else sameA = false;
    if (p.b !== undefined) {
      b0 ??= p.b;
      if (p.b !== b0) sameB = false;
    } else sameB = false;
  }
  if (onlyB === n) return `present in B only`;
  if (onlyA === n) return `present in A only`;
  if (both < n) return `${plural(both, noun)} differ, ${onlyA + onlyB} present on one side only`;
  if (min === max) {
    const dir = min > 0 ? 'later' : 'earlier';
    return n === 1 ? `B's ${noun} is ${duration(min)} ${dir}` : `every B ${noun} is ${duration(min)} ${dir}`;
  }
  if (n > 1 && sameA && a0 !== undefined) return `all ${noun}s in A are ${min >= 0 ? 'clamped to ' : ''}${when(a0)}`;
  if (n > 1 && sameB && b0 !== undefined) return `all ${noun}s in B are ${max <= 0 ? 'clamped to ' : ''}${when(b0)}`;
  // Sub-second spreads (fractional timestamps) read as one duration when they round the same.
  if (min > 0)
    return duration(min) === duration(max) ? `every B ${noun} is about ${duration(min)} later` : `B ${noun}s are ${duration(min)} to ${duration(max)} later`;
  if (max < 0)
    return duration(-max) === duration(-min)
      ? `every B ${noun} is about ${duration(-max)} earlier`
      : `B ${noun}s are ${duration(-max)} to ${duration(-min)} earlier`;
  return `B ${noun}s are up to ${duration(Math.max(-min, max))} earlier or later`;
}
