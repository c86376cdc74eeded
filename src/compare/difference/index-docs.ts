/**
 * The documents that tie an archive together (diff/index-json.ts: OCI `index.json`, docker
 * `manifest.json` and `repositories`) leaf by leaf, and images present on one side only.
 */
import type { ImageReport } from '../../report/types';
import type { DifferenceCore, Incomplete, JsonHints } from './base';

export type DocName = 'index.json' | 'manifest.json' | 'repositories';

export interface IndexFacts extends JsonHints {
  file: DocName;
  /** kind `reordered` (field `order`): how many paired images sit at another relative position. */
  moved?: number;
}

/**
 * A leaf of an index document: `field` is its JSON path (`manifests[0].digest`,
 * `[0].RepoTags[0]`, `annotations.org.opencontainers.image.ref.name`), `$` for a document
 * present on one side only. Kind `reordered`, field `order`: the document lists the same
 * (paired) images in another order; a/b are their names in each side's order (diff/image-order.ts).
 */
export interface IndexDifference extends DifferenceCore {
  subject: 'index';
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  field: string;
  facts: IndexFacts;
}

export interface ImageFacts extends Incomplete {
  kind: ImageReport['kind'];
  tags: string[];
  platform: ImageReport['platform'];
  /** An attestation: the digest of the manifest it attests. */
  attests?: string;
  /** Its manifest's digest. */
  manifest?: string;
}

/** An image (or attestation) present on one side only; a/b is its pairing label. */
export interface ImageDifference extends DifferenceCore {
  subject: 'image';
  kind: 'added' | 'removed';
  field?: undefined;
  facts: ImageFacts;
}
