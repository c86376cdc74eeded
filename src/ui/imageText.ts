/** Names for images in headings and lists (pure). */
import type { ImageReport } from '../report/types';
import { formatPlatform } from '../present/format';

export function imageTitle(image: ImageReport, position: number): string {
  const name = image.tags.length ? image.tags.join(', ') : `Image ${position + 1}`;
  if (image.kind === 'attestation') return `Attestation${image.tags.length ? ` (${name})` : ` ${position + 1}`}`;
  return name;
}

export function imagePlatform(image: ImageReport): string {
  if (image.platform) return formatPlatform(image.platform);
  if (image.os || image.architecture) return [image.os, image.architecture].filter(Boolean).join('/');
  return '';
}

/** Sum of the stored (compressed) layer sizes, or null when one is unknown. */
export function imageSize(image: ImageReport): number | null {
  let total = 0;
  for (const l of image.layers) {
    if (l.size == null) return null;
    total += l.size;
  }
  return total;
}

/**
 * Which layer each history entry made: layers name their entry (`historyIndex`); when
 * they do not, the n-th history entry without `empty_layer` made the n-th layer
 * (OCI image-spec config.md, "history").
 */
export function historyLayers(image: ImageReport): (number | null)[] {
  const out: (number | null)[] = image.history.map(() => null);
  const named = image.layers.filter((l) => l.historyIndex != null);
  if (named.length > 0) {
    for (const l of named) if (l.historyIndex! < out.length) out[l.historyIndex!] = l.index;
    return out;
  }
  let n = 0;
  image.history.forEach((h, i) => {
    if (!h.empty_layer && n < image.layers.length) out[i] = image.layers[n++].index;
  });
  return out;
}
