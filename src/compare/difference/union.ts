/**
 * The difference: a discriminated union on `subject`, one member per subject, each with its
 * own `field` and typed `facts` (the per-level files). Narrow with `d.subject === '…'`,
 * `switch (d.subject)` or `is(d, …)`; never read facts by string key.
 */
import type { InputDifference, IntegrityDifference } from './input';
import type { LayoutDifference, OuterCompressionDifference, OuterEndDifference, OuterEntryDifference, OuterOrderDifference } from './outer';
import type { ImageDifference, IndexDifference } from './index-docs';
import type { ManifestDifference } from './manifest';
import type { ConfigDifference, HistoryDifference } from './config';
import type { LayerBlobDifference, LayerDifference } from './layer';
import type { FileDifference, FileOrderDifference, MergedDifference } from './file';

export type Difference =
  | InputDifference // an input could not be read (error)
  | LayoutDifference // archive layout (docker-legacy vs docker-oci vs oci ...)
  | OuterCompressionDifference // the whole file's compression (gzip header fields, members, algorithm)
  | OuterEntryDifference // an entry of the outer tar
  | OuterOrderDifference // order of the outer tar's entries
  | OuterEndDifference // end-of-archive marker / trailing bytes
  | IndexDifference // index.json / manifest.json / repositories field
  | ImageDifference // an image/platform present on one side only
  | ManifestDifference // a manifest field (mediaType, annotations, config descriptor, layer descriptors)
  | ConfigDifference // a config field other than history
  | HistoryDifference // a config history entry field
  | LayerDifference // a layer present on one side only (after pairing)
  | LayerBlobDifference // paired layers whose blobs differ (same or different diff_id)
  | IntegrityDifference // a failed integrity check on one side
  | FileDifference // an entry inside a layer (or inside a plain tar)
  | FileOrderDifference // order of entries inside a paired layer
  | MergedDifference; // merged filesystem (after whiteouts) differs for a path

/** What a difference is about. */
export type Subject = Difference['subject'];

/** The member of one subject (or of several: a union). */
export type DifferenceOf<S extends Subject> = Extract<Difference, { subject: S }>;

/** The facts of one subject (never undefined: the object itself may be absent). */
export type FactsOf<S extends Subject> = NonNullable<DifferenceOf<S>['facts']>;

/** The `field` of one subject. */
export type FieldOf<S extends Subject> = NonNullable<DifferenceOf<S>['field']>;

/** Type guard: `if (is(d, 'layer-blob')) d.facts.sameDiffId …`; several subjects narrow to their union. */
export function is<S extends Subject>(d: Difference, ...subjects: S[]): d is DifferenceOf<S> {
  return (subjects as Subject[]).includes(d.subject);
}

/** The same guard for `Array.filter`: `diffs.filter(subject('layer-blob'))`. */
export function subject<S extends Subject>(...subjects: S[]): (d: Difference) => d is DifferenceOf<S> {
  return (d): d is DifferenceOf<S> => (subjects as Subject[]).includes(d.subject);
}
