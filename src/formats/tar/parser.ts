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
import type { SparseChunk, TarSummary } from './types';
import type { TarEntry } from './types';
import { BLOCK, checkBlock, parseHeader, parseSparseExtension, type RawHeader } from './header';
import type { PaxFields } from './pax';
import { SparseMapReader } from './sparse';
import { buildEntry, storedSize } from './entry';
import { badChecksum, tarError, truncatedData, truncatedHeader, truncatedPadding, withPath } from './errors';
import { Preamble } from './preamble';
import { TarWarnings, endWarnings } from './warnings';

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

enum S {
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

/** A header read, waiting for sparse extension blocks or a sparse 1.0 map. */
interface Held {
  h: RawHeader;
  at: number;
  fields?: PaxFields;
  oldGnuMap?: SparseChunk[];
}

export class TarParser {
  private readonly visitor: TarVisitor;
  private readonly base: number;
  private readonly path: string | undefined;

  private state = S.Header;
  private pos = 0; // bytes consumed
  private failed: unknown = undefined;

  // whole-block states (Header, SparseExt, Marker) copy only blocks that straddle chunks
  private readonly block = new Uint8Array(BLOCK);
  private blockFill = 0;

  private readonly pre = new Preamble();
  private held: Held | null = null;
  private sink: EntrySink | null = null;
  private remaining = 0; // bytes left in the current Data/Skip/Pad state
  private padAfter = 0; // padding after Data/Meta
  private skipData = 0; // data part of `remaining` in Skip, for truncation messages
  private entryName = '';
  private entrySize = 0;

  private meta: Uint8Array | null = null; // Meta: the record being collected
  private metaFill = 0;
  private metaType = '';
  private map10: SparseMapReader | null = null; // SparseMap

  private index = 0;
  private endOffset: number;
  private zeroBlocks = 0;
  private trailingBytes = 0;
  private trailingGarbage = false;
  private sawEndMarker = false;
  private readonly warnings = new TarWarnings();

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
    if (!(n >= 0) || n > this.skippable) throw new RangeError(`tar: skip(${n}) but only ${this.skippable} bytes are skippable`);
    this.consumeSkip(n);
  }

  write(chunk: Uint8Array): void {
    if (this.failed !== undefined) throw this.failed;
    try {
      this.run(chunk);
    } catch (e) {
      throw (this.failed = withPath(e, this.path));
    }
  }

  /** Ends the stream. Throws 'truncated' when it stopped inside a header or an entry. */
  end(): TarSummary {
    if (this.failed !== undefined) throw this.failed;
    try {
      this.checkEnd();
    } catch (e) {
      throw (this.failed = withPath(e, this.path));
    }
    const summary: TarSummary = {
      entries: this.index,
      endOffset: this.endOffset,
      zeroBlocks: this.zeroBlocks,
      trailingBytes: this.trailingBytes,
      trailingGarbage: this.trailingGarbage,
      sawEndMarker: this.sawEndMarker,
      globalPax: this.pre.globals,
      warnings: [],
    };
    endWarnings(this.warnings, summary);
    summary.warnings = this.warnings.list();
    return summary;
  }

  private checkEnd(): void {
    const at = this.offset;
    switch (this.state) {
      case S.Header:
        if (this.blockFill > 0) throw truncatedHeader(at - this.blockFill, this.path);
        if (this.pre.pending) throw truncatedHeader(at, this.path); // meta entries but no header
        return;
      case S.SparseExt:
        throw truncatedHeader(at - this.blockFill, this.path);
      case S.SparseMap:
        throw truncatedHeader(at - this.map10!.fill, this.path);
      case S.Data:
        throw truncatedData(this.entryName, at, this.entrySize - this.remaining, this.entrySize, this.path);
      case S.Meta:
        throw truncatedData(this.entryName, at, this.metaFill, this.meta!.length, this.path);
      case S.Skip:
        if (this.skipData > 0) throw truncatedData(this.entryName, at, this.entrySize - this.skipData, this.entrySize, this.path);
        throw truncatedPadding(this.entryName, at, this.path);
      case S.Pad:
        throw truncatedPadding(this.entryName, at, this.path);
      case S.Marker:
        // One zero block then EOF: accepted, as GNU tar does; a partial second block is trailing.
        for (let i = 0; i < this.blockFill; i++) if (this.block[i] !== 0) this.trailingGarbage = true;
        this.trailingBytes += this.blockFill;
        this.blockFill = 0;
        this.state = S.Trailing;
        return;
      case S.Trailing:
        return;
    }
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
          const meta = this.meta!;
          const n = Math.min(meta.length - this.metaFill, len - p);
          meta.set(c.subarray(p, p + n), this.metaFill);
          this.metaFill += n;
          p += n;
          this.pos += n;
          if (this.metaFill === meta.length) this.finishMeta();
          break;
        }
        case S.SparseMap: {
          const reader = this.map10!;
          const n = reader.push(c, p, len);
          p += n;
          this.pos += n;
          if (reader.result) {
            this.map10 = null;
            this.state = S.Header;
            this.emit(reader.result);
          }
          break;
        }
        case S.Trailing: {
          if (!this.trailingGarbage) {
            for (let i = p; i < len; i++) {
              if (c[i] !== 0) {
                this.trailingGarbage = true;
                break;
              }
            }
          }
          this.trailingBytes += len - p;
          this.pos += len - p;
          p = len;
          break;
        }
        default: {
          // Header, SparseExt, Marker: whole blocks, parsed in place when inside this chunk.
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
    this.skipData = Math.max(0, this.skipData - n);
    if (this.remaining === 0) this.state = S.Header;
  }

  private finishData(): void {
    const sink = this.sink!;
    this.sink = null;
    this.remaining = this.padAfter;
    this.state = this.padAfter ? S.Pad : S.Header;
    sink.end();
  }

