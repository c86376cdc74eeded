/**
 * One RPM header (rpm's lib/header.c, `headerImport`): what an rpmdb `Packages` row's `blob`
 * holds, and what follows the lead and signature of a .rpm file. Layout, all big-endian:
 *
 *   [8e ad e8 01, 4 reserved bytes]   only in a .rpm file; an rpmdb blob starts at `il`
 *   il: u32                           number of index entries
 *   dl: u32                           bytes of the data store
 *   il × { tag, type, offset, count } u32 each: what a tag holds and where in the data store
 *   dl bytes of data                  strings NUL-terminated, integers aligned to their size
 *
 * Pure and bounds-checked: every offset and count is validated against the blob before it is
 * read; an error names the row (`where`). No recursion (region tags are skipped like any other
 * binary entry: the entries they cover are in the same index).
 */
import type { PackageRecord } from './types';

/** Headers larger than this are refused (rpm's own limit, `HEADER_DATA_MAX`, is 256 MiB; a
 *  package's header is KiBs to a few MiB). */
export const MAX_HEADER_BYTES = 32 * 1024 * 1024;
/** Index entries a header may have (rpm: `HEADER_TAGS_MAX`, 64 Ki). */
export const MAX_HEADER_ENTRIES = 0x10000;
/** Files one package may list; beyond, the list is cut (and `filesCapped` set). */
export const MAX_PACKAGE_FILES = 200_000;

export const TAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SIZE: 1009,
  LICENSE: 1014,
  ARCH: 1022,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  LONGSIZE: 5009,
} as const;

export const TYPE = { NULL: 0, CHAR: 1, INT8: 2, INT16: 3, INT32: 4, INT64: 5, STRING: 6, BIN: 7, STRING_ARRAY: 8, I18NSTRING: 9 } as const;

const MAGIC = [0x8e, 0xad, 0xe8, 0x01];

export class RpmHeaderError extends Error {}

interface Entry {
  type: number;
  offset: number;
  count: number;
}

/** The index of one header: tag → entry (the first one of a tag), over the data store. */
export class RpmHeader {
  private readonly entries = new Map<number, Entry>();
  private readonly view: DataView;
  private readonly data: Uint8Array;

