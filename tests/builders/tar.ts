/**
 * A small in-memory tar writer for edge cases real writers will not produce on demand
 * (bad checksums, odd pax records, base-256 fields, hand-made image layouts).
 * Writes ustar (POSIX) headers by default; `format: 'gnu'` writes GNU magic,
 * `longName: 'gnu'` uses ././@LongLink entries, `pax` adds a per-entry extended header.
 */
export interface BuildEntry {
  name: string;
  /** content; a string is UTF-8 encoded */
  data?: Uint8Array | string;
  typeflag?: string; // default '0' (or '5' when name ends with '/')
  mode?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  mtime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  format?: 'ustar' | 'gnu' | 'v7';
  /** per-entry pax records (adds an 'x' header before the entry) */
  pax?: Record<string, string>;
  /** name of the pax header block (default "PaxHeaders/<name>") */
  paxHeaderName?: string;
  /** global pax records (adds a 'g' header before the entry) */
  globalPax?: Record<string, string>;
  /** how to store a name longer than 100 bytes: ustar prefix (default), GNU long name, or pax */
  longName?: 'prefix' | 'gnu' | 'pax';
  /** write these numeric fields in GNU base-256 */
  base256?: ('uid' | 'gid' | 'size' | 'mtime')[];
  /** override the size field (e.g. to fake a truncated entry) */
  sizeField?: number;
  /** corrupt the stored checksum */
  badChecksum?: boolean;
  /** store the historic signed-char checksum (old Sun/GNU writers) instead of the POSIX unsigned one */
  signedChecksum?: boolean;
  /** raw bytes for the name field (e.g. Latin-1 names that are not UTF-8); overrides `name` in the header */
  nameBytes?: Uint8Array;
  /** raw data of the per-entry 'x' header (for malformed records); replaces `pax` */
  paxRaw?: Uint8Array | string;
}

const enc = new TextEncoder();

function toBytes(d: Uint8Array | string | undefined): Uint8Array {
  if (d === undefined) return new Uint8Array(0);
  return typeof d === 'string' ? enc.encode(d) : d;
}

function writeString(block: Uint8Array, off: number, len: number, s: string) {
  const b = enc.encode(s);
  block.set(b.subarray(0, len), off);
}

function writeOctal(block: Uint8Array, off: number, len: number, n: number) {
  const s = Math.floor(n)
    .toString(8)
    .padStart(len - 1, '0');
  if (s.length > len - 1) throw new Error(`tar builder: ${n} does not fit ${len - 1} octal digits`);
  writeString(block, off, len, s + '\0');
}

