/**
 * Which layer of A is compared with which layer of B within an image pair (Pairing.layers):
 *  1. same diff_id (the same uncompressed tar; duplicates pair in order);
 *  2. same blob digest (layouts or reports without diff_ids);
 *  3. the leftovers: when both sides have as many, by their order ('position');
 *     otherwise by history `created_by` first (a layer inserted or dropped must not shift every
 *     later pair), then at the same index ('position');
 *  4. what remains is unpaired (a `layer` added/removed difference).
 */
import type { LayerReport } from '../../report/types';
import type { Pairing } from '../types';

export type LayerPair = Omit<Pairing['layers'][number], 'image'>;

export function pairLayers(A: LayerReport[], B: LayerReport[]): LayerPair[] {
  const toB = new Map<number, { b: number; by: LayerPair['by'] }>();
  const usedB = new Set<number>();
  const match = (key: (l: LayerReport) => string | null, by: LayerPair['by']) => {
    // B's free layers per key, taken in order through a cursor (`shift()` on a list of the
    // same layer listed 20,000 times was quadratic: issue 12).
    const free = new Map<string, { list: number[]; next: number }>();
    B.forEach((l, j) => {
      const k = key(l);
      if (k === null || usedB.has(j)) return;
      const f = free.get(k);
      if (f) f.list.push(j);
      else free.set(k, { list: [j], next: 0 });
    });
    A.forEach((l, i) => {
      if (toB.has(i)) return;
      const k = key(l);
      const f = k === null ? undefined : free.get(k);
      const j = f && f.next < f.list.length ? f.list[f.next++] : undefined;
      if (j === undefined) return;
      usedB.add(j);
      toB.set(i, { b: j, by });
    });
  };
  match((l) => l.diffId, 'diff_id');
  match((l) => l.digest, 'digest');
  const restA = A.map((_, i) => i).filter((i) => !toB.has(i));
  const restB = B.map((_, j) => j).filter((j) => !usedB.has(j));
  if (restA.length === restB.length) {
    restA.forEach((i, n) => {
      toB.set(i, { b: restB[n], by: 'position' });
      usedB.add(restB[n]);
    });
  } else {
    match((l) => l.createdBy, 'history');
    match((l) => String(l.index), 'position');
  }
  const out: LayerPair[] = [];
  A.forEach((_, i) => {
    const p = toB.get(i);
    out.push(p ? { a: i, b: p.b, by: p.by } : { a: i, b: null, by: 'unpaired' });
  });
  B.forEach((_, j) => {
    if (!usedB.has(j)) out.push({ a: null, b: j, by: 'unpaired' });
  });
  return out;
}
