/**
 * What the tar reader reports for every entry: every raw header field, because the
 * comparison (causes.md: archive.* and file.*) needs them all.
 * References: POSIX.1-2017 pax (ustar + extended headers), GNU tar manual "Basic Tar Format".
 */

/** Format of the header block itself, from its magic/version fields. */
export type TarHeaderFormat = 'ustar' | 'gnu' | 'v7';

export type EntryType = 'file' | 'hardlink' | 'symlink' | 'chardev' | 'blockdev' | 'dir' | 'fifo' | 'contiguous' | 'sparse' | 'unknown';

export interface SparseChunk {
  offset: number;
  size: number;
}

export interface TarEntry {
  /** Effective path: pax `path` > GNU long name (`L`) > ustar prefix + name. */
  name: string;
  /** Effective link target: pax `linkpath` > GNU long link (`K`) > linkname field. */
  linkname: string;
  /** The raw typeflag character ('0', '\0', '5', 'S', ...). */
  typeflag: string;
  type: EntryType;
  /** Permission and special bits as stored (all 12 bits plus anything above them). */
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** Bytes of data stored in the archive after the header (sparse: the stored chunks). */
  size: number;
  /** Sparse entries: the size of the file they expand to. */
  realSize?: number;
  sparseMap?: SparseChunk[];
  /**
   * How the sparse file was stored: 'old-gnu' (typeflag 'S', map in the header) or the
   * GNU pax sparse version '0.0' | '0.1' | '1.0'. When set, `type` is 'sparse' (also for
   * pax sparse files, whose typeflag is '0'), the data delivered is the stored chunks
   * only (for 1.0 without the map that precedes them) and `size` counts those bytes.
   */
  sparseFormat?: string;
  /** Seconds since the epoch; fractional when a pax record gives sub-second precision. */
  mtime: number;
  /** From pax records or GNU's atime/ctime fields, when present. */
  atime?: number;
  ctime?: number;
  devmajor: number;
  devminor: number;
  /** Magic of the entry's main header block. */
  headerFormat: TarHeaderFormat;
  /** How a long name/link was carried: pax record, GNU 'L'/'K' entries, ustar prefix. */
  longName?: 'pax' | 'gnu' | 'prefix';
  longLink?: 'pax' | 'gnu';
  /** Per-entry pax records ('x'), every key kept, values as decoded UTF-8 strings. */
  pax?: Record<string, string>;
  /** Name field of the pax extended header block itself (e.g. "./PaxHeaders.1234/foo"). */
  paxHeaderName?: string;
  /** Global pax records ('g') in force for this entry. */
  globalPax?: Record<string, string>;
  /**
   * Extended attributes from SCHILY.xattr.* / LIBARCHIVE.xattr.* pax records. Values are
   * canonical base64 of the raw attribute bytes (xattrs are binary, e.g. security.capability),
   * so the same bytes compare equal whichever writer stored them.
   */
  xattrs?: Record<string, string>;
  /** Numeric fields that used GNU base-256 encoding. */
  base256?: string[];
  /** Offset of the first block belonging to this entry (pax/GNU prefix blocks included). */
  headerOffset: number;
  /** Offset of the entry's own 512-byte header block. */
  blockOffset: number;
  /** Offset of the first data byte. */
  dataOffset: number;
  /** Stored and computed header checksum (they match, or the reader threw). */
  checksum: number;
  /** 0-based position in the archive. */
  index: number;
}

export interface TarSummary {
  entries: number;
  /** Offset just after the last entry's data padding. */
  endOffset: number;
  /** Count of all-zero 512-byte blocks at the end (POSIX wants 2). */
  zeroBlocks: number;
  /** Bytes after the end-of-archive marker (commonly record padding: zeros). */
  trailingBytes: number;
  /** True when any of the trailing bytes is non-zero. */
  trailingGarbage: boolean;
  /** True when the end-of-archive marker (at least one zero block) was seen. */
  sawEndMarker: boolean;
  /** Global pax headers seen. */
  globalPax: Record<string, string>[];
  /** What a tar reader warns about but reads on (tar/warnings.ts): one per code, first place. */
  warnings: TarWarning[];
}

/**
 * - no-end-marker: the stream ended at an entry boundary without a zero block: it may be
 *   truncated (POSIX: "two consecutive blocks of zero bytes" end an archive)
 * - lone-zero-block: one zero block, then EOF or non-zero bytes (GNU tar: "A lone zero block at N")
 * - trailing-garbage: non-zero bytes after the end-of-archive marker
 * - short-record: the bytes after the end marker do not fill a whole 512-byte block
 * - signed-checksum: a header checksum matches only when summed as signed bytes (old Sun/GNU writers)
 * - pax-invalid-time: a pax mtime/atime/ctime that is not a number, ignored (the header's field is used)
 */
export type TarWarningCode = 'no-end-marker' | 'lone-zero-block' | 'trailing-garbage' | 'short-record' | 'signed-checksum' | 'pax-invalid-time';

export interface TarWarning {
  code: TarWarningCode;
  /** 'tar: …' naming the place */
  message: string;
  /** absolute offset of the first occurrence */
  offset: number;
  /** how many times it occurred (the message names the first) */
  count: number;
}
