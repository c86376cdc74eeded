/**
 * Files: the entries of a paired layer or of two plain tars (`file`, diff/files.ts), their
 * order (`file-order`), and the merged filesystem of an image pair after whiteouts (`merged`,
 * diff/merged.ts).
 */
import type { DifferenceCore, Incomplete } from './base';
import type { OrderFacts, RecordFacts, RecordField } from './record';

/**
 * The only difference a `content` difference's bytes hold is a timestamp the file format
 * embeds (set by the evidence pass, ../evidence/timestamp-only.ts, which reads every candidate
 * up to its limit; never by the differ): a .pyc header's source mtime (PEP 552), the DOS
 * times and time extra fields of a zip's entries (APPNOTE 4.4.6, 4.5), a gzip member header's
 * MTIME (RFC 1952 2.3.1). The `timestamps` ignore option covers it.
 */
export type TimestampOnly = 'pyc-source-mtime' | 'zip-entry-times' | 'gzip-mtime';
export const TIMESTAMP_ONLY: readonly TimestampOnly[] = ['pyc-source-mtime', 'zip-entry-times', 'gzip-mtime'];

export interface FileFacts extends RecordFacts {
  /** `content`: the bytes differ only in an embedded timestamp (see TimestampOnly). */
  timestampOnly?: TimestampOnly;
}

/**
 * A path on one side only (no field; a/b `{type, size}`; facts `isDir`, `whiteout`,
 * `incomplete`) or a changed record field (facts: RecordFacts, see record.ts; `content` may
 * carry `timestampOnly`).
 */
export interface FileDifference extends DifferenceCore {
  subject: 'file';
  kind: 'added' | 'removed' | 'changed';
  field?: RecordField;
  facts?: FileFacts;
}

/** The same paths in another order inside a paired layer; a/b the first differing paths. */
export interface FileOrderDifference extends DifferenceCore {
  subject: 'file-order';
  kind: 'reordered';
  field: 'order';
  facts: OrderFacts;
}

/** The fields a merged version is compared on, strongest first. */
export const MERGED_FIELDS = ['type', 'content', 'size', 'linkname', 'mode', 'uid', 'gid', 'mtime'] as const;
export type MergedField = (typeof MERGED_FIELDS)[number];

export interface MergedFacts extends Incomplete {
  /** `version`: the fields that differ. */
  fields?: MergedField[];
  /** The layer each side's visible version comes from (the present side only when added/removed). */
  layerA?: number;
  layerB?: number;
}

/**
 * A path of the merged filesystem visible on one side only, or whose visible `version`
 * differs; a/b are `{layer, …differing fields}`.
 */
export interface MergedDifference extends DifferenceCore {
  subject: 'merged';
  kind: 'added' | 'removed' | 'changed';
  field?: 'version';
  facts: MergedFacts;
}
