/**
 * GzipDecoder: push-based, synchronous gzip decoder (RFC 1952) that sees every member.
 *
 * A gzip file is a series of members (RFC 1952 section 2.2: "a gzip file consists of a
 * series of members"). eStargz layers and `cat a.gz b.gz` have several; registries and
 * tape tools sometimes leave zero padding after the last one. The platform's
 * DecompressionStream rejects both (see fast.ts), so this decoder is the reference path:
 *
 *   - each member header is parsed here (header.ts), so every field is reported;
 *   - the deflate body goes through pako's *raw* inflate (low-level zlib port API), which
 *     stops exactly at the end of the deflate stream and tells how much input it used;
 *   - the 8-byte trailer (CRC32, ISIZE; RFC 1952 2.3.1) is checked here against a CRC-32
 *     computed over the output (crc32.ts);
 *   - after a member: 1f 8b starts another member (a broken header there is an error);
 *     zero bytes are padding; anything else is trailing garbage. Padding and garbage are
 *     reported (trailingBytes, trailingZeros), not refused: like `gzip -d`, which warns
 *     "trailing garbage ignored", the caller decides what they mean.
 *
 * Output goes to onData in views of one reused buffer: valid only during the call.
 */
import { ZStream, zlibInflate, zlibInflateEnd, zlibInflateInit2, zlibInflateReset, Z_BUF_ERROR, Z_NO_FLUSH, Z_OK, Z_STREAM_END } from 'pako';
import { TarscopeError } from '../../io/errors';
import type { Decoder, GzipInfo, GzipMember, OnData } from '../compression';
import { crc32, hex32 } from './crc32';
import { GzipHeaderError, GzipHeaderParser } from './header';

/** Output buffer size: large enough that onData is not called for every few KiB. */
const OUT_SIZE = 256 * 1024;
const TWO_32 = 4294967296;

enum State {
  Header,
  Body,
  Trailer,
  /** After a complete member, nothing of the next thing seen yet (or only a lone 0x1f). */
  Between,
  Padding,
  Garbage,
  Failed,
  Ended,
}

export class GzipDecoder implements Decoder {
  private state = State.Header;
  private readonly strm = new ZStream();
  private readonly out = new Uint8Array(OUT_SIZE);
  private parser = new GzipHeaderParser();
  /** Absolute offset in the compressed stream of the current chunk's first byte. */
  private pos = 0;
  private memberNo = 1;
  private memberOffset = 0;
  private memberCrc = 0;
  private memberOut = 0;
  private readonly trailer = new Uint8Array(8);
  private trailerGot = 0;
  private pendingMagic1 = false;
  private readonly members: GzipMember[] = [];
  private trailingBytes = 0;
  private trailingZeros = true;
  /** The first error thrown; later calls throw it again. */
  private error: unknown = null;

  constructor(private readonly onData: OnData) {
    // Negative windowBits = raw deflate, no zlib/gzip wrapper (zlib manual, inflateInit2).
    const st = zlibInflateInit2(this.strm, -15);
    if (st !== Z_OK) throw new Error(`pako inflateInit2 failed (${st})`);
    this.strm.output = this.out;
    this.strm.next_out = 0;
    this.strm.avail_out = OUT_SIZE;
  }

  write(chunk: Uint8Array): void {
    if (this.error !== null) throw this.error;
    if (this.state === State.Ended) throw new Error('GzipDecoder: write() after end()');
    try {
      this.consume(chunk);
    } catch (e) {
      this.fail(e);
    }
    this.pos += chunk.length;
  }

  end(): GzipInfo {
    if (this.error !== null) throw this.error;
    if (this.state === State.Ended) throw new Error('GzipDecoder: end() called twice');
    switch (this.state) {
      case State.Header:
      case State.Body:
      case State.Trailer:
        this.fail(this.err('truncated', `gzip: truncated: stream ends inside member ${this.memberNo} (offset ${this.memberOffset})`));
        break;
      case State.Between:
        if (this.pendingMagic1) this.addTrailing(1, false);
        break;
    }
    this.state = State.Ended;
    zlibInflateEnd(this.strm);
    return {
      algorithm: 'gzip',
      members: this.members,
      trailingBytes: this.trailingBytes,
      trailingZeros: this.trailingBytes > 0 && this.trailingZeros,
      inflater: 'pako',
    };
  }

  /** Frees the inflater's state when the stream is abandoned; later writes are refused. */
  dispose(): void {
    if (this.state === State.Ended || this.state === State.Failed) return;
    this.state = State.Ended;
    zlibInflateEnd(this.strm);
  }

