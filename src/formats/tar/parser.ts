/**
 * Push-based streaming tar parser.
 *
 * The driver writes chunks of any size; the parser reports each entry to the visitor and
 * streams its data to the sink the visitor returns. Data bytes are never looked at: sinks
 * get subarray views of the caller's chunk (transient: copy if kept), and only header
 * blocks that straddle two chunks are copied. Per entry there is one 512-byte checksum
 * pass and a handful of field decodes; per data byte there is no work at all.
 *
 * Archive structure follows POSIX.1-2017 pax ("ustar Interchange Format", "pax Extended
 * Header") and the GNU tar manual ("Basic Tar Format", "GNU Extensions", "Storing Sparse
 * Files"): headers and data are 512-byte blocks, entries may be preceded by pax 'x'/'g'
 * headers and GNU 'L'/'K' long-name entries, and the archive ends with two zero blocks,
 * usually followed by zeros up to the record size (GNU tar: 10240 bytes).
 */
import { TarscopeError } from '../../io/errors';
import type { SparseChunk, TarEntry, TarSummary } from './types';
import { BLOCK, checkBlock, entryType, parseHeader, parseSparseExtension, type RawHeader } from './header';
import { interpretPax, parsePaxRecords, parseSparseMap10, recordsToObject, type PaxFields, type PaxRecord } from './pax';
import { cstrlen, decodeText } from './text';

export interface EntrySink {
  /** A view into the caller's chunk, valid only during the call: copy it to keep it. */
  data(chunk: Uint8Array): void;
  end(): void;
}

export interface TarVisitor {
  /** Return a sink to receive the entry's data, or nothing to decline it (it can then be skipped). */
  entry(e: TarEntry): EntrySink | null | undefined | void;
}

export interface TarParserOptions {
  /** Absolute offset of the first byte written (e.g. a layer's offset inside an outer tar). */
  baseOffset?: number;
  /** Where this tar is (e.g. the layer name), for error messages. */
  path?: string;
}

/** pax/GNU meta entries larger than this are refused rather than buffered. */
const MAX_META = 64 * 1024 * 1024;

const enum S {
  Header, // collecting a header block
  Data, // streaming entry data to a sink
  Skip, // declined entry data + padding
  Pad, // padding after sink data or meta data
  Meta, // collecting the data of an 'x', 'g', 'L' or 'K' entry
  SparseExt, // collecting an old GNU sparse extension block
  SparseMap, // collecting a GNU sparse 1.0 map at the start of the data
  Marker, // after the first zero block: is the second one there?
  Trailing, // after the end-of-archive marker
}

/** The entry being assembled from its meta entries and header. */
interface Pending {
  start: number;
  local?: PaxRecord[];
  paxHeaderName?: string;
  longName?: string;
  longLink?: string;
}

export class TarParser {
  private readonly visitor: TarVisitor;
  private readonly base: number;
  private readonly path: string | undefined;

  private state = S.Header;
  private pos = 0; // bytes consumed
  private failed: unknown = undefined;

  // block collection (headers straddling chunks, extension blocks, marker)
  private readonly block = new Uint8Array(BLOCK);
  private blockFill = 0;

  // current entry
  private pending: Pending | null = null;
  private sink: EntrySink | null = null;
  private remaining = 0; // data (Data/Meta/Skip) or padding (Pad) bytes left
  private padAfter = 0; // padding to consume after Data/Meta
  private entryName = '';
  private entrySize = 0;
  private dataRemainingInSkip = 0; // data part of `remaining` in Skip, for truncation messages

  // meta entry data
  private meta: Uint8Array | null = null;
  private metaFill = 0;
  private metaType = '';
  private metaAt = 0;
  private metaName = '';

  // a header waiting for sparse extension blocks or a sparse 1.0 map
  private held: { h: RawHeader; at: number; map: SparseChunk[]; fields?: PaxFields } | null = null;
  private mapBuf: Uint8Array | null = null;
  private mapFill = 0;
  private mapLimit = 0;

  private global: PaxRecord[] | undefined;
  private globalObject: Record<string, string> | undefined;
  private readonly globals: Record<string, string>[] = [];

  private index = 0;
  private endOffset = 0;
  private zeroBlocks = 0;
  private trailingBytes = 0;
  private trailingGarbage = false;
  private sawEndMarker = false;

