/**
 * Which differences get content evidence: a bounded number of file contents, chosen so that
 * the ones a person is shown come first (ids the caller prefers, e.g. those the causes cite
 * as evidence), then recognised kinds (.pyc, logs, machine-id…), then the smallest files
 * (cheap to read, and a small text file gives the most readable diff); and every
 * `layer-blob` difference of a recompressed layer (same diff_id: cause `layer.compression`).
 */
import type { Difference } from '../types';
import { recogniseByPath } from './recognise';

export const MAX_FILES = 20;

export interface FileTarget {
  d: Difference;
  path: string;
  /** 1-based occurrence of the path in its tar (the n of `path#n` in the id). */
  occurrence: number;
  sizeA: number;
  sizeB: number;
  plain: boolean;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** The occurrence a file difference is about, from its id (`…:<path>#<n>:content`). */
export function occurrenceOf(d: Difference): number {
  const path = d.scope.path ?? '';
  const suffix = `:${d.field}`;
  if (!d.id.endsWith(suffix)) return 1;
  const rest = d.id.slice(0, -suffix.length);
  if (rest.endsWith(`:${path}`)) return 1;
  const m = /#(\d+)$/.exec(rest);
  return m && rest.endsWith(`:${path}#${m[1]}`) ? Number(m[1]) : 1;
}

export function planFiles(diff: Difference[], prefer: Set<string>, max = MAX_FILES): FileTarget[] {
  const targets: FileTarget[] = [];
  for (const d of diff) {
    if (d.subject !== 'file' || d.kind !== 'changed' || d.field !== 'content' || d.scope.path === undefined) continue;
    targets.push({
      d,
      path: d.scope.path,
      occurrence: occurrenceOf(d),
      sizeA: num(d.facts?.sizeA),
      sizeB: num(d.facts?.sizeB),
      plain: d.id.startsWith('file:plain:'),
    });
  }
  const rank = (t: FileTarget) => (prefer.has(t.d.id) ? 0 : recogniseByPath(t.path) ? 1 : 2);
  targets.sort((x, y) => rank(x) - rank(y) || Math.max(x.sizeA, x.sizeB) - Math.max(y.sizeA, y.sizeB));
  return targets.slice(0, max);
}

/** Recompressed layers: same diff_id, different blob (a root, not a consequence). */
export function planLayers(diff: Difference[]): Difference[] {
  return diff.filter((d) => d.subject === 'layer-blob' && d.kind === 'changed' && d.facts?.sameDiffId === true && !d.follows);
}