function writeBase256(block: Uint8Array, off: number, len: number, n: number) {
  let v = BigInt(Math.floor(n));
  const neg = v < 0n;
  if (neg) v = (1n << BigInt(8 * len)) + v;
  for (let i = len - 1; i >= 0; i--) {
    block[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  block[off] = neg ? 0xff : 0x80 | (block[off] & 0x7f);
}

function paxRecords(records: Record<string, string>): Uint8Array {
  let out = '';
  for (const [k, v] of Object.entries(records)) {
    const body = ` ${k}=${v}\n`;
    let len = enc.encode(body).length + 1;
    while (String(len).length + enc.encode(body).length !== len) len++;
    out += `${len}${body}`;
  }
  return enc.encode(out);
}

function pad(data: Uint8Array): Uint8Array[] {
  const rem = data.length % 512;
  return rem === 0 ? [data] : [data, new Uint8Array(512 - rem)];
}

function header(e: BuildEntry, name: string, size: number, typeflag: string): Uint8Array {
  const block = new Uint8Array(512);
  let prefix = '';
  let short = name;
  if (enc.encode(name).length > 100 && (e.longName ?? 'prefix') === 'prefix' && e.format !== 'gnu') {
    const cut = name.lastIndexOf('/', 155);
    if (cut > 0 && enc.encode(name.slice(cut + 1)).length <= 100) {
      prefix = name.slice(0, cut);
      short = name.slice(cut + 1);
    }
  }
  if (e.nameBytes) block.set(e.nameBytes.subarray(0, 100), 0);
  else writeString(block, 0, 100, short);
  const b256 = new Set(e.base256 ?? []);
  writeOctal(block, 100, 8, e.mode ?? (typeflag === '5' ? 0o755 : 0o644));
  (b256.has('uid') ? writeBase256 : writeOctal)(block, 108, 8, e.uid ?? 0);
  (b256.has('gid') ? writeBase256 : writeOctal)(block, 116, 8, e.gid ?? 0);
  (b256.has('size') ? writeBase256 : writeOctal)(block, 124, 12, size);
  (b256.has('mtime') ? writeBase256 : writeOctal)(block, 136, 12, e.mtime ?? 0);
  block[156] = typeflag.charCodeAt(0) || 0;
  writeString(block, 157, 100, e.linkname ?? '');
  const format = e.format ?? 'ustar';
  if (format === 'ustar') writeString(block, 257, 8, 'ustar\u000000');
  else if (format === 'gnu') writeString(block, 257, 8, 'ustar  \u0000');
  if (format !== 'v7') {
    writeString(block, 265, 32, e.uname ?? '');
    writeString(block, 297, 32, e.gname ?? '');
    writeOctal(block, 329, 8, e.devmajor ?? 0);
    writeOctal(block, 337, 8, e.devminor ?? 0);
    if (format === 'ustar') writeString(block, 345, 155, prefix);
  }
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += e.signedChecksum && block[i] >= 128 ? block[i] - 256 : block[i];
  if (e.badChecksum) sum += 1;
  writeString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

/** Blocks for one entry, including any pax/GNU long-name blocks in front of it. */
export function entryBlocks(e: BuildEntry): Uint8Array[] {
  const out: Uint8Array[] = [];
  const data = toBytes(e.data);
  const typeflag = e.typeflag ?? (e.name.endsWith('/') ? '5' : '0');
  let name = e.name;
  let linkname = e.linkname ?? '';
  const pax: Record<string, string> = { ...(e.pax ?? {}) };
  if (e.globalPax) {
    const g = paxRecords(e.globalPax);
    out.push(header({ name: 'pax_global_header', format: 'ustar' }, 'pax_global_header', g.length, 'g'), ...pad(g));
  }
  if (enc.encode(name).length > 100 && e.longName === 'gnu') {
    const n = enc.encode(name + '\0');
    out.push(header({ name: '././@LongLink', format: 'gnu' }, '././@LongLink', n.length, 'L'), ...pad(n));
    name = name.slice(0, 100);
  } else if (enc.encode(name).length > 100 && e.longName === 'pax') {
    pax.path = name;
    name = name.slice(0, 100);
  }
  if (enc.encode(linkname).length > 100) {
    if (e.longName === 'gnu') {
      const n = enc.encode(linkname + '\0');
      out.push(header({ name: '././@LongLink', format: 'gnu' }, '././@LongLink', n.length, 'K'), ...pad(n));
    } else pax.linkpath = linkname;
    linkname = linkname.slice(0, 100);
  }
  if (Object.keys(pax).length || e.paxRaw !== undefined) {
    const p = e.paxRaw !== undefined ? toBytes(e.paxRaw) : paxRecords(pax);
    const hn = e.paxHeaderName ?? `PaxHeaders/${name}`.slice(0, 100);
    out.push(header({ name: hn, format: 'ustar' }, hn, p.length, 'x'), ...pad(p));
  }
  out.push(header({ ...e, linkname }, name, e.sizeField ?? data.length, typeflag));
  if (data.length) out.push(...pad(data));
  return out;
}

export interface BuildOptions {
  /** number of zero blocks at the end (default 2) */
  endBlocks?: number;
  /** pad the archive to a multiple of this many bytes (GNU tar's record size is 10240) */
  recordSize?: number;
}

export function buildTar(entries: BuildEntry[], opts: BuildOptions = {}): Uint8Array {
  const parts = entries.flatMap(entryBlocks);
  for (let i = 0; i < (opts.endBlocks ?? 2); i++) parts.push(new Uint8Array(512));
  let size = parts.reduce((n, p) => n + p.length, 0);
  if (opts.recordSize && size % opts.recordSize) {
    parts.push(new Uint8Array(opts.recordSize - (size % opts.recordSize)));
    size += opts.recordSize - (size % opts.recordSize);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
