/**
 * A tar record compared with its partner (diff/records.ts): the header fields that can differ
 * and the facts they carry. Shared by the outer archive's entries and the files of layers
 * (and of plain tars); also the facts of an order difference, which both have.
 */
import type { Incomplete } from './base';

/** Fields that only change how the same metadata is encoded carry `tarFormat: true`. */
export type EncodingField = 'typeflag' | 'rawName' | 'format' | 'longName' | 'paxHeaderName' | 'base256';

export type RecordField =
  | 'type' // when types differ nothing else is compared
  | 'linkname'
  | 'content' // regular files: the content hashes (sha256 hex or `xxh64:<hex>`)
  | 'size' // non-regular files, or regular files without a hash
  | 'mode'
  | 'uid'
  | 'gid'
  | 'uname'
  | 'gname'
  | 'mtime'
  | 'atime'
  | 'ctime'
  | `xattrs.${string}`
  | 'devmajor'
  | 'devminor'
  | EncodingField
  | `pax.${string}`; // pax records with no field of their own, or whose field is equal

/** What a path is on either side (on every difference of the pair, when true). */
export interface PresenceFacts extends Incomplete {
  /** Either side is a directory. */
  isDir?: true;
  /** Either side is a whiteout (`.wh.<name>`) or an opaque-directory marker. */
  whiteout?: 'file' | 'opaque';
}

/** The facts a record field difference may carry; which field sets which is said per fact. */
export interface RecordFacts extends PresenceFacts {
  /** `type`: the link names and modes, which follow from the type. */
  linknameA?: string;
  linknameB?: string;
  modeA?: number;
  modeB?: number;
  /** Encoding only: the same metadata written another way (encoding fields, some `pax.*`, a
   *  hardlink target spelled `./x` vs `x`). */
  tarFormat?: true;
  /** `content`: both sizes. */
  sizeA?: number;
  sizeB?: number;
  /** `size` of a regular file whose content hash is unknown on a side. */
  contentUnknown?: true;
  /** `mode`: only the redundant file-type bits (0o170000) differ. */
  typeBitsOnly?: true;
  /** `uname` / `gname`: whether the numeric id is the same. */
  sameId?: boolean;
  /** `mtime` / `atime` / `ctime`: B − A in seconds (when both are set). */
  delta?: number;
  /** `xattrs.<key>`: the key. */
  xattr?: string;
  /** `pax.<key>`. */
  pax?: true;
}

/** `outer-order` / `file-order`: the same members in another order. */
export interface OrderFacts extends Incomplete {
  /** Members on both sides. */
  common: number;
  /** Positions that differ. */
  moved: number;
  firstMismatch: { index: number; a: string; b: string };
  aSorted: boolean;
  bSorted: boolean;
}
