/**
 * Hand-made zstd frames from RFC 8878 (3.1.1 frame header, 3.1.1.2 raw / RLE blocks,
 * 3.1.2 skippable frames), for the header forms real writers rarely produce. Every frame
 * made here is also given to the real `zstd -d` in the tests.
 */

export function le(v: number | bigint, bytes: number): number[] {
  let x = BigInt(v);
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) {
    out.push(Number(x & 0xffn));
    x >>= 8n;
  }
  return out;
}

export const MAGIC = le(0xfd2fb528, 4);

export function skippable(nibble: number, data: Uint8Array): Uint8Array {
  return Uint8Array.from([...le(0x184d2a50 + nibble, 4), ...le(data.length, 4), ...data]);
}

export interface FrameSpec {
  content: Uint8Array;
  /** Bytes of Frame_Content_Size: 0 (absent), 1 (single segment only), 2, 4 or 8. */
  fcsBytes: 0 | 1 | 2 | 4 | 8;
  singleSegment: boolean;
  /** Window_Descriptor byte when not single segment. */
  windowDescriptor?: number;
  dictId?: { bytes: 1 | 2 | 4; id: number };
  /** Split the content into raw blocks of at most this size; 'rle' for one RLE block. */
  blocks?: number | 'rle';
}

/** A frame of raw (or RLE) blocks: valid zstd that any decoder must reproduce exactly. */
export function rawFrame(spec: FrameSpec): Uint8Array {
  const fcsFlag = { 0: 0, 1: 0, 2: 1, 4: 2, 8: 3 }[spec.fcsBytes];
  const didFlag = spec.dictId ? { 1: 1, 2: 2, 4: 3 }[spec.dictId.bytes] : 0;
  const fhd = (fcsFlag << 6) | (spec.singleSegment ? 0x20 : 0) | didFlag;
  const h = [...MAGIC, fhd];
  if (!spec.singleSegment) h.push(spec.windowDescriptor ?? 0x50);
  if (spec.dictId) h.push(...le(spec.dictId.id, spec.dictId.bytes));
  const n = spec.content.length;
  // RFC 8878 3.1.1.4: the 2-byte form stores size - 256.
  if (spec.fcsBytes) h.push(...le(spec.fcsBytes === 2 ? n - 256 : n, spec.fcsBytes));
  const blocks: number[] = [];
  if (spec.blocks === 'rle') {
    blocks.push(...le((n << 3) | (1 << 1) | 1, 3), spec.content[0]);
  } else {
    const max = spec.blocks ?? 128 * 1024;
    let p = 0;
    do {
      const size = Math.min(max, n - p);
      const last = p + size >= n ? 1 : 0;
      blocks.push(...le((size << 3) | last, 3), ...spec.content.subarray(p, p + size));
      p += size;
    } while (p < n);
  }
  return Uint8Array.from([...h, ...blocks]);
}