  constructor(visitor: TarVisitor, opts: TarParserOptions = {}) {
    this.visitor = visitor;
    this.base = opts.baseOffset ?? 0;
    this.path = opts.path;
    this.endOffset = this.base;
  }

  /** Absolute offset: baseOffset + bytes consumed. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** The end-of-archive marker (a zero block) has been seen; what follows is trailing bytes. */
  get done(): boolean {
    return this.sawEndMarker;
  }

  /**
   * Data bytes (plus padding) of the current entry that the visitor declined: the driver
   * may seek over them and call skip() instead of writing them. 0 otherwise.
   */
  get skippable(): number {
    return this.state === S.Skip ? this.remaining : 0;
  }

  /** Advances over n declined bytes without their data (n <= skippable). */
  skip(n: number): void {
    if (this.failed !== undefined) throw this.failed;
    if (!(n >= 0) || n > this.skippable) {
      throw new RangeError(`tar: skip(${n}) but only ${this.skippable} bytes are skippable`);
    }
    this.consumeSkip(n);
  }

  write(chunk: Uint8Array): void {
    if (this.failed !== undefined) throw this.failed;
    try {
      this.run(chunk);
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  /** Ends the stream. Throws 'truncated' when it stopped inside a header or an entry. */
  end(): TarSummary {
    if (this.failed !== undefined) throw this.failed;
    const at = this.offset;
    switch (this.state) {
      case S.Header:
        if (this.blockFill > 0) throw this.truncatedHeader(at - this.blockFill);
        if (this.pending) throw this.truncatedHeader(at);
        break;
      case S.SparseExt:
        throw this.truncatedHeader(at - this.blockFill);
      case S.SparseMap:
        throw this.truncatedHeader(at - this.mapFill);
      case S.Data:
        throw this.truncatedData(this.entryName, this.entrySize - this.remaining, this.entrySize);
      case S.Meta:
        throw this.truncatedData(this.metaName, this.metaFill, this.meta ? this.meta.length : 0);
      case S.Skip:
        if (this.dataRemainingInSkip > 0) {
          throw this.truncatedData(this.entryName, this.entrySize - this.dataRemainingInSkip, this.entrySize);
        }
        throw this.truncatedPadding();
      case S.Pad:
        throw this.truncatedPadding();
      case S.Marker:
        // One zero block then EOF: accepted (GNU tar does too); a partial second block is trailing.
        for (let i = 0; i < this.blockFill; i++) if (this.block[i] !== 0) this.trailingGarbage = true;
        this.trailingBytes += this.blockFill;
        this.blockFill = 0;
        break;
      case S.Trailing:
        break;
    }
    return {
      entries: this.index,
      endOffset: this.endOffset,
      zeroBlocks: this.zeroBlocks,
      trailingBytes: this.trailingBytes,
      trailingGarbage: this.trailingGarbage,
      sawEndMarker: this.sawEndMarker,
      globalPax: this.globals,
    };
  }

  // ---------------------------------------------------------------- the loop

  private run(c: Uint8Array): void {
    const len = c.length;
    let p = 0;
    while (p < len) {
      switch (this.state) {
        case S.Data: {
          const n = Math.min(this.remaining, len - p);
          this.sink!.data(c.subarray(p, p + n));
          p += n;
          this.pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.finishData();
          break;
        }
        case S.Skip: {
          const n = Math.min(this.remaining, len - p);
          p += n;
          this.consumeSkip(n);
          break;
        }
        case S.Pad: {
          const n = Math.min(this.remaining, len - p);
          p += n;
          this.pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = S.Header;
          break;
        }
        case S.Meta: {
          const n = Math.min(this.meta!.length - this.metaFill, len - p);
          this.meta!.set(c.subarray(p, p + n), this.metaFill);
          this.metaFill += n;
          p += n;
          this.pos += n;
          if (this.metaFill === this.meta!.length) this.finishMeta();
          break;
        }
        case S.SparseMap: {
          const n = Math.min(this.mapLimit - this.mapFill, BLOCK - (this.mapFill % BLOCK), len - p);
          this.mapBuf!.set(c.subarray(p, p + n), this.mapFill);
          this.mapFill += n;
          p += n;
          this.pos += n;
          if (this.mapFill % BLOCK === 0 || this.mapFill === this.mapLimit) this.tryMap();
          break;
        }
        case S.Trailing: {
          const end = len;
          if (!this.trailingGarbage) {
            for (let i = p; i < end; i++) {
              if (c[i] !== 0) {
                this.trailingGarbage = true;
                break;
              }
            }
          }
          this.trailingBytes += end - p;
          this.pos += end - p;
          p = end;
          break;
        }
        default: {
          // Header, SparseExt, Marker: whole blocks. Parse in place when the block is
          // inside this chunk; copy only when it straddles chunks.
          if (this.blockFill === 0 && len - p >= BLOCK) {
            const at = this.offset;
            this.pos += BLOCK;
            p += BLOCK;
            this.onBlock(c, p - BLOCK, at);
          } else {
            const n = Math.min(BLOCK - this.blockFill, len - p);
            this.block.set(c.subarray(p, p + n), this.blockFill);
            this.blockFill += n;
            this.pos += n;
            p += n;
            if (this.blockFill === BLOCK) {
              this.blockFill = 0;
              this.onBlock(this.block, 0, this.offset - BLOCK);
            }
          }
        }
      }
    }
  }

  private consumeSkip(n: number): void {
    this.pos += n;
    this.remaining -= n;
    this.dataRemainingInSkip = Math.max(0, this.dataRemainingInSkip - n);
    if (this.remaining === 0) {
      this.endOffset = this.offset;
      this.state = S.Header;
    }
  }

  private finishData(): void {
    const sink = this.sink!;
    this.sink = null;
    this.state = this.padAfter ? S.Pad : S.Header;
    this.remaining = this.padAfter;
    this.endOffset = this.offset + this.padAfter;
    sink.end();
  }

  // ---------------------------------------------------------------- blocks

  private onBlock(b: Uint8Array, off: number, at: number): void {
    switch (this.state) {
      case S.Header:
        return this.onHeader(b, off, at);
      case S.SparseExt:
        return this.onSparseExt(b, off, at);
      case S.Marker: {
        let zero = true;
        for (let i = off; i < off + BLOCK; i++) {
          if (b[i] !== 0) {
            zero = false;
            break;
          }
        }
        if (zero) this.zeroBlocks = 2;
        else {
          // "A lone zero block" (GNU tar warns and stops reading too).
          this.trailingGarbage = true;
          this.trailingBytes += BLOCK;
        }
        this.state = S.Trailing;
        return;
      }
    }
  }

  private onHeader(b: Uint8Array, off: number, at: number): void {
    const check = checkBlock(b, off);
    if (check.kind === 'zero') {
      if (this.pending) {
        throw this.corrupt(at, `tar: end-of-archive marker at offset ${at} right after a pax or GNU long-name header`);
      }
      this.zeroBlocks = 1;
      this.sawEndMarker = true;
      this.state = S.Marker;
      return;
    }
    if (check.kind === 'bad') {
      const stored = Number.isNaN(check.stored) ? JSON.stringify(check.storedText) : check.stored.toString(8);
      // At offset 0 a bad checksum almost always means the input is not a tar at all
      // (compressed, or another format), so say so.
      const first = at === this.base;
      const what = first ? 'not a tar archive: bad header checksum' : 'bad header checksum';
      throw this.corrupt(at, `tar: ${what} at offset ${at}: stored ${stored}, computed ${check.computed.toString(8)}`);
    }
    const h = parseHeader(b, off, at, check.checksum);
    const t = h.typeflag;
    if (t === 'x' || t === 'g' || t === 'L' || t === 'K') return this.startMeta(h, at);
    if (h.sparseMap) {
      this.held = { h, at, map: h.sparseMap };
      if (h.sparseExtended) {
        this.state = S.SparseExt;
        return;
      }
    } else {
      this.held = { h, at, map: [] };
    }
    this.headerDone();
  }

  private onSparseExt(b: Uint8Array, off: number, at: number): void {
    const ext = parseSparseExtension(b, off, at);
    for (const c of ext.map) this.held!.map.push(c);
    if (!ext.extended) {
      this.state = S.Header;
      this.headerDone();
    }
  }

  // ---------------------------------------------------------------- meta entries

  private startMeta(h: RawHeader, at: number): void {
    if (h.size > MAX_META) {
      throw new TarscopeError({
        code: 'unsupported',
        component: 'tar',
        offset: at,
        message: this.msg(`tar: ${h.typeflag} header of ${h.size} bytes at offset ${at} is larger than ${MAX_META}`),
      });
    }
    if (!this.pending) this.pending = { start: at };
    if (h.typeflag === 'x') this.pending.paxHeaderName = h.name;
    this.metaType = h.typeflag;
    this.metaName = h.name;
    this.entryName = h.name;
    this.metaAt = at + BLOCK;
    this.meta = new Uint8Array(h.size);
    this.metaFill = 0;
    this.padAfter = pad(h.size);
    if (h.size === 0) this.finishMeta();
    else this.state = S.Meta;
  }

  private finishMeta(): void {
    const data = this.meta!;
    this.meta = null;
    const p = this.pending!;
    switch (this.metaType) {
      case 'x': {
        const recs = parsePaxRecords(data, this.metaAt);
        p.local = p.local ? p.local.concat(recs) : recs;
        break;
      }
      case 'g': {
        // A global header is not part of the next entry: it applies to all that follow.
        const recs = parsePaxRecords(data, this.metaAt);
        this.global = this.global ? this.global.concat(recs) : recs;
        this.globalObject = Object.freeze(recordsToObject(this.global)) as Record<string, string>;
        this.globals.push(recordsToObject(recs));
        if (!p.local && p.longName === undefined && p.longLink === undefined && p.start === this.metaAt - BLOCK) {
          this.pending = null;
        }
        break;
      }
      case 'L':
        p.longName = decodeText(data, 0, cstrlen(data, 0, data.length));
        break;
      case 'K':
        p.longLink = decodeText(data, 0, cstrlen(data, 0, data.length));
        break;
    }
    this.remaining = this.padAfter;
    this.state = this.padAfter ? S.Pad : S.Header;
    this.endOffset = this.offset + this.padAfter;
  }

  // ---------------------------------------------------------------- entries

  /** The entry's header (and sparse extension blocks) are read: resolve it and report it. */
  private headerDone(): void {
    const held = this.held!;
    const { h, at } = held;
    const p = this.pending;
    const fields = p?.local || this.global ? interpretPax(this.global, p?.local, p ? p.start : at) : undefined;
    held.fields = fields;
    const sparse = fields?.sparse;
    if (sparse && sparse.version.startsWith('1.')) {
      // The map is the first part of the data: read it before reporting the entry.
      const size = fields!.size ?? h.size;
      this.mapLimit = size;
      this.mapBuf = new Uint8Array(Math.min(size, 1 << 16));
      this.mapFill = 0;
      this.state = S.SparseMap;
      if (size === 0) this.tryMap();
      return;
    }
    this.emit(0, undefined);
  }

  private tryMap(): void {
    if (this.mapFill === this.mapBuf!.length && this.mapFill < this.mapLimit) {
      const bigger = new Uint8Array(Math.min(this.mapLimit, this.mapBuf!.length * 2));
      bigger.set(this.mapBuf!);
      this.mapBuf = bigger;
    }
    const dataAt = this.offset - this.mapFill;
    const r = parseSparseMap10(this.mapBuf!.subarray(0, this.mapFill), dataAt);
    if (r) {
      // The map is read block by block and parsed after each block, so it ends in the
      // last block read and r.bytes (block-rounded) === mapFill, unless the entry is too
      // short to hold the map's padding.
      if (r.bytes > this.mapLimit) throw this.corrupt(dataAt, `tar: GNU sparse 1.0 map at offset ${dataAt} is larger than its entry`);
      this.mapBuf = null;
      this.state = S.Header;
      this.emit(r.bytes, r.map);
    } else if (this.mapFill >= this.mapLimit) {
      throw this.corrupt(dataAt, `tar: GNU sparse 1.0 map at offset ${dataAt} runs past the end of its entry`);
    }
  }

  /** Builds the TarEntry, asks the visitor for a sink and sets up the data states. */
  private emit(mapBytes: number, map10: SparseChunk[] | undefined): void {
    const { h, at, map, fields } = this.held!;
    this.held = null;
    const p = this.pending;
    this.pending = null;
    const local = p?.local;

    let name = h.name;
    let longName: TarEntry['longName'] = h.prefixed ? 'prefix' : undefined;
    if (p?.longName !== undefined) {
      name = p.longName;
      longName = 'gnu';
    }
    if (fields?.path !== undefined) {
      name = fields.path;
      longName = 'pax';
    }
    if (fields?.sparse?.name !== undefined) {
      name = fields.sparse.name;
      longName = 'pax';
    }
    let linkname = h.linkname;
    let longLink: TarEntry['longLink'];
    if (p?.longLink !== undefined) {
      linkname = p.longLink;
      longLink = 'gnu';
    }
    if (fields?.linkpath !== undefined) {
      linkname = fields.linkpath;
      longLink = 'pax';
    }

    const headerSize = fields?.size ?? h.size;
    // GNU tar (list.c skim_member) skips no data after a '5' directory header whatever
    // its size field says; every other type carries `size` bytes, as the spec says.
    const stored = h.typeflag === '5' ? 0 : headerSize;
    const dataSize = stored - mapBytes;
    const blockOffset = at;
    const headerOffset = p ? p.start : at;
    const dataOffset = this.offset;

    const e: TarEntry = {
      name,
      linkname,
      typeflag: h.typeflag,
      type: entryType(h.typeflag, name),
      mode: h.mode,
      uid: fields?.uid ?? h.uid,
      gid: fields?.gid ?? h.gid,
      uname: fields?.uname ?? h.uname,
      gname: fields?.gname ?? h.gname,
      size: dataSize,
      mtime: fields?.mtime ?? h.mtime,
      devmajor: h.devmajor,
      devminor: h.devminor,
      headerFormat: h.format,
      headerOffset,
      blockOffset,
      dataOffset,
      checksum: h.checksum,
      index: this.index,
    };
    const atime = fields?.atime ?? h.atime;
    const ctime = fields?.ctime ?? h.ctime;
    if (atime !== undefined) e.atime = atime;
    if (ctime !== undefined) e.ctime = ctime;
    if (longName) e.longName = longName;
    if (longLink) e.longLink = longLink;
    if (local) e.pax = recordsToObject(local);
    if (p?.paxHeaderName !== undefined) e.paxHeaderName = p.paxHeaderName;
    if (this.globalObject) e.globalPax = this.globalObject;
    if (fields?.xattrs) e.xattrs = fields.xattrs;
    if (h.base256) e.base256 = h.base256;
    if (h.typeflag === 'S') {
      e.sparseFormat = 'old-gnu';
      e.realSize = h.realSize;
      e.sparseMap = map;
    } else if (fields?.sparse) {
      const sp = fields.sparse;
      e.type = 'sparse';
      e.sparseFormat = sp.version;
      if (sp.realSize !== undefined) e.realSize = sp.realSize;
      const m = map10 ?? sp.map;
      if (m) e.sparseMap = m;
    }

    this.index++;
    this.entryName = name;
    this.entrySize = dataSize;
    const padding = pad(stored);
    const sink = this.visitor.entry(e);
    if (sink && typeof sink.data === 'function') {
      this.sink = sink;
      this.padAfter = padding;
      if (dataSize === 0) {
        this.finishData();
      } else {
        this.remaining = dataSize;
        this.state = S.Data;
      }
    } else {
      this.remaining = dataSize + padding;
      this.dataRemainingInSkip = dataSize;
      this.endOffset = this.offset + this.remaining;
      this.state = this.remaining ? S.Skip : S.Header;
    }
  }

  // ---------------------------------------------------------------- errors

  private msg(m: string): string {
    return this.path ? `${m} (in ${this.path})` : m;
  }

  private corrupt(at: number, message: string): TarscopeError {
    return new TarscopeError({ code: 'corrupt', component: 'tar', offset: at, path: this.path, message: this.msg(message) });
  }

  private truncatedHeader(at: number): TarscopeError {
    return new TarscopeError({
      code: 'truncated',
      component: 'tar',
      offset: at,
      path: this.path,
      message: this.msg(`tar: archive truncated inside a header at offset ${at}`),
    });
  }

  private truncatedData(name: string, read: number, size: number): TarscopeError {
    const at = this.offset;
    return new TarscopeError({
      code: 'truncated',
      component: 'tar',
      offset: at,
      path: this.path,
      message: this.msg(`tar: archive truncated in the data of '${name}' at offset ${at} (${read} of ${size} bytes read)`),
    });
  }

  private truncatedPadding(): TarscopeError {
    const at = this.offset;
    return new TarscopeError({
      code: 'truncated',
      component: 'tar',
      offset: at,
      path: this.path,
      message: this.msg(`tar: archive truncated in the block padding after '${this.entryName}' at offset ${at}`),
    });
  }
}

/** Bytes from `size` up to the next 512-byte boundary. */
function pad(size: number): number {
  const r = size % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}