  constructor(
    blob: Uint8Array,
    private readonly where: string,
  ) {
    let start = 0;
    if (blob.length >= 8 && MAGIC.every((b, i) => blob[i] === b)) start = 8;
    if (blob.length - start < 8) throw this.error(`${blob.length} bytes: too short for a header (il, dl)`);
    if (blob.length > MAX_HEADER_BYTES + 8) throw this.error(`${blob.length} bytes: over the ${MAX_HEADER_BYTES}-byte cap`);
    const head = new DataView(blob.buffer, blob.byteOffset + start, 8);
    const il = head.getUint32(0);
    const dl = head.getUint32(4);
    if (il === 0 || il > MAX_HEADER_ENTRIES) throw this.error(`${il} index entries (expected 1 to ${MAX_HEADER_ENTRIES}): not an RPM header`);
    const indexAt = start + 8;
    const dataAt = indexAt + il * 16;
    if (dataAt + dl > blob.length) throw this.error(`truncated: il ${il} and dl ${dl} need ${dataAt + dl} bytes, the blob has ${blob.length}`);
    this.data = blob.subarray(dataAt, dataAt + dl);
    this.view = new DataView(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const index = new DataView(blob.buffer, blob.byteOffset + indexAt, il * 16);
    for (let i = 0; i < il; i++) {
      const tag = index.getUint32(i * 16);
      const type = index.getUint32(i * 16 + 4);
      const offset = index.getUint32(i * 16 + 8);
      const count = index.getUint32(i * 16 + 12);
      if (type > TYPE.I18NSTRING) throw this.error(`entry ${i} (tag ${tag}): unknown type ${type}`);
      if (offset > dl) throw this.error(`entry ${i} (tag ${tag}): offset ${offset} beyond the data store (${dl} bytes)`);
      if (count === 0 && type !== TYPE.NULL) throw this.error(`entry ${i} (tag ${tag}): count 0`);
      const size = FIXED[type];
      if (size && offset + size * count > dl)
        throw this.error(`entry ${i} (tag ${tag}): ${count} × ${size} bytes at ${offset} run past the data store (${dl} bytes)`);
      if (!this.entries.has(tag)) this.entries.set(tag, { type, offset, count });
    }
  }

  private error(what: string): RpmHeaderError {
    return new RpmHeaderError(`${this.where}: ${what}`);
  }

  has(tag: number): boolean {
    return this.entries.has(tag);
  }

  /** The strings of a STRING, STRING_ARRAY or I18NSTRING entry (an I18N one: its first, the C
   *  locale's); undefined when the tag is absent. */
  strings(tag: number): string[] | undefined {
    const e = this.entries.get(tag);
    if (!e) return undefined;
    if (e.type !== TYPE.STRING && e.type !== TYPE.STRING_ARRAY && e.type !== TYPE.I18NSTRING) throw this.error(`tag ${tag}: type ${e.type}, expected a string`);
    const n = e.type === TYPE.STRING ? 1 : e.count;
    const out: string[] = new Array(n);
    let at = e.offset;
    for (let i = 0; i < n; i++) {
      const end = this.data.indexOf(0, at);
      if (end < 0) throw this.error(`tag ${tag}: string ${i} of ${n} at ${at} is not NUL-terminated inside the data store`);
      out[i] = utf8.decode(this.data.subarray(at, end));
      at = end + 1;
    }
    return out;
  }

  string(tag: number): string | undefined {
    return this.strings(tag)?.[0];
  }

  /** The numbers of an INT8/16/32/64 entry; undefined when the tag is absent. */
  numbers(tag: number): number[] | undefined {
    const e = this.entries.get(tag);
    if (!e) return undefined;
    const out: number[] = new Array(e.count);
    const v = this.view;
    for (let i = 0; i < e.count; i++) {
      switch (e.type) {
        case TYPE.CHAR:
        case TYPE.INT8:
          out[i] = v.getUint8(e.offset + i);
          break;
        case TYPE.INT16:
          out[i] = v.getUint16(e.offset + i * 2);
          break;
        case TYPE.INT32:
          out[i] = v.getUint32(e.offset + i * 4);
          break;
        case TYPE.INT64:
          out[i] = Number(v.getBigUint64(e.offset + i * 8));
          break;
        default:
          throw this.error(`tag ${tag}: type ${e.type}, expected an integer`);
      }
    }
    return out;
  }

  number(tag: number): number | undefined {
    return this.numbers(tag)?.[0];
  }
}

/** Bytes per element of the fixed-size types (the checks above rely on it; 0: variable). */
const FIXED = [0, 1, 1, 2, 4, 8, 0, 1, 0, 0];

const utf8 = new TextDecoder('utf-8', { fatal: false });

export interface RpmPackage extends PackageRecord {
  /** Set when the file list was cut at MAX_PACKAGE_FILES. */
  filesCapped?: boolean;
}

/**
 * The package one header describes: name, `[epoch:]version-release`, arch, license, size,
 * source rpm, and its files (DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], without the leading `/`).
 */
export function parseRpmHeader(blob: Uint8Array, where: string): RpmPackage {
  const h = new RpmHeader(blob, where);
  const name = h.string(TAG.NAME);
  const version = h.string(TAG.VERSION);
  if (!name || version === undefined) throw new RpmHeaderError(`${where}: no NAME or VERSION tag`);
  const release = h.string(TAG.RELEASE);
  const epoch = h.number(TAG.EPOCH);
  const rec: RpmPackage = {
    ecosystem: 'rpm',
    name,
    version: `${epoch !== undefined ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`,
  };
  const arch = h.string(TAG.ARCH);
  if (arch) rec.arch = arch;
  const license = h.string(TAG.LICENSE);
  if (license) rec.license = license;
  const size = h.number(TAG.LONGSIZE) ?? h.number(TAG.SIZE);
  if (size !== undefined) rec.installedSize = size;
  const srpm = h.string(TAG.SOURCERPM);
  if (srpm) rec.source = srpm;
  const base = h.strings(TAG.BASENAMES);
  if (base) {
    const dirs = h.strings(TAG.DIRNAMES) ?? [];
    const idx = h.numbers(TAG.DIRINDEXES) ?? [];
    if (idx.length !== base.length) throw new RpmHeaderError(`${where}: ${base.length} BASENAMES but ${idx.length} DIRINDEXES`);
    const n = Math.min(base.length, MAX_PACKAGE_FILES);
    const files: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const d = dirs[idx[i]];
      if (d === undefined) throw new RpmHeaderError(`${where}: DIRINDEXES[${i}] = ${idx[i]}, beyond the ${dirs.length} DIRNAMES`);
      files[i] = (d + base[i]).replace(/^\/+/, '');
    }
    rec.files = files;
    if (base.length > n) rec.filesCapped = true;
  }
  return rec;
}
