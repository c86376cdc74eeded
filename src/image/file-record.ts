/**
 * One entry of a tar as the report lists it: every header field kept, the path normalised,
 * and the content digests the engine computed. Layer listings, the outer archive's listing
 * and the merged filesystem (merge.ts) are made of these; src/report re-exports it as part of
 * the Export JSON contract (docs/report-schema.md).
 */
import type { EntryType, TarHeaderFormat } from '../formats/tar/types';

/** One entry of a tar (the outer archive or a layer), every header field kept. */
export interface FileRecord {
  /** Normalised path: no leading "./" or "/", no trailing "/". */
  path: string;
  /** Name exactly as the header gave it. */
  rawName: string;
  type: EntryType;
  typeflag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  atime?: number;
  ctime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  realSize?: number;
  format: TarHeaderFormat;
  longName?: 'pax' | 'gnu' | 'prefix';
  pax?: Record<string, string>;
  paxHeaderName?: string;
  xattrs?: Record<string, string>;
  base256?: string[];
  /** Byte offset of the entry's first header block in the tar it lives in. */
  offset: number;
  /** 0-based position in that tar. */
  index: number;
  /** SHA-256 (hex) of the content, for regular files whose content was read (inspections;
   *  a comparison's fast scan leaves it out and decides equality with `xxh64`). */
  sha256?: string;
  /** XXH64 (seed 0, hex as `xxhsum -H1` prints it) of the content: the equality hash. */
  xxh64?: string;
  /** A `.pyc` or `.gz` whose content a scan hashed: its time fields and the XXH64 of its content
   *  with them zeroed (`8-12:<hex>`), or `none` when it is not of its kind
   *  (src/engine/times-fingerprint.ts). Content evidence decides "only an embedded timestamp
   *  differs" from it without reading the file again. */
  timesMasked?: string;
  /** OCI whiteouts: ".wh.<name>" deletes <name>; ".wh..wh..opq" makes the directory opaque. */
  whiteout?: 'file' | 'opaque';
}
