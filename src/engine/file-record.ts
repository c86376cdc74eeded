/** TarEntry (reader output) -> FileRecord (report record): path normalised, whiteouts named. */
import type { TarEntry } from '../formats/tar/types';
import { normalizePath, whiteoutOf } from '../formats/tar/normalize';
import type { FileRecord, OuterEntryRecord } from '../report/types';

export function toFileRecord(e: TarEntry, sha256?: string): FileRecord {
  const path = normalizePath(e.name);
  const r: FileRecord = {
    path,
    rawName: e.name,
    type: e.type,
    typeflag: e.typeflag,
    size: e.realSize ?? e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    uname: e.uname,
    gname: e.gname,
    mtime: e.mtime,
    format: e.headerFormat,
    offset: e.headerOffset,
    index: e.index,
  };
  if (e.atime !== undefined) r.atime = e.atime;
  if (e.ctime !== undefined) r.ctime = e.ctime;
  if (e.linkname) r.linkname = e.linkname;
  if (e.type === 'chardev' || e.type === 'blockdev') {
    r.devmajor = e.devmajor;
    r.devminor = e.devminor;
  }
  if (e.realSize !== undefined) r.realSize = e.realSize;
  if (e.longName) r.longName = e.longName;
  if (e.pax && Object.keys(e.pax).length) r.pax = e.pax;
  if (e.paxHeaderName) r.paxHeaderName = e.paxHeaderName;
  if (e.xattrs && Object.keys(e.xattrs).length) r.xattrs = e.xattrs;
  if (e.base256?.length) r.base256 = e.base256;
  if (sha256) r.sha256 = sha256;
  const wh = whiteoutOf(path);
  if (wh) r.whiteout = wh.kind;
  return r;
}

/** `sha256` (hex): set for the entries the listing captured and hashed (manifests, configs,
 *  oci-layout, legacy `<id>/json` and `VERSION`), so a comparison knows them equal. */
export function toOuterRecord(e: TarEntry, sha256?: string): OuterEntryRecord {
  return { ...toFileRecord(e, sha256), dataOffset: e.dataOffset };
}
