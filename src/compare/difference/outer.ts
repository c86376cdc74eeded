/**
 * The outer archive (diff/outer.ts, diff/outer-compression.ts): its layout, the compression
 * of the whole file, its entries (the tar `docker save` writes), their order and its end.
 */
import type { GzipHeader, ZstdFrame } from '../../formats/compression';
import type { DifferenceCore, Incomplete } from './base';
import type { OrderFacts, PresenceFacts, RecordFacts, RecordField } from './record';

export interface LayoutFacts extends Incomplete {
  /** `format.notes` of each side. */
  notesA: string[];
  notesB: string[];
}

/** `layout:layout` (docker-legacy / docker-oci / oci …) and `layout:label`. */
export interface LayoutDifference extends DifferenceCore {
  subject: 'layout';
  kind: 'changed';
  field: 'layout' | 'label';
  facts: LayoutFacts;
}

/** One field of two compressions (diff/compression.ts): RFC 1952 §2.3 gzip member headers,
 *  member sizes and CRCs; RFC 8878 §3.1.1 zstd frame parameters and §3.1.2 skippable frames. */
export type CompressionFieldName =
  | 'algorithm'
  | 'gzip.members'
  | `gzip.${Exclude<keyof GzipHeader, 'headerSize'>}`
  | 'gzip.compressedSize'
  | 'gzip.uncompressedSize'
  | 'gzip.crc32'
  | 'gzip.trailingBytes'
  | 'zstd.frames'
  | 'zstd.skippableFrames'
  | `zstd.${Exclude<keyof ZstdFrame, 'offset'>}`
  | 'zstd.trailingBytes';

export interface OuterCompressionFacts extends Incomplete {
  /** The gzip member / zstd frame the field belongs to. */
  member?: number;
  frame?: number;
  /** A gzip header field (outside the CRC: says nothing of the deflate stream). */
  header?: true;
  /** A size or CRC that differs while the tar inside does not (another deflate/zstd stream). */
  streamOnly?: true;
}

export interface OuterCompressionDifference extends DifferenceCore {
  subject: 'outer-compression';
  kind: 'changed';
  field: CompressionFieldName;
  facts?: OuterCompressionFacts;
}

export interface OuterEntryPresenceFacts extends Incomplete {
  /** A layer blob (or its link) lives there. */
  layer?: true;
  isDir?: true;
}

/** How an entry's `content` was compared: by its SHA-256 (record, layer blob, digest-named
 *  blob), as a parsed JSON document, or only its size. */
export type ContentKnownBy = 'sha256' | 'json' | 'size';

export interface OuterEntryFacts extends RecordFacts, OuterEntryPresenceFacts {
  /** `type` / `linkname` of an entry that holds a layer blob or its link. */
  symlinkedLayer?: true;
  /** `content`. */
  known?: ContentKnownBy;
}

/**
 * An entry of the outer tar: added/removed (a/b `{type, size}` of the present side, no field)
 * or a changed header field / `content` (a/b the values, or the content SHA-256 hex).
 */
export interface OuterEntryDifference extends DifferenceCore {
  subject: 'outer-entry';
  kind: 'added' | 'removed' | 'changed';
  field?: RecordField;
  facts?: OuterEntryFacts;
}

/** `outer-order`: a and b are the first differing names. */
export interface OuterOrderDifference extends DifferenceCore {
  subject: 'outer-order';
  kind: 'reordered';
  field: 'order';
  facts: OrderFacts;
}

export type OuterEndField = 'zeroBlocks' | 'trailingBytes' | 'trailingGarbage' | 'sawEndMarker' | 'globalPax';

export interface OuterEndFacts extends Incomplete {
  /** `globalPax`. */
  tarFormat?: true;
}

/** The end of the outer tar: zero blocks and bytes after the end marker, global pax headers. */
export interface OuterEndDifference extends DifferenceCore {
  subject: 'outer-end';
  kind: 'changed';
  field: OuterEndField;
  facts?: OuterEndFacts;
}

export type { PresenceFacts };
