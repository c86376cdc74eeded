/**
 * Resolving one entry: its header block, the GNU long-name entries and pax records in
 * front of it, and (for sparse files) its map, into the TarEntry the visitor sees.
 *
 * Precedence (POSIX.1-2017 pax, "pax Extended Header"; GNU tar manual, "GNU Extensions"):
 * name: GNU.sparse.name > pax `path` > GNU 'L' > ustar prefix + name;
 * link target: pax `linkpath` > GNU 'K' > linkname; every other pax keyword > header field.
 */
import type { SparseChunk, TarEntry } from './types';
import { entryType, type RawHeader } from './header';
import { recordsToObject, type PaxFields, type PaxRecord } from './pax';

export interface EntryParts {
  header: RawHeader;
  headerOffset: number;
  blockOffset: number;
  dataOffset: number;
  index: number;
  longName?: string;
  longLink?: string;
  paxHeaderName?: string;
  /** the entry's own 'x' records */
  local?: PaxRecord[];
  /** what global and local records say, interpreted */
  fields?: PaxFields;
  /** global records in force */
  globalPax?: Record<string, string>;
  /** old GNU sparse map, header slots plus extension blocks */
  oldGnuMap?: SparseChunk[];
  /** GNU sparse 1.0 map read from the start of the data, and the bytes it took */
  map10?: { map: SparseChunk[]; bytes: number };
}

/**
 * Bytes stored after the header (before padding). GNU tar (list.c skim_member) skips no
 * data after a '5' directory header whatever its size field says. A '1' hard link carries
 * data only when a pax `size` record says so (POSIX pax allows data on hard links): GNU tar
 * and bsdtar both read the next header right after a ustar/GNU hard link whatever its size
 * field holds (old writers copied the target's size there; libarchive's
 * test_compat_tar_hardlink_1.tar). Every other type carries `size` bytes.
 */
export function storedSize(h: RawHeader, fields: PaxFields | undefined): number {
  if (h.typeflag === '5') return 0;
  if (h.typeflag === '1') return fields?.size ?? 0;
  return fields?.size ?? h.size;
}

export function buildEntry(p: EntryParts): TarEntry {
  const h = p.header;
  const f = p.fields;

  let name = h.name;
  let longName: TarEntry['longName'] = h.prefixed ? 'prefix' : undefined;
  if (p.longName !== undefined) {
    name = p.longName;
    longName = 'gnu';
  }
  if (f?.path !== undefined) {
    name = f.path;
    longName = 'pax';
  }
  if (f?.sparse?.name !== undefined) {
    name = f.sparse.name;
    longName = 'pax';
  }
  let linkname = h.linkname;
  let longLink: TarEntry['longLink'];
  if (p.longLink !== undefined) {
    linkname = p.longLink;
    longLink = 'gnu';
  }
  if (f?.linkpath !== undefined) {
    linkname = f.linkpath;
    longLink = 'pax';
  }

  const e: TarEntry = {
    name,
    linkname,
    typeflag: h.typeflag,
    type: entryType(h.typeflag, name),
    mode: h.mode,
    uid: f?.uid ?? h.uid,
    gid: f?.gid ?? h.gid,
    uname: f?.uname ?? h.uname,
    gname: f?.gname ?? h.gname,
    size: storedSize(h, f) - (p.map10 ? p.map10.bytes : 0),
    mtime: f?.mtime ?? h.mtime,
    devmajor: h.devmajor,
    devminor: h.devminor,
    headerFormat: h.format,
    headerOffset: p.headerOffset,
    blockOffset: p.blockOffset,
    dataOffset: p.dataOffset,
    checksum: h.checksum,
    index: p.index,
  };
  const atime = f?.atime ?? h.atime;
  const ctime = f?.ctime ?? h.ctime;
  if (atime !== undefined) e.atime = atime;
  if (ctime !== undefined) e.ctime = ctime;
  if (longName) e.longName = longName;
  if (longLink) e.longLink = longLink;
  if (p.local) e.pax = recordsToObject(p.local);
  if (p.paxHeaderName !== undefined) e.paxHeaderName = p.paxHeaderName;
  if (p.globalPax) e.globalPax = p.globalPax;
  if (f?.xattrs) e.xattrs = f.xattrs;
  if (h.base256) e.base256 = h.base256;
  if (h.typeflag === 'S') {
    e.sparseFormat = 'old-gnu';
    if (h.realSize !== undefined) e.realSize = h.realSize;
    e.sparseMap = p.oldGnuMap ?? h.sparseMap ?? [];
  } else if (f?.sparse) {
    // pax sparse files keep typeflag '0'; their data is the stored chunks, not the file,
    // so they are reported as 'sparse' for consumers that hash file contents.
    const sp = f.sparse;
    e.type = 'sparse';
    e.sparseFormat = sp.version;
    if (sp.realSize !== undefined) e.realSize = sp.realSize;
    const m = p.map10?.map ?? sp.map;
    if (m) e.sparseMap = m;
  }
  return e;
}