  private consume(data: Uint8Array): void {
    let i = 0;
    const n = data.length;
    while (i < n) {
      switch (this.state) {
        case State.Header:
          i = this.pushHeader(data, i);
          break;
        case State.Body:
          i = this.inflate(data, i);
          break;
        case State.Trailer: {
          const take = Math.min(8 - this.trailerGot, n - i);
          this.trailer.set(data.subarray(i, i + take), this.trailerGot);
          this.trailerGot += take;
          i += take;
          if (this.trailerGot === 8) this.finishMember(this.pos + i);
          break;
        }
        case State.Between: {
          const b = data[i];
          if (this.pendingMagic1) {
            this.pendingMagic1 = false;
            if (b === 0x8b) {
              this.startMember(this.pos + i - 1);
              this.pushHeader(Uint8Array.of(0x1f), 0);
            } else {
              this.addTrailing(1, false);
              this.state = State.Garbage;
            }
          } else if (b === 0x1f) {
            this.pendingMagic1 = true;
            i++;
          } else if (b === 0) {
            this.state = State.Padding;
          } else {
            this.state = State.Garbage;
          }
          break;
        }
        case State.Padding: {
          let j = i;
          while (j < n && data[j] === 0) j++;
          this.addTrailing(j - i, true);
          if (j < n) this.state = State.Garbage;
          i = j;
          break;
        }
        case State.Garbage:
          this.addTrailing(n - i, false);
          i = n;
          break;
        default:
          throw new Error(`GzipDecoder: unexpected state ${this.state}`);
      }
    }
  }

  private pushHeader(data: Uint8Array, i: number): number {
    try {
      i = this.parser.push(data, i);
    } catch (e) {
      if (!(e instanceof GzipHeaderError)) throw e;
      const what = e.badMagic ? 'not a gzip stream' : 'bad header';
      throw this.err(e.code, `gzip: ${what} in member ${this.memberNo} (offset ${this.memberOffset}): ${e.message}`);
    }
    if (this.parser.done) this.state = State.Body;
    return i;
  }

  /** Feeds data[i..] to raw inflate; returns the index where the deflate stream ended (or n). */
  private inflate(data: Uint8Array, i: number): number {
    const s = this.strm;
    s.input = data;
    s.next_in = i;
    s.avail_in = data.length - i;
    for (;;) {
      const status = zlibInflate(s, Z_NO_FLUSH);
      const full = s.avail_out === 0;
      if (s.next_out > 0) this.emit();
      if (status === Z_STREAM_END) {
        this.state = State.Trailer;
        this.trailerGot = 0;
        return s.next_in;
      }
      if (status !== Z_OK && status !== Z_BUF_ERROR) {
        throw this.err(
          'corrupt',
          `gzip: corrupt deflate data in member ${this.memberNo} (offset ${this.memberOffset}): ${s.msg || `inflate status ${status}`}`,
        );
      }
      // All input used and the output buffer not filled: inflate has nothing more to give
      // until the next chunk. Z_BUF_ERROR is zlib's "no progress possible", benign here.
      if (s.avail_in === 0 && !full) return data.length;
    }
  }

  private emit(): void {
    const s = this.strm;
    const view = this.out.subarray(0, s.next_out);
    this.memberCrc = crc32(view, this.memberCrc);
    this.memberOut += view.length;
    s.next_out = 0;
    s.avail_out = OUT_SIZE;
    this.onData(view);
  }

  private finishMember(endOffset: number): void {
    const t = this.trailer;
    const storedCrc = (t[0] | (t[1] << 8) | (t[2] << 16) | (t[3] << 24)) >>> 0;
    const isize = (t[4] | (t[5] << 8) | (t[6] << 16) | (t[7] << 24)) >>> 0;
    const where = `in member ${this.memberNo} (offset ${this.memberOffset})`;
    if (storedCrc !== this.memberCrc) {
      throw this.err('corrupt', `gzip: CRC32 mismatch ${where}: stored ${hex32(storedCrc)}, computed ${hex32(this.memberCrc)}`);
    }
    // RFC 1952 2.3.1: ISIZE is the input size modulo 2^32.
    const size32 = this.memberOut % TWO_32;
    if (isize !== size32) {
      throw this.err('corrupt', `gzip: ISIZE mismatch ${where}: stored ${isize}, computed ${size32}`);
    }
    this.members.push({
      offset: this.memberOffset,
      header: this.parser.header!,
      compressedSize: endOffset - this.memberOffset,
      uncompressedSize: this.memberOut,
      crc32: storedCrc,
      isize,
    });
    this.state = State.Between;
  }

  private startMember(offset: number): void {
    this.memberNo++;
    this.memberOffset = offset;
    this.memberCrc = 0;
    this.memberOut = 0;
    this.parser = new GzipHeaderParser();
    zlibInflateReset(this.strm);
    this.state = State.Header;
  }

  private addTrailing(count: number, zeros: boolean): void {
    this.trailingBytes += count;
    if (!zeros && count > 0) this.trailingZeros = false;
  }

  private err(code: 'truncated' | 'corrupt' | 'unsupported', message: string): TarscopeError {
    return new TarscopeError({ code, component: 'gzip', message, offset: this.memberOffset });
  }

  /** Errors thrown by onData (the consumer) pass through unchanged. */
  private fail(e: unknown): never {
    this.state = State.Failed;
    zlibInflateEnd(this.strm);
    this.error = e;
    throw e;
  }
}
