/**
 * GNU sparse 1.0 (GNU tar manual, "PAX Format, Version 1.0"): the map is not in the pax
 * records but at the start of the entry's data, as decimal numbers one per line (the
 * count, then offset/size pairs), NUL-padded to a block boundary. The parser must read it
 * before it can report the entry, so it is collected here block by block, across chunks.
 * (Old GNU and pax 0.x maps are in the header and the records: header.ts and pax.ts.)
 */
import type { SparseChunk } from './types';
import type { TarscopeError } from '../../io/errors';
import { tarError } from './errors';

const BLOCK = 512;

function corrupt(offset: number, why: string): TarscopeError {
  return tarError('corrupt', offset, `tar: malformed GNU sparse 1.0 map at offset ${offset}: ${why}`);
}

/**
 * Parses a complete map from `buf` (`at` = its absolute offset, for errors). Returns the
 * map and the bytes it occupies rounded up to a block, or null when `buf` ends first.
 */
export function parseSparseMap10(buf: Uint8Array, at: number): { map: SparseChunk[]; bytes: number } | null {
  const nums: number[] = [];
  let p = 0;
  let want = -1;
  while (want < 0 || nums.length < want) {
    let v = 0;
    let i = p;
    while (i < buf.length && buf[i] >= 0x30 && buf[i] <= 0x39) {
      v = v * 10 + (buf[i] - 0x30);
      i++;
    }
    if (i >= buf.length) return null;
    if (buf[i] !== 0x0a || i === p) throw corrupt(at + i, 'expected a decimal number and a newline');
    if (!Number.isSafeInteger(v)) throw corrupt(at + p, 'a value does not fit in 2^53');
    p = i + 1;
    if (want < 0) want = 1 + 2 * v;
    nums.push(v);
  }
  const map: SparseChunk[] = [];
  for (let i = 1; i < nums.length; i += 2) map.push({ offset: nums[i], size: nums[i + 1] });
  return { map, bytes: Math.ceil(p / BLOCK) * BLOCK };
}

/** Collects the map from the entry's data, which holds `limit` bytes from offset `at`. */
export class SparseMapReader {
  private buf: Uint8Array;
  /** bytes collected so far */
  fill = 0;
  result: { map: SparseChunk[]; bytes: number } | null = null;

  constructor(
    private readonly limit: number,
    private readonly at: number,
    private readonly path?: string,
  ) {
    this.buf = new Uint8Array(Math.min(limit, 1 << 16));
    if (limit === 0) throw this.tooShort();
  }

  /** Takes bytes from c[p, end) up to the next block boundary; returns how many it took. */
  push(c: Uint8Array, p: number, end: number): number {
    const n = Math.min(this.limit - this.fill, BLOCK - (this.fill % BLOCK), end - p);
    if (this.fill + n > this.buf.length) {
      const bigger = new Uint8Array(Math.min(this.limit, this.buf.length * 2));
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf.set(c.subarray(p, p + n), this.fill);
    this.fill += n;
    if (this.fill % BLOCK === 0 || this.fill === this.limit) this.tryParse();
    return n;
  }

  private tryParse(): void {
    const r = parseSparseMap10(this.buf.subarray(0, this.fill), this.at);
    // Parsed at every block boundary, so a complete map ends in the last block read and
    // r.bytes === fill, unless the entry is too short to hold the map's padding.
    if (r && r.bytes <= this.limit) this.result = r;
    else if (r || this.fill >= this.limit) throw this.tooShort();
  }

  private tooShort(): TarscopeError {
    return tarError('corrupt', this.at, `tar: GNU sparse 1.0 map at offset ${this.at} runs past the end of its entry`, this.path);
  }
}
