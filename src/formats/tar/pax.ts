/**
 * pax extended header records (POSIX.1-2017 pax, "pax Extended Header").
 *
 * Each record is `"%d %s=%s\n", <length>, <keyword>, <value>` where <length> counts the
 * bytes of the whole record, itself and the newline included. Values are UTF-8 (or raw
 * bytes with `hdrcharset=BINARY`) and may contain '=' and newlines, so records are cut
 * by their length, never by searching for '\n'.
 *
 * Precedence (same section): 'x' records override 'g' records, which override header
 * fields; a record with an empty value deletes the earlier value of that keyword, so
 * the header field applies again.
 */
import { TarscopeError } from '../../io/errors';
import type { SparseChunk } from './types';
import { decodeText } from './text';
import { decodeBase64, encodeBase64 } from './base64';

export interface PaxRecord {
  key: string;
  value: string;
  /** the value's raw bytes (a view of the header data, which the parser does not reuse) */
  bytes: Uint8Array;
}

function corrupt(offset: number, why: string): TarscopeError {
  return new TarscopeError({
    code: 'corrupt',
    component: 'tar',
    offset,
    message: `tar: malformed pax record at offset ${offset}: ${why}`,
  });
}

/**
 * Splits the data of an 'x' or 'g' header into records. `at` is the absolute offset of
 * `buf[0]` so errors point at the record. Trailing NULs are tolerated (some writers pad
 * the record area; libarchive accepts it too).
 */
export function parsePaxRecords(buf: Uint8Array, at: number): PaxRecord[] {
  const out: PaxRecord[] = [];
  let p = 0;
  while (p < buf.length) {
    if (buf[p] === 0) {
      for (let i = p; i < buf.length; i++) if (buf[i] !== 0) throw corrupt(at + i, 'data after NUL padding');
      break;
    }
    let len = 0;
    let i = p;
    while (i < buf.length && buf[i] >= 0x30 && buf[i] <= 0x39) {
      len = len * 10 + (buf[i] - 0x30);
      i++;
    }
    if (i === p || i >= buf.length || buf[i] !== 0x20) throw corrupt(at + p, 'expected "<length> <keyword>=<value>\\n"');
    const end = p + len;
    if (len > Number.MAX_SAFE_INTEGER || end > buf.length) {
      throw corrupt(at + p, `length ${len} runs past the end of the header data (${buf.length - p} bytes left)`);
    }
    if (buf[end - 1] !== 0x0a) throw corrupt(at + p, `record of length ${len} does not end with a newline`);
    const keyStart = i + 1;
    let eq = keyStart;
    while (eq < end - 1 && buf[eq] !== 0x3d) eq++;
    if (eq >= end - 1 || eq === keyStart) throw corrupt(at + p, 'missing keyword or "="');
    out.push({
      key: decodeText(buf, keyStart, eq),
      value: decodeText(buf, eq + 1, end - 1),
      bytes: buf.subarray(eq + 1, end - 1),
    });
    p = end;
  }
  return out;
}

/** Last value per keyword, as TarEntry.pax / TarSummary.globalPax report them. */
export function recordsToObject(records: PaxRecord[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const r of records) o[r.key] = r.value;
  return o;
}

export interface PaxSparse {
  /** "major.minor": 0.0 and 0.1 are inferred from the keywords, 1.0 is declared */
  version: string;
  name?: string;
  realSize?: number;
  /** map from the records (0.0, 0.1); version 1.0 keeps its map in the data */
  map?: SparseChunk[];
}

/** What the known keywords say; undefined = not set (the header field applies). */
export interface PaxFields {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  mtime?: number;
  atime?: number;
  ctime?: number;
  /** xattr name -> base64 of the value bytes */
  xattrs?: Record<string, string>;
  sparse?: PaxSparse;
  /** time records that are not times (`key="value"`), ignored like GNU tar and bsdtar do */
  invalid?: string[];
}

const INTEGER = /^[0-9]+$/;
// POSIX: times are decimal seconds with an optional fraction; GNU tar writes negative ones.
const TIME = /^-?[0-9]+(\.[0-9]*)?$/;

function integer(key: string, value: string, at: number): number {
  const n = Number(value);
  if (!INTEGER.test(value)) throw corrupt(at, `${key}=${JSON.stringify(value)} is not a decimal integer`);
  if (!Number.isSafeInteger(n)) {
    throw new TarscopeError({
      code: 'unsupported',
      component: 'tar',
      offset: at,
      message: `tar: pax ${key}=${value} at offset ${at} does not fit in 2^53`,
    });
  }
  return n;
}