  // ---------------------------------------------------------------- blocks

  private onBlock(b: Uint8Array, off: number, at: number): void {
    if (this.state === S.Header) this.onHeader(b, off, at);
    else if (this.state === S.SparseExt) this.onSparseExt(b, off, at);
    else this.onMarker(b, off);
  }

  private onMarker(b: Uint8Array, off: number): void {
    let zero = true;
    for (let i = off; i < off + BLOCK; i++) {
      if (b[i] !== 0) {
        zero = false;
        break;
      }
    }
    if (zero) this.zeroBlocks = 2;
    else {
      // GNU tar warns "A lone zero block" and stops reading there too.
      this.trailingGarbage = true;
      this.trailingBytes += BLOCK;
    }
    this.state = S.Trailing;
  }

  private onHeader(b: Uint8Array, off: number, at: number): void {
    const check = checkBlock(b, off);
    if (check.kind === 'zero') {
      if (this.pre.pending) {
        throw tarError('corrupt', at, `tar: end-of-archive marker at offset ${at} right after a pax or GNU long-name header`, this.path);
      }
      this.zeroBlocks = 1;
      this.sawEndMarker = true;
      this.endOffset = at;
      this.state = S.Marker;
      return;
    }
    if (check.kind === 'bad') {
      const stored = Number.isNaN(check.stored) ? JSON.stringify(check.storedText) : check.stored.toString(8);
      throw badChecksum(at, at === this.base, stored, check.computed, this.path);
    }
    if (check.signed) {
      this.warnings.add('signed-checksum', at, `tar: the header checksum at offset ${at} matches only when summed as signed bytes (old Sun/GNU writers)`);
    }
    const h = parseHeader(b, off, at, check.checksum);
    const t = h.typeflag;
    if (t === 'x' || t === 'g' || t === 'L' || t === 'K') {
      this.startMeta(h, at);
      return;
    }
    this.held = { h, at, oldGnuMap: h.sparseMap };
    if (h.sparseExtended) this.state = S.SparseExt;
    else this.headerDone();
  }

  /** Old GNU sparse extension blocks: 21 more map slots each (GNU tar manual, "Old GNU Format"). */
  private onSparseExt(b: Uint8Array, off: number, at: number): void {
    const ext = parseSparseExtension(b, off, at);
    const map = this.held!.oldGnuMap!;
    for (const c of ext.map) map.push(c);
    if (!ext.extended) {
      this.state = S.Header;
      this.headerDone();
    }
  }

  // ---------------------------------------------------------------- meta entries

  private startMeta(h: RawHeader, at: number): void {
    if (h.size > MAX_META) {
      throw tarError('unsupported', at, `tar: '${h.typeflag}' header of ${h.size} bytes at offset ${at} is larger than ${MAX_META}`, this.path);
    }
    this.pre.begin(h.typeflag, h.name, at);
    this.metaType = h.typeflag;
    this.entryName = h.name;
    this.meta = new Uint8Array(h.size);
    this.metaFill = 0;
    this.padAfter = pad(h.size);
    if (h.size === 0) this.finishMeta();
    else this.state = S.Meta;
  }

  private finishMeta(): void {
    const data = this.meta!;
    this.meta = null;
    this.pre.finish(this.metaType, data, this.offset - data.length);
    this.remaining = this.padAfter;
    this.state = this.padAfter ? S.Pad : S.Header;
    this.endOffset = this.offset + this.padAfter;
  }

  // ---------------------------------------------------------------- entries

  /** The header (and any extension blocks) is read; a sparse 1.0 map may still follow. */
  private headerDone(): void {
    const held = this.held!;
    held.fields = this.pre.fields(held.at);
    const start = this.pre.pending?.start ?? held.at;
    for (const bad of held.fields?.invalid ?? []) {
      this.warnings.add('pax-invalid-time', start, `tar: pax record ${bad} of the entry at offset ${start} is not a time; the header's field is used`);
    }
    const sparse = held.fields?.sparse;
    if (sparse && sparse.version.startsWith('1.')) {
      // GNU sparse 1.0 keeps the map at the start of the data: read it before reporting.
      this.map10 = new SparseMapReader(storedSize(held.h, held.fields), this.offset, this.path);
      this.state = S.SparseMap;
      return;
    }
    this.emit(undefined);
  }

  /** Reports the entry and sets up its data: to the sink, or skippable when declined. */
  private emit(map10: { map: SparseChunk[]; bytes: number } | undefined): void {
    const { h, at, fields, oldGnuMap } = this.held!;
    const p = this.pre.take();
    this.held = null;
    const e = buildEntry({
      header: h,
      headerOffset: p ? p.start : at,
      blockOffset: at,
      dataOffset: this.offset,
      index: this.index++,
      longName: p?.longName,
      longLink: p?.longLink,
      paxHeaderName: p?.paxHeaderName,
      local: p?.local,
      fields,
      globalPax: this.pre.globalObject,
      oldGnuMap,
      map10,
    });
    const size = e.size;
    const padding = pad(storedSize(h, fields));
    this.entryName = e.name;
    this.entrySize = size;
    this.endOffset = this.offset + size + padding;
    const sink = this.visitor.entry(e);
    if (sink && typeof sink.data === 'function') {
      this.sink = sink;
      this.padAfter = padding;
      this.remaining = size;
      if (size === 0) this.finishData();
      else this.state = S.Data;
    } else {
      this.remaining = size + padding;
      this.skipData = size;
      this.state = this.remaining ? S.Skip : S.Header;
    }
  }
}

/** Bytes from `size` up to the next 512-byte boundary. */
function pad(size: number): number {
  const r = size % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}
