/**
 * Incremental walker over the frame structure of a zstd stream (RFC 8878), without
 * decompressing anything. It finds where each frame starts and ends so the decoder can
 * report per-frame sizes, number frames in error messages, and tell trailing bytes from
 * frames. All multi-byte fields are little-endian (RFC 8878 section 3.1: "all numeric
 * fields are little-endian unless specified otherwise").
 *
 *   zstd frame (3.1.1):   Magic 28 b5 2f fd | Frame_Header_Descriptor | [Window_Descriptor]
 *                         | [Dictionary_ID 0/1/2/4] | [Frame_Content_Size 0/1/2/4/8]
 *                         | Block... (3-byte Block_Header each) | [Content_Checksum 4]
 *   skippable frame (3.1.2): Magic 0x184D2A50..5F | Frame_Size (4) | user data
 *
 * The walker is lenient: zstd itself is the authority on whether a frame is valid. When the
 * walker meets something it cannot follow (a reserved block type, a reserved FHD bit) it
 * records `problem` and stops tracking; the decoder reports that only if zstd did not
 * already fail. Bytes after a complete frame that cannot start a frame are "trailing".
 */
import type { ZstdFrame } from '../compression';

export const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames: magic & 0xFFFFFFF0 == 0x184D2A50 (RFC 8878 3.1.2). */
export const SKIPPABLE_MASK = 0xfffffff0;
export const SKIPPABLE_START = 0x184d2a50;

const ZSTD_MAGIC_BYTES = [0x28, 0xb5, 0x2f, 0xfd];

enum Stage {
  Magic,
  Fhd,
  HeaderRest,
  BlockHeader,
  BlockBody,
  Checksum,
  SkipSize,
  SkipBody,
  /** Lost track (see `problem`): every further byte belongs to the current frame. */
  Lost,
  Trailing,
}

/** Could `bytes` (1-4 bytes) be the start of a zstd or skippable frame magic number? */
export function isMagicPrefix(bytes: ArrayLike<number>, length: number): boolean {
  let zstd = true;
  for (let k = 0; k < length; k++) if (bytes[k] !== ZSTD_MAGIC_BYTES[k]) zstd = false;
  if (zstd) return true;
  // 0x184D2A5? little-endian: 5? 2a 4d 18
  const skip = [0x50, 0x2a, 0x4d, 0x18];
  for (let k = 0; k < length; k++) {
    const b = k === 0 ? bytes[k] & 0xf0 : bytes[k];
    if (b !== skip[k]) return false;
  }
  return true;
}

/** RFC 8878 3.1.1.1.2: windowLog = 10 + Exponent; Window_Size = base + (base / 8) * Mantissa. */
export function windowSizeFromDescriptor(wd: number): number {
  const base = 2 ** (10 + (wd >>> 3));
  return base + (base / 8) * (wd & 7);
}

export class ZstdFrameWalker {
  /** Completed frames, in order. */
  readonly frames: ZstdFrame[] = [];
  /** Absolute offset where trailing (non-frame) bytes begin, once found. */
  trailingStart: number | null = null;
  /** Something the walker could not follow; the frame it concerns is `current`. */
  problem: string | null = null;
  /** Set by consume() when the segment it returned finished a frame. */
  completed: ZstdFrame | null = null;

  private stage = Stage.Magic;
  private abs = 0;
  private buf = new Uint8Array(16);
  private got = 0;
  private need = 4;
  /** Bytes still to skip in BlockBody / SkipBody. */
  private skip = 0;
  private lastBlock = false;
  private cur: ZstdFrame = { offset: 0, kind: 'zstd', compressedSize: 0 };

  /** 1-based number and offset of the frame the next (or current) byte belongs to. */
  get current(): { index: number; offset: number } {
    return { index: this.frames.length + 1, offset: this.cur.offset };
  }

  /** True when no frame is in progress (nothing consumed since the last frame ended). */
  get atBoundary(): boolean {
    return (this.stage === Stage.Magic && this.got === 0) || this.stage === Stage.Trailing;
  }

  /** Total bytes seen, frames and trailing. */
  get offset(): number {
    return this.abs;
  }

  /**
   * Walks data[start..] and returns the index where it stopped: just after a frame ended
   * (`completed` set), where trailing bytes begin (`trailingStart` set), or data.length.
   * All bytes in [start, return) belong to one frame.
   */
  consume(data: Uint8Array, start = 0): number {
    this.completed = null;
    let i = start;
    const n = data.length;
    while (i < n) {
      switch (this.stage) {
        case Stage.Trailing:
          this.abs += n - i;
          return n;
        case Stage.Lost:
          this.abs += n - i;
          return n;
        case Stage.BlockBody:
        case Stage.SkipBody: {
          const take = Math.min(this.skip, n - i);
          this.skip -= take;
          i += take;
          this.abs += take;
          if (this.skip === 0) {
            if (this.stage === Stage.SkipBody) return this.finish(i);
            this.afterBlock();
            if ((this.stage as Stage) === Stage.Magic) return this.finish(i);
          }
          break;
        }
        default: {
          if (this.stage === Stage.Magic && this.got === 0) {
            this.cur = { offset: this.abs, kind: 'zstd', compressedSize: 0 };
          }
          this.buf[this.got++] = data[i++];
          this.abs++;
          if (this.stage === Stage.Magic && !isMagicPrefix(this.buf, this.got)) {
            // Not a frame: everything from this frame's first byte on is trailing. Bytes of
            // it in earlier chunks were given to zstd, which only buffered them.
            this.trailingStart = this.cur.offset;
            this.stage = Stage.Trailing;
            // Give this chunk's part of it back: the next consume() counts it as trailing.
            const back = Math.max(start, i - this.got);
            this.abs -= i - back;
            this.got = 0;
            return back;
          }
          if (this.got === this.need) {
            this.got = 0;
            this.field();
            if (this.stage === Stage.Magic) return this.finish(i);
          }
        }
      }
    }
    return n;
  }

