/**
 * Where a file format embeds timestamps, and whether two versions of a file differ only there
 * (pure; the bytes come from timestamp-only.ts). Three kinds, each recognised by its name and
 * then checked on its bytes:
 *
 *  pyc-source-mtime  a timestamp-based .pyc: the source mtime in the header (PEP 552: bytes 8–11
 *                    for Python 3.7+; 4–7 before). Hash-based pycs embed no time.
 *  zip-entry-times   a zip (.zip, .jar, .whl, .war, .ear, .egg, .apk, .aar, .nupkg): the DOS
 *                    time and date of every local and central directory header (APPNOTE 4.3.7,
 *                    4.3.12) and the times of the extra fields that hold them (4.5: 0x000a
 *                    NTFS, 0x000d PKWARE Unix, 0x5455 extended timestamp, 0x5855 Info-ZIP Unix).
 *                    Zip64 archives are not read (never timestamp-only, so never ignored).
 *  gzip-mtime        a gzip file (.gz, .tgz): the MTIME of its first member header (RFC 1952
 *                    2.3.1, bytes 4–7). A later member's MTIME is not a known field here.
 *
 * "Only a timestamp" is decided byte by byte: the same size, the same structure on both sides
 * (the same time fields at the same offsets), and every differing byte inside a time field. So
 * a compiled module whose code differs, a jar entry whose data differs, a gzip whose name or
 * deflate stream differs is never timestamp-only.
 */
import type { TimestampOnly } from '../types';
import { readGzipHeader } from './gzip-header';
import { parsePyc } from './recognise/pyc';
import { u16le, u32le } from './recognise/types';

type Range = [number, number];

const ZIP_NAME = /\.(zip|jar|whl|war|ear|egg|apk|aar|nupkg)$/i;

/** The kind a path names, or null: only these are read. */
export function embeddedTimeKind(path: string): TimestampOnly | null {
  if (/\.pyc$/i.test(path)) return 'pyc-source-mtime';
  if (ZIP_NAME.test(path)) return 'zip-entry-times';
  if (/\.(gz|tgz)$/i.test(path)) return 'gzip-mtime';
  return null;
}

/** The byte ranges [start, end) of the timestamps `b` embeds as a `kind`, or null when `b` is not one. */
export function timeFields(kind: TimestampOnly, b: Uint8Array): Range[] | null {
  if (kind === 'pyc-source-mtime') {
    const h = parsePyc(b);
    if (!h || h.hashBased || h.mtime === undefined) return null;
    const at = h.headerSize === 16 ? 8 : 4;
    return [[at, at + 4]];
  }
  if (kind === 'gzip-mtime') return readGzipHeader(b) ? [[4, 8]] : null;
  return zipTimeFields(b);
}

/**
 * True when `a` and `b` are both a `kind` with the same time fields and differ in at least
 * one byte, every one of them inside those fields.
 */
export function differsOnlyInTimes(kind: TimestampOnly, a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const fa = timeFields(kind, a);
  const fb = timeFields(kind, b);
  if (!fa || !fb || fa.length !== fb.length || fa.some(([s, e], i) => s !== fb[i][0] || e !== fb[i][1])) return false;
  // The ranges are sorted (timeFields); walk them alongside the bytes.
  let any = false;
  let r = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    while (r < fa.length && fa[r][1] <= i) r++;
    if (r === fa.length || i < fa[r][0]) return false;
    any = true;
  }
  return any;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** The time fields of a whole zip file (central directory first, then each local header). */
function zipTimeFields(b: Uint8Array): Range[] | null {
  const end = findEocd(b);
  if (end < 0) return null;
  const entries = u16le(b, end + 10);
  const cdSize = u32le(b, end + 12);
  const cdOffset = u32le(b, end + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return null; // Zip64
  if (cdOffset + cdSize > end) return null;
  const out: Range[] = [];
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > b.length || u32le(b, p) !== CEN) return null;
    const nameLen = u16le(b, p + 28);
    const extraLen = u16le(b, p + 30);
    const commentLen = u16le(b, p + 32);
    const local = u32le(b, p + 42);
    out.push([p + 12, p + 16]);
    if (!extraTimes(b, p + 46 + nameLen, extraLen, out)) return null;
    if (local + 30 > b.length || u32le(b, local) !== LOC) return null;
    const lName = u16le(b, local + 26);
    const lExtra = u16le(b, local + 28);
    out.push([local + 10, local + 14]);
    if (!extraTimes(b, local + 30 + lName, lExtra, out)) return null;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** The end of central directory record: the last signature within the 64 KiB comment bound. */
function findEocd(b: Uint8Array): number {
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--) {
    if (u32le(b, p) === EOCD && p + 22 + u16le(b, p + 20) === b.length) return p;
  }
  return -1;
}

/** Appends the time ranges of the extra fields in [at, at + len); false when they overrun. */
function extraTimes(b: Uint8Array, at: number, len: number, out: Range[]): boolean {
  const stop = at + len;
  if (stop > b.length) return false;
  for (let x = at; x + 4 <= stop; ) {
    const id = u16le(b, x);
    const size = u16le(b, x + 2);
    const data = x + 4;
    if (data + size > stop) return false;
    if (id === 0x5455 && size > 1) out.push([data + 1, data + size]);
    else if ((id === 0x5855 || id === 0x000d) && size >= 8) out.push([data, data + 8]);
    else if (id === 0x000a) {
      for (let t = data + 4; t + 4 <= data + size; ) {
        const tag = u16le(b, t);
        const tagSize = u16le(b, t + 2);
        if (tag === 1 && tagSize === 24 && t + 28 <= data + size) out.push([t + 4, t + 28]);
        t += 4 + tagSize;
      }
    }
    x = data + size;
  }
  return true;
}
