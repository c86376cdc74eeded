/** Shared by the file explainers: what the files are ("directories", "whiteouts") and their count. */
import type { Difference } from '../../types';
import { samePlace, type Context } from '../context';
import { num, plural } from '../format';

/** "936 files", "12 directories", "3 whiteouts", by distinct path per layer pair. */
export function filesNoun(roots: Difference[]): string {
  let n = 0;
  let dirs = 0;
  let whiteouts = 0;
  let prev: Difference | undefined;
  for (const d of roots) {
    // A file pair's roots are consecutive (differ order): count each pair once.
    if (prev && samePlace(prev, d)) continue;
    prev = d;
    n++;
    // Merged differences carry neither (their file differences do).
    if (d.subject === 'file' && d.facts?.isDir === true) dirs++;
    if (d.subject === 'file' && d.facts?.whiteout !== undefined) whiteouts++;
  }
  if (dirs === n) return plural(n, 'directory', 'directories');
  if (whiteouts === n) return plural(n, 'whiteout');
  return `${plural(n, 'file')}${dirs ? ` (${num(dirs)} of them ${dirs === 1 ? 'a directory' : 'directories'})` : ''}`;
}

/** True when none of these files differs in anything else (among the roots explained). */
export function onlyThis(roots: Difference[], ctx: Context): boolean {
  for (const d of roots) if (d.subject === 'file' && ctx.hasOtherRoots(d)) return false;
  return true;
}

/** The path for a sentence: the root directory (normalised to '') is "./". */
export function pathOf(d: Difference): string {
  return d.scope.path || './';
}

/** "has"/"have" for a noun phrase that starts with its count ("1 file …"). */
export function verb(noun: string, one: string, many: string): string {
  return /^1 /.test(noun) ? one : many;
}

/** "6 file mtimes" / "1 file mtime" from a noun phrase with its count. */
export function countOf(noun: string): number {
  return Number(noun.split(' ')[0].replace(/,/g, '')) || 0;
}
