/**
 * Incremental parser for one gzip member header (RFC 1952 section 2.3.1):
 *
 *   +---+---+---+---+---+---+---+---+---+---+
 *   |ID1|ID2|CM |FLG|     MTIME     |XFL|OS |   10 bytes, always
 *   +---+---+---+---+---+---+---+---+---+---+
 *   (if FLG.FEXTRA)   XLEN (2 bytes LE), then XLEN bytes of subfields SI1 SI2 LEN(2) data
 *   (if FLG.FNAME)    zero-terminated ISO 8859-1 file name
 *   (if FLG.FCOMMENT) zero-terminated ISO 8859-1 comment
 *   (if FLG.FHCRC)    CRC16 = low 16 bits of the CRC-32 of every header byte before it
 *
 * Bytes arrive in arbitrary pieces (1-byte chunks in tests), so this is a byte-driven state
 * machine: `push()` consumes what it can and says where the header ended. Nothing here
 * re-scans earlier input, so a 64 KiB FEXTRA fed byte by byte stays linear.
 */
import type { GzipHeader } from '../compression';
import { crc32 } from './crc32';

export const FTEXT = 0x01;
export const FHCRC = 0x02;
export const FEXTRA = 0x04;
export const FNAME = 0x08;
export const FCOMMENT = 0x10;
/** RFC 1952 2.3.1.2: "Reserved FLG bits must be zero." A compliant decompressor gives an error. */
export const FRESERVED = 0xe0;

/** Longest FNAME/FCOMMENT kept as a string; longer ones are consumed and cut short. */
const MAX_STRING = 64 * 1024;

/** Why a header was refused; the caller turns it into a TarscopeError with its member number. */
export class GzipHeaderError extends Error {
  constructor(
    message: string,
    readonly code: 'corrupt' | 'unsupported',
    /** True when the first two bytes are not the gzip magic: not a gzip member at all. */
    readonly badMagic = false,
  ) {
    super(message);
  }
}

enum Stage {
  Fixed,
  XLen,
  Extra,
  Name,
  Comment,
  HCrc,
  Done,
}

export class GzipHeaderParser {
  private stage = Stage.Fixed;
  private fixed = new Uint8Array(10);
  private need = 10;
  private got = 0;
  private size = 0;
  /** CRC-32 of the header bytes so far, for FHCRC. */
  private crc = 0;
  private flags = 0;
  private xlen = 0;
  private extra: Uint8Array | null = null;
  private small = new Uint8Array(2);
  private str: number[] = [];
  private name?: string;
  private comment?: string;
  private result: GzipHeader | null = null;

  /** The parsed header once `done`. */
  get header(): GzipHeader | null {
    return this.result;
  }

  get done(): boolean {
    return this.stage === Stage.Done;
  }

  /** Bytes consumed so far (the header size once done). */
  get consumed(): number {
    return this.size;
  }

  /**
   * Consumes header bytes from data[start..]; returns the index just past the last byte it
   * consumed (== data.length when the header continues in the next chunk).
   * Throws GzipHeaderError for a header that RFC 1952 does not allow.
   */
  push(data: Uint8Array, start = 0): number {
    let i = start;
    const n = data.length;
    while (i < n && this.stage !== Stage.Done) {
      switch (this.stage) {
        case Stage.Fixed:
        case Stage.XLen:
        case Stage.HCrc: {
          const buf = this.stage === Stage.Fixed ? this.fixed : this.small;
          const take = Math.min(this.need - this.got, n - i);
          buf.set(data.subarray(i, i + take), this.got);
          // Check the magic as soon as each byte is there, so a non-gzip input fails early.
          if (this.stage === Stage.Fixed && this.got < 2) this.checkMagic(this.got + take);
          if (this.stage !== Stage.HCrc) this.crc = crc32(data.subarray(i, i + take), this.crc);
          this.got += take;
          i += take;
          this.size += take;
          if (this.got === this.need) this.finishFixedPart();
          break;
        }
        case Stage.Extra: {
          const extra = this.extra!;
          const take = Math.min(this.xlen - this.got, n - i);
          extra.set(data.subarray(i, i + take), this.got);
          this.crc = crc32(data.subarray(i, i + take), this.crc);
          this.got += take;
          i += take;
          this.size += take;
          if (this.got === this.xlen) this.next();
          break;
        }
        case Stage.Name:
        case Stage.Comment: {
          // Scan for the terminating zero within this chunk.
          let j = i;
          while (j < n && data[j] !== 0) j++;
          const end = j < n ? j + 1 : n;
          for (let k = i; k < j && this.str.length < MAX_STRING; k++) this.str.push(data[k]);
          this.crc = crc32(data.subarray(i, end), this.crc);
          this.size += end - i;
          i = end;
          if (j < n) {
            // ISO 8859-1: each byte is the code point of the same value (RFC 1952 2.3.1).
            let s = '';
            for (let k = 0; k < this.str.length; k += 8192) {
              s += String.fromCharCode(...this.str.slice(k, k + 8192));
            }
            if (this.stage === Stage.Name) this.name = s;
            else this.comment = s;
            this.str = [];
            this.next();
          }
          break;
        }
      }
    }
    return i;
  }

