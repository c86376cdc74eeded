/**
 * The preliminary comparison (structure only, engine/compare.ts) shows no `file`, `file-order`
 * or `merged` differences. What followed them must still point at a difference in the list:
 * the `layer-blob` difference of the same layer pair becomes their root (it is the deepest
 * thing known before the layers are scanned); without one, they become roots.
 */
import type { Difference, DiffResult } from '../types';

const DEEP = new Set(['file', 'file-order', 'merged']);

function layerKey(d: Difference): string {
  const s = d.scope;
  return `${s.imageA}|${s.imageB}|${s.layerA}|${s.layerB}`;
}

export function dropDeep(result: DiffResult): DiffResult {
  const dropped = new Map<string, Difference>();
  const kept: Difference[] = [];
  for (const d of result.differences) {
    if (DEEP.has(d.subject)) dropped.set(d.id, d);
    else kept.push({ ...d });
  }
  const blobs = new Map<string, Difference>();
  for (const d of kept) if (d.subject === 'layer-blob') blobs.set(layerKey(d), d);
  const reroot = (d: Difference) => {
    const target = d.follows !== undefined ? dropped.get(d.follows) : undefined;
    if (!target) return;
    const blob = blobs.get(layerKey(target));
    if (blob && blob !== d && !(blob.follows && dropped.has(blob.follows))) d.follows = blob.id;
    else delete d.follows;
  };
  for (const d of blobs.values()) reroot(d);
  for (const d of kept) if (d.subject !== 'layer-blob') reroot(d);
  return { ...result, differences: kept };
}
