/**
 * One 512-byte header block to raw fields.
 *
 * Layout (POSIX.1-2017 pax, "ustar Interchange Format"; GNU tar manual, "Basic Tar Format"):
 *
 *   0 name[100]  100 mode[8]  108 uid[8]  116 gid[8]  124 size[12]  136 mtime[12]
 *   148 chksum[8]  156 typeflag  157 linkname[100]  257 magic[6]  263 version[2]
 *   265 uname[32]  297 gname[32]  329 devmajor[8]  337 devminor[8]
 *   ustar: 345 prefix[155]
 *   GNU ("ustar  \0"): 345 atime[12] 357 ctime[12] 369 offset[12] 381 longnames[4]
 *        386 sparse[4 x (offset[12] numbytes[12])] 482 isextended 483 realsize[12]
 *
 * The magic decides which tail applies: "ustar\0" + "00" is POSIX ustar, "ustar  \0" is
 * GNU (and old GNU), anything else is a v7 header that has no fields past linkname.
 */
import { TarscopeError } from '../../io/errors';
import type { EntryType, SparseChunk, TarHeaderFormat } from './types';
import { checksums, isEmptyField, readBase256, readOctal, storedChecksum } from './numbers';
import { cstrlen, decodeText, readString } from './text';

export const BLOCK = 512;

export interface RawHeader {
  /** name field, joined with the ustar prefix when there is one */
  name: string;
  /** true when a non-empty ustar prefix was joined */
  prefixed: boolean;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  checksum: number;
  typeflag: string;
  linkname: string;
  format: TarHeaderFormat;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  /** GNU headers only, when the field is set (GNU tar fills them for incremental dumps) */
  atime?: number;
  ctime?: number;
  /** old GNU sparse ('S'): map in the header, whether extension blocks follow, real size */
  sparseMap?: SparseChunk[];
  sparseExtended?: boolean;
  realSize?: number;
  /** numeric fields stored in GNU base-256 */
  base256?: string[];
}

export type BlockCheck =
  | { kind: 'zero' }
  | { kind: 'ok'; checksum: number; signed?: true }
  | { kind: 'bad'; stored: number; computed: number; storedText: string };

/**
 * Classifies a block: all zeros (end-of-archive marker), a header whose checksum matches,
 * or not a header. POSIX says the checksum is the unsigned byte sum with the chksum field
 * taken as spaces; early Sun and GNU writers summed signed chars, so that is accepted too
 * (as GNU tar does in list.c `tar_checksum`).
 */
export function checkBlock(b: Uint8Array, off: number): BlockCheck {
  const sums = checksums(b, off);
  if (sums.raw === 0) return { kind: 'zero' };
  const stored = storedChecksum(b, off);
  if (stored === sums.unsigned) return { kind: 'ok', checksum: stored };
  if (stored === sums.signed) return { kind: 'ok', checksum: stored, signed: true };
  return { kind: 'bad', stored, computed: sums.unsigned, storedText: readString(b, off + 148, 8) };
}

const MAGIC_USTAR = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00, 0x30, 0x30]; // "ustar\0" "00"
const MAGIC_GNU = [0x75, 0x73, 0x74, 0x61, 0x72, 0x20, 0x20, 0x00]; // "ustar  \0"

function matches(b: Uint8Array, off: number, magic: number[]): boolean {
  for (let i = 0; i < 8; i++) if (b[off + 257 + i] !== magic[i]) return false;
  return true;
}

export function headerFormat(b: Uint8Array, off: number): TarHeaderFormat {
  if (matches(b, off, MAGIC_USTAR)) return 'ustar';
  if (matches(b, off, MAGIC_GNU)) return 'gnu';
  // Some writers put "ustar\0" with a blank or NUL version; still POSIX-shaped.
  if (b[off + 257] === 0x75 && b[off + 258] === 0x73 && b[off + 259] === 0x74 && b[off + 260] === 0x61 && b[off + 261] === 0x72 && b[off + 262] === 0)
    return 'ustar';
  return 'v7';
}

/** Reads numeric fields, remembering base-256 ones and rejecting non-numbers. */
class NumberReader {
  base256: string[] | undefined;
  constructor(
    private readonly b: Uint8Array,
    private readonly off: number,
    private readonly at: number,
  ) {}

  read(field: string, pos: number, len: number): number {
    const b = this.b;
    const p = this.off + pos;
    if (b[p] & 0x80) {
      (this.base256 ??= []).push(field);
      try {
        return readBase256(b, p, len);
      } catch {
        throw new TarscopeError({
          code: 'unsupported',
          component: 'tar',
          offset: this.at,
          message: `tar: the ${field} field of the header at offset ${this.at} does not fit in 2^53`,
        });
      }
    }
    const v = readOctal(b, p, len);
    if (Number.isNaN(v)) {
      throw new TarscopeError({
        code: 'corrupt',
        component: 'tar',
        offset: this.at,
        message: `tar: invalid number ${JSON.stringify(readString(b, p, len))} in the ${field} field of the header at offset ${this.at}`,
      });
    }
    return v;
  }

