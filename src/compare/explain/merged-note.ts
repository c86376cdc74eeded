/**
 * "the merged filesystem is the same" in the headline (issue 11: what a container sees comes
 * first). Said when every image pair (attestations aside) has both sides and its merged
 * filesystems are the same (`pairing.mergedSame`, diff/merged.ts), and some remaining cause
 * is a layer or file difference: the layers differ, and the reader learns at once that a
 * container started from either image sees the same files. Not said for `same-image` or
 * `same-filesystem` verdicts (they say more already), nor when only config or index causes
 * remain (the layers are the same, so the merged filesystem trivially is).
 */
import type { DiffResult } from '../types';
import type { Category } from './types';
import type { Weighed } from './verdict';

export const MERGED_SAME = 'the merged filesystem is the same; ';

export function mergedSameNote(diff: DiffResult, remaining: Weighed[], verdict: Category): string {
  if (verdict !== 'metadata-only' && verdict !== 'content-differs') return '';
  const same = new Set(diff.pairing.mergedSame ?? []);
  const images = diff.pairing.images.map((p, k) => ({ p, k })).filter(({ p }) => p.by !== 'attests');
  if (!images.length || !images.every(({ p, k }) => p.a !== null && p.b !== null && same.has(k))) return '';
  return remaining.some((c) => c.level === 'layer' || c.level === 'file') ? MERGED_SAME : '';
}