  private checkMagic(have: number): void {
    if (this.fixed[0] !== 0x1f || (have >= 2 && this.fixed[1] !== 0x8b)) {
      throw new GzipHeaderError('magic number is not 1f 8b', 'corrupt', true);
    }
  }

  private finishFixedPart(): void {
    if (this.stage === Stage.Fixed) {
      const h = this.fixed;
      if (h[2] !== 8) {
        // RFC 1952 2.3.1: "CM = 0-7 are reserved", 8 is deflate; no other method was ever
        // defined, so another value is a damaged header (or garbage that starts with 1f 8b).
        throw new GzipHeaderError(`compression method ${h[2]} is not deflate (8)`, 'corrupt');
      }
      this.flags = h[3];
      if (this.flags & FRESERVED) {
        throw new GzipHeaderError(`reserved flag bits set (FLG = 0x${this.flags.toString(16).padStart(2, '0')})`, 'corrupt');
      }
      this.next();
    } else if (this.stage === Stage.XLen) {
      this.xlen = this.small[0] | (this.small[1] << 8);
      this.extra = new Uint8Array(this.xlen);
      this.got = 0;
      this.stage = Stage.Extra;
      if (this.xlen === 0) this.next();
    } else if (this.stage === Stage.HCrc) {
      const stored = this.small[0] | (this.small[1] << 8);
      const computed = this.crc & 0xffff;
      if (stored !== computed) {
        throw new GzipHeaderError(
          `header CRC16 mismatch: stored 0x${stored.toString(16).padStart(4, '0')}, computed 0x${computed.toString(16).padStart(4, '0')}`,
          'corrupt',
        );
      }
      this.finish(stored);
    }
  }

  /** Moves to the next optional field the flags ask for, in the order RFC 1952 fixes. */
  private next(): void {
    const order: [Stage, number][] = [
      [Stage.XLen, FEXTRA],
      [Stage.Name, FNAME],
      [Stage.Comment, FCOMMENT],
      [Stage.HCrc, FHCRC],
    ];
    for (const [stage, flag] of order) {
      // Stages are numbered in header order, so "later than the current one" skips done fields.
      if (stage > this.stage && this.flags & flag) {
        this.stage = stage;
        this.got = 0;
        this.need = 2;
        return;
      }
    }
    this.finish(undefined);
  }

  private finish(hcrc: number | undefined): void {
    const h = this.fixed;
    const header: GzipHeader = {
      method: h[2],
      flags: h[3],
      mtime: (h[4] | (h[5] << 8) | (h[6] << 16) | (h[7] << 24)) >>> 0,
      xfl: h[8],
      os: h[9],
      ftext: (h[3] & FTEXT) !== 0,
      headerSize: this.size,
    };
    if (this.name !== undefined) header.fname = this.name;
    if (this.comment !== undefined) header.fcomment = this.comment;
    if (this.extra) header.extra = { length: this.xlen, subfields: parseSubfields(this.extra) };
    if (hcrc !== undefined) header.hcrc = hcrc;
    this.result = header;
    this.stage = Stage.Done;
  }
}

/**
 * RFC 1952 2.3.1.1: FEXTRA is a list of subfields SI1 SI2 LEN(2 bytes LE) data. Some writers
 * put opaque bytes there (not subfield-shaped); the subfields that parse are listed and the
 * rest is ignored, since gzip itself does not interpret the field.
 */
function parseSubfields(extra: Uint8Array): { id: string; length: number }[] {
  const out: { id: string; length: number }[] = [];
  let p = 0;
  while (p + 4 <= extra.length) {
    const len = extra[p + 2] | (extra[p + 3] << 8);
    if (p + 4 + len > extra.length) break;
    out.push({ id: String.fromCharCode(extra[p], extra[p + 1]), length: len });
    p += 4 + len;
  }
  return out;
}
