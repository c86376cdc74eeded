/**
 * Where a difference is, in words: "app:1 (linux/amd64) · layer #2 · etc/passwd". The page's
 * lists show it, and its path filter matches it when a difference has no path: one function, so
 * that a filter means the same on the page and in the coordinator Worker that holds a large
 * report's differences (diff-selection.ts). Pure.
 */
import type { Difference } from '../compare/types';
import { layerName } from './format';

/** "#1 ↔ #2", "#3 (A only)", "" — layer indexes are 0-based in the report, 1-based on screen. */
export function layerPairText(layerA: number | undefined, layerB: number | undefined): string {
  if (layerA == null && layerB == null) return '';
  if (layerA != null && layerB != null) return layerA === layerB ? `layer ${layerName(layerA)}` : `layer ${layerName(layerA)} ↔ ${layerName(layerB)}`;
  return layerA != null ? `layer ${layerName(layerA)} (A only)` : `layer ${layerName(layerB)} (B only)`;
}

/** "app:1 (linux/amd64) · layer #2 · etc/passwd". */
export function whereText(d: Difference, withImage = true): string {
  const s = d.scope;
  const parts: string[] = [];
  if (withImage && s.image) parts.push(s.image);
  const layers = layerPairText(s.layerA, s.layerB);
  if (layers) parts.push(layers);
  if (s.path) parts.push(s.path);
  return parts.join(' · ');
}