  /**
   * GNU atime/ctime, undefined when the field is unused (all NUL). GNU tar reads them only for incremental dumps (list.c decode_header),
   * so a listing never fails on them; a field that is not a number is left out (undefined),
   * as Go's archive/tar does (invalid-go17.tar).
   */
  lenient(field: string, pos: number, len: number): number | undefined {
    const p = this.off + pos;
    if (isEmptyField(this.b, p, len)) return undefined;
    if (!(this.b[p] & 0x80) && Number.isNaN(readOctal(this.b, p, len))) return undefined;
    return this.read(field, pos, len);
  }
}

/**
 * Parses a header block whose checksum has been verified. `at` is its absolute offset,
 * used in error messages.
 */
export function parseHeader(b: Uint8Array, off: number, at: number, checksum: number): RawHeader {
  const format = headerFormat(b, off);
  const n = new NumberReader(b, off, at);
  const typeflagByte = b[off + 156];
  const typeflag = String.fromCharCode(typeflagByte);

  let name = readString(b, off, 100);
  let prefixed = false;
  if (format === 'ustar') {
    // star's variant of ustar keeps atime/ctime at 476/488 and ends with "tar\0", which
    // shortens the prefix to 131 bytes (star(5), "XUSTAR").
    const star = b[off + 508] === 0x74 && b[off + 509] === 0x61 && b[off + 510] === 0x72 && b[off + 511] === 0;
    const plen = cstrlen(b, off + 345, star ? 131 : 155);
    if (plen > 0) {
      name = decodeText(b, off + 345, off + 345 + plen) + '/' + name;
      prefixed = true;
    }
  }

  const h: RawHeader = {
    name,
    prefixed,
    mode: n.read('mode', 100, 8),
    uid: n.read('uid', 108, 8),
    gid: n.read('gid', 116, 8),
    size: n.read('size', 124, 12),
    mtime: n.read('mtime', 136, 12),
    checksum,
    typeflag,
    linkname: readString(b, off + 157, 100),
    format,
    uname: '',
    gname: '',
    devmajor: 0,
    devminor: 0,
  };
  if (format !== 'v7') {
    h.uname = readString(b, off + 265, 32);
    h.gname = readString(b, off + 297, 32);
    // Writers leave these blank (or spaces) for non-devices; readOctal reads that as 0.
    h.devmajor = n.read('devmajor', 329, 8);
    h.devminor = n.read('devminor', 337, 8);
  }
  if (format === 'gnu') {
    h.atime = n.lenient('atime', 345, 12);
    h.ctime = n.lenient('ctime', 357, 12);
    if (typeflag === 'S') {
      h.sparseMap = readSparseMap(b, off + 386, 4, n, 386);
      h.sparseExtended = b[off + 482] !== 0;
      h.realSize = n.read('realsize', 483, 12);
    }
  }
  if (h.size < 0) {
    throw new TarscopeError({
      code: 'corrupt',
      component: 'tar',
      offset: at,
      message: `tar: negative size ${h.size} in the header at offset ${at}`,
    });
  }
  if (n.base256) h.base256 = n.base256;
  return h;
}

/** Old GNU sparse map: `count` (offset[12], numbytes[12]) pairs; an empty offset ends it. */
function readSparseMap(b: Uint8Array, at: number, count: number, n: NumberReader, rel: number): SparseChunk[] {
  const map: SparseChunk[] = [];
  for (let i = 0; i < count; i++) {
    const p = at + i * 24;
    if (b[p] === 0) break;
    map.push({ offset: n.read('sparse offset', rel + i * 24, 12), size: n.read('sparse numbytes', rel + i * 24 + 12, 12) });
  }
  return map;
}

/**
 * An old GNU sparse extension block: 21 map entries, then isextended at byte 504
 * (GNU tar manual, "Old GNU Format"). Extension blocks carry no checksum.
 */
export function parseSparseExtension(b: Uint8Array, off: number, at: number): { map: SparseChunk[]; extended: boolean } {
  const n = new NumberReader(b, off, at);
  return { map: readSparseMap(b, off, 21, n, 0), extended: b[off + 504] !== 0 };
}

/**
 * Typeflag to entry type (POSIX ustar typeflag values; GNU tar "GNU Extensions").
 * Like GNU tar (extract.c) and BSD tar, a regular-file entry whose name ends in '/'
 * is a directory: pre-POSIX writers marked directories that way.
 */
export function entryType(typeflag: string, name: string): EntryType {
  switch (typeflag) {
    case '0':
    case '\0':
    case '7':
      if (name.endsWith('/')) return 'dir';
      return typeflag === '7' ? 'contiguous' : 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'chardev';
    case '4':
      return 'blockdev';
    case '5':
    case 'D': // GNU dumpdir: a directory whose data lists its contents
      return 'dir';
    case '6':
      return 'fifo';
    case 'S':
      return 'sparse';
    default:
      return 'unknown';
  }
}
