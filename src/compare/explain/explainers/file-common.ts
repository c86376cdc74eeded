/** Shared by the file explainers: what the files are ("directories", "whiteouts") and their count. */
import type { Difference } from '../../types';
import type { Context } from '../context';
import { num, plural } from '../format';

/** "936 files", "12 directories", "3 whiteouts", by distinct path per layer pair. */
export function filesNoun(roots: Difference[]): string {
  const keys = new Set<string>();
  let dirs = 0;
  let whiteouts = 0;
  for (const d of roots) {
    const k = `${d.scope.image}|${d.scope.layerA}|${d.scope.layerB}|${d.scope.path}`;
    if (keys.has(k)) continue;
    keys.add(k);
    if (d.facts?.isDir === true) dirs++;
    if (d.facts?.whiteout !== undefined) whiteouts++;
  }
  const n = keys.size;
  if (dirs === n) return plural(n, 'directory', 'directories');
  if (whiteouts === n) return plural(n, 'whiteout');
  return `${plural(n, 'file')}${dirs ? ` (${num(dirs)} of them ${dirs === 1 ? 'a directory' : 'directories'})` : ''}`;
}

/** True when each of these files differs in nothing else (among the roots explained). */
export function onlyThis(roots: Difference[], ctx: Context, fields = 1): boolean {
  for (const d of roots) if (d.subject === 'file' && ctx.rootsAtFile(d) > fields) return false;
  return true;
}

export function pathOf(d: Difference): string {
  return d.scope.path ?? '';
}
