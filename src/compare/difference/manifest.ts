/**
 * The image manifest of an image pair (diff/manifest.ts), compared from what the report keeps:
 * media type, annotations, the config descriptor, the paired layers' descriptors, and the
 * manifest's own digest and size.
 */
import type { DifferenceCore, JsonHints } from './base';

export interface ManifestFacts extends JsonHints {
  /** `layers[<a>].*`: the paired layers. */
  layerA?: number;
  layerB?: number;
  /** `digest` / `size` when nothing else of the manifest differs (the same fields serialised differently). */
  sameFields?: true;
}

/**
 * `field`: `mediaType`, `annotations.<key>`, `config.digest`, `config.mediaType`,
 * `layers[<a>].digest` / `.mediaType` / `.size`, `digest`, `size` (an open set: annotation keys).
 */
export interface ManifestDifference extends DifferenceCore {
  subject: 'manifest';
  kind: 'added' | 'removed' | 'changed';
  field: string;
  facts?: ManifestFacts;
}