/** A pax time, or undefined (recorded in `f.invalid`) when it is not one: GNU tar and bsdtar
 *  list such entries (libarchive's test_read_format_tar_pax_timestamps.tar, Go's
 *  pax-bad-mtime-file.tar), so the record is ignored, with a warning, not fatal. */
function time(f: PaxFields, key: string, value: string): number | undefined {
  if (TIME.test(value)) return Number(value);
  (f.invalid ??= []).push(`${key}=${JSON.stringify(value)}`);
  return undefined;
}

function cstr(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** Percent-decoding of LIBARCHIVE.xattr names (libarchive url-encodes them). */
function unescapeName(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Interprets records in force for one entry: `global` ('g' records, in archive order)
 * then `local` ('x' records). `at` is used for error messages (the entry's first block).
 */
export function interpretPax(global: PaxRecord[] | undefined, local: PaxRecord[] | undefined, at: number): PaxFields {
  const f: PaxFields = {};
  let xattrs: Record<string, string> | undefined;
  let sparse: PaxSparse | undefined;
  let major: string | undefined;
  let minor: string | undefined;
  // GNU sparse 0.0 repeats offset/numbytes pairs; POSIX would keep only the last, GNU
  // tar (xheader.c sparse_offset_coder) appends each one to the map.
  let pendingOffset: number | undefined;
  const sp = (): PaxSparse => (sparse ??= { version: '' });

  const apply = (r: PaxRecord) => {
    const { key, value } = r;
    const del = value === '';
    switch (key) {
      // A NUL ends a name: GNU tar and bsdtar read these values as C strings (Go's
      // pax-nul-path.tar); a name holding NUL cannot exist on any file system.
      case 'path':
        f.path = del ? undefined : cstr(value);
        return;
      case 'linkpath':
        f.linkpath = del ? undefined : cstr(value);
        return;
      case 'uname':
        f.uname = del ? undefined : value;
        return;
      case 'gname':
        f.gname = del ? undefined : value;
        return;
      case 'size':
        f.size = del ? undefined : integer(key, value, at);
        return;
      case 'uid':
        f.uid = del ? undefined : integer(key, value, at);
        return;
      case 'gid':
        f.gid = del ? undefined : integer(key, value, at);
        return;
      case 'mtime':
        f.mtime = del ? undefined : time(f, key, value);
        return;
      case 'atime':
        f.atime = del ? undefined : time(f, key, value);
        return;
      case 'ctime':
        f.ctime = del ? undefined : time(f, key, value);
        return;
      case 'GNU.sparse.major':
        major = value;
        sp();
        return;
      case 'GNU.sparse.minor':
        minor = value;
        sp();
        return;
      case 'GNU.sparse.name':
        sp().name = value;
        return;
      case 'GNU.sparse.realsize':
      case 'GNU.sparse.size':
        sp().realSize = integer(key, value, at);
        return;
      case 'GNU.sparse.numblocks':
        integer(key, value, at);
        sp().map ??= [];
        return;
      case 'GNU.sparse.offset':
        pendingOffset = integer(key, value, at);
        sp().map ??= [];
        return;
      case 'GNU.sparse.numbytes':
        if (pendingOffset === undefined) throw corrupt(at, 'GNU.sparse.numbytes without GNU.sparse.offset');
        sp().map!.push({ offset: pendingOffset, size: integer(key, value, at) });
        pendingOffset = undefined;
        return;
      case 'GNU.sparse.map': {
        // 0.1: "offset,size,offset,size,..." in one record.
        const parts = value === '' ? [] : value.split(',');
        if (parts.length % 2) throw corrupt(at, 'GNU.sparse.map has an odd number of values');
        const map: SparseChunk[] = [];
        for (let i = 0; i < parts.length; i += 2) {
          map.push({ offset: integer(key, parts[i], at), size: integer(key, parts[i + 1], at) });
        }
        sp().map = map;
        if (major === undefined) sp().version = '0.1';
        return;
      }
    }
    if (key.startsWith('SCHILY.xattr.')) {
      // star/GNU tar: the value is the attribute's raw bytes.
      (xattrs ??= {})[key.slice(13)] = encodeBase64(r.bytes);
    } else if (key.startsWith('LIBARCHIVE.xattr.')) {
      const bytes = decodeBase64(value);
      if (!bytes) throw corrupt(at, `${key} is not base64`);
      (xattrs ??= {})[unescapeName(key.slice(17))] = encodeBase64(bytes);
    }
  };

  if (global) for (const r of global) apply(r);
  if (local) for (const r of local) apply(r);
  if (xattrs) f.xattrs = xattrs;
  if (sparse) {
    if (major !== undefined) sparse.version = `${major}.${minor ?? '0'}`;
    else if (!sparse.version) sparse.version = '0.0';
    f.sparse = sparse;
  }
  return f;
}