  /** A fixed-size field is complete in buf[0..need). */
  private field(): void {
    const b = this.buf;
    const le32 = (p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
    switch (this.stage) {
      case Stage.Magic: {
        const magic = le32(0);
        if (magic === ZSTD_MAGIC) {
          this.stage = Stage.Fhd;
          this.need = 1;
        } else {
          this.cur.kind = 'skippable';
          this.cur.magic = magic;
          this.stage = Stage.SkipSize;
          this.need = 4;
        }
        return;
      }
      case Stage.SkipSize:
        this.skip = le32(0);
        this.cur.uncompressedSize = 0;
        this.stage = Stage.SkipBody;
        if (this.skip === 0) this.stage = Stage.Magic; // empty user data: frame ends here
        return;
      case Stage.Fhd: {
        // RFC 8878 3.1.1.1.1: bits 7-6 FCS flag, 5 single segment, 4 unused, 3 reserved,
        // 2 content checksum, 1-0 dictionary ID flag.
        const fhd = b[0];
        const fcsFlag = fhd >>> 6;
        const single = (fhd & 0x20) !== 0;
        this.cur.singleSegment = single;
        this.cur.checksum = (fhd & 0x04) !== 0;
        this.fhd = fhd;
        if (fhd & 0x08) {
          this.lose('reserved bit set in Frame_Header_Descriptor');
          return;
        }
        const didSize = [0, 1, 2, 4][fhd & 3];
        const fcsSize = fcsFlag === 0 ? (single ? 1 : 0) : [0, 2, 4, 8][fcsFlag];
        this.need = (single ? 0 : 1) + didSize + fcsSize;
        this.stage = Stage.HeaderRest;
        if (this.need === 0) this.field();
        return;
      }
      case Stage.HeaderRest: {
        const fhd = this.fhd;
        const single = (fhd & 0x20) !== 0;
        let p = 0;
        if (!single) this.cur.windowSize = windowSizeFromDescriptor(b[p++]);
        const didSize = [0, 1, 2, 4][fhd & 3];
        let did = 0;
        for (let k = didSize - 1; k >= 0; k--) did = did * 256 + b[p + k];
        p += didSize;
        if (didSize) this.cur.dictionaryId = did;
        const fcsFlag = fhd >>> 6;
        const fcsSize = fcsFlag === 0 ? (single ? 1 : 0) : [0, 2, 4, 8][fcsFlag];
        if (fcsSize === 0) {
          this.cur.contentSize = null;
        } else {
          let v = 0;
          for (let k = fcsSize - 1; k >= 0; k--) v = v * 256 + b[p + k];
          // 3.1.1.4: the 2-byte form is offset by 256.
          this.cur.contentSize = fcsSize === 2 ? v + 256 : v;
        }
        // 3.1.1.1.2: with Single_Segment_flag, Window_Size is the Frame_Content_Size.
        if (single) this.cur.windowSize = this.cur.contentSize ?? 0;
        this.stage = Stage.BlockHeader;
        this.need = 3;
        return;
      }
      case Stage.BlockHeader: {
        // 3.1.1.2: Last_Block (bit 0), Block_Type (bits 1-2), Block_Size (bits 3-23).
        const h = b[0] | (b[1] << 8) | (b[2] << 16);
        this.lastBlock = (h & 1) === 1;
        const type = (h >>> 1) & 3;
        const size = h >>> 3;
        if (type === 3) {
          this.lose('reserved Block_Type 3');
          return;
        }
        // RLE_Block: the content is a single byte, repeated Block_Size times.
        this.skip = type === 1 ? 1 : size;
        this.stage = Stage.BlockBody;
        if (this.skip === 0) this.afterBlock();
        return;
      }
      case Stage.Checksum:
        this.stage = Stage.Magic;
        this.need = 4;
        return;
    }
  }

  private fhd = 0;

  private afterBlock(): void {
    if (!this.lastBlock) {
      this.stage = Stage.BlockHeader;
      this.need = 3;
    } else if (this.cur.checksum) {
      this.stage = Stage.Checksum;
      this.need = 4;
    } else {
      this.stage = Stage.Magic;
      this.need = 4;
    }
  }

  private finish(i: number): number {
    this.stage = Stage.Magic;
    this.need = 4;
    this.got = 0;
    this.cur.compressedSize = this.abs - this.cur.offset;
    this.frames.push(this.cur);
    this.completed = this.cur;
    return i;
  }

  private lose(why: string): void {
    this.problem = why;
    this.stage = Stage.Lost;
  }

  /**
   * At the end of input: 'clean' (between frames or in trailing bytes), 'truncated' (inside
   * a frame, or 1-3 bytes that begin a magic number), or 'lost' (see `problem`).
   */
  endState(): 'clean' | 'truncated' | 'lost' {
    if (this.stage === Stage.Lost) return 'lost';
    if (this.atBoundary) return 'clean';
    return 'truncated';
  }
}
