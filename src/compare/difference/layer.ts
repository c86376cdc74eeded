/**
 * Layers of an image pair after pairing (diff/layers.ts): a layer present on one side only
 * (`layer`), and paired layers whose blobs differ (`layer-blob`), with what the compression
 * of each blob says about why (RFC 1952 gzip headers, RFC 8878 zstd frames).
 */
import type { Algorithm } from '../../formats/compression';
import type { DifferenceCore, Incomplete, Json } from './base';

export interface LayerFacts extends Incomplete {
  diffId: string | null;
  /** Index of a layer on the same side with the same diff_id, or null. */
  duplicateOf: number | null;
  createdBy: string | null;
  mediaType: string | null;
  size: number | null;
  fileCount: number | null;
}

/** A layer on one side only; a/b is its blob digest. */
export interface LayerDifference extends DifferenceCore {
  subject: 'layer';
  kind: 'added' | 'removed';
  field?: undefined;
  facts: LayerFacts;
}

/** Seekable layouts recognisable from the bytes alone (diff/compression.ts seekableKind). */
export type Seekable = 'estargz?' | 'zstd:chunked?' | null;

/** Differing header fields (gzip: `mtime`, `os`, `xfl`, …) or frame parameters (zstd), keyed
 *  `<field>` for the first member/frame and `<field>@<n>` for later ones; at most 16. */
export type CompressionDelta = Record<string, { a: Json; b: Json }>;

export type UnreadSide = 'a' | 'b' | 'both';

export interface LayerBlobFacts extends Incomplete {
  sameDiffId: boolean;
  diffIdA: string | null;
  diffIdB: string | null;
  algorithmA: Algorithm | null;
  algorithmB: Algorithm | null;
  mediaTypeA: string | null;
  mediaTypeB: string | null;
  sizeA: number | null;
  sizeB: number | null;
  uncompressedSizeA: number | null;
  uncompressedSizeB: number | null;
  seekableA: Seekable;
  seekableB: Seekable;
  /** Both gzip. */
  gzip?: CompressionDelta;
  gzipMembersA?: number | null;
  gzipMembersB?: number | null;
  /** Only gzip header fields differ, with the same payload sizes and diff_id: the deflate data may be the same. */
  gzipHeaderOnly?: boolean;
  /** Both zstd. */
  zstd?: CompressionDelta;
  zstdFramesA?: number | null;
  zstdFramesB?: number | null;
  /** The files of a side were not read (then `unreadSide` says which). */
  filesUnknown?: true;
  unreadSide?: UnreadSide;
  /** Both sides' files were read and none differs. */
  filesEqual?: true;
}

/** Paired layers whose blob digests (a, b) differ. */
export interface LayerBlobDifference extends DifferenceCore {
  subject: 'layer-blob';
  kind: 'changed';
  field: 'digest';
  facts: LayerBlobFacts;
}
