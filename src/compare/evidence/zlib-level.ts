/**
 * Is this deflate stream what zlib writes at level N? Inflate a prefix of it, deflate that
 * prefix again with pako (a port of zlib's deflate, raw, windowBits 15, memLevel 8, default
 * strategy) at each level, and compare.
 *
 * Why a prefix is enough: with Z_NO_FLUSH, zlib decides blocks and matches only from data it
 * has with full lookahead (MIN_LOOKAHEAD) and emits a block when its symbol buffer fills,
 * so the bytes it has written after a prefix are a prefix of the bytes it writes for the
 * whole input, however the input is split. A level whose output so far differs from the
 * stream is dropped at once (most levels fail within the first block), so only the matching
 * level costs a full pass over the prefix. When the whole stream is in the bytes given, the
 * test is exact: the finished output must equal the stream.
 *
 * Three flavours are tried: zlib's own hash (`legacyHash`, what madler/zlib, Python and most
 * C tools link), the hash Chromium's zlib uses (Node.js's zlib module and Chrome), and pigz's
 * block layout (zlib, restarted every 128 KiB of input with a dictionary and a sync flush).
 * Other implementations (GNU gzip's own deflate, Go's compress/flate, klauspost/pgzip,
 * zlib-ng, libdeflate, 7-Zip) match none, which is itself worth saying.
 */
import { Deflate, ZStream, zlibInflate, zlibInflateEnd, zlibInflateInit2, Z_BUF_ERROR, Z_NO_FLUSH, Z_OK, Z_STREAM_END, Z_BLOCK } from 'pako';

/** Uncompressed bytes a level is first tried on (the cost: see README "Measured"), and at most. */
export const MATCH_INPUT = 128 * 1024;
export const MAX_INPUT = 1024 * 1024;
/** Fewer confirmed output bytes than this, when the stream is not whole, proves nothing. */
const MIN_CONFIRMED = 512;
const FEED = 16 * 1024;

export type ZlibFlavour = 'zlib' | 'chromium-zlib' | 'pigz';

export interface ZlibMatch {
  /** The first level (in the order tried) whose output matched, or null when none did. */
  level: number | null;
  flavour?: ZlibFlavour;
  /** Other levels that gave the same bytes (small inputs: several levels coincide). */
  alsoLevels?: number[];
  /** True when the whole deflate stream was compared (not only a prefix). */
  whole: boolean;
  /** Compressed bytes the verdict rests on. */
  confirmed: number;
  /** False when the bytes given were too few to decide (null level then means "unknown"). */
  conclusive: boolean;
}

/** The levels zlib could have used for a gzip XFL byte, most likely first. */
export function levelsFor(xfl?: number): number[] {
  if (xfl === 2) return [9];
  if (xfl === 4) return [1];
  if (xfl === 0) return [6, 5, 4, 7, 8, 3, 2];
  return [6, 9, 1, 5, 4, 7, 8, 3, 2];
}

/** Inflates a raw deflate prefix; `end` = input bytes of the whole stream when it ended inside `deflate`. */
export function inflatePrefix(deflate: Uint8Array, maxOut = MAX_INPUT): { out: Uint8Array; end: number | null } {
  const s = new ZStream();
  if (zlibInflateInit2(s, -15) !== Z_OK) throw new Error('pako inflateInit2 failed');
  const out = new Uint8Array(maxOut);
  s.input = deflate;
  s.next_in = 0;
  s.avail_in = deflate.length;
  s.output = out;
  s.next_out = 0;
  s.avail_out = maxOut;
  let end: number | null = null;
  try {
    for (;;) {
      const st = zlibInflate(s, Z_NO_FLUSH);
      if (st === Z_STREAM_END) {
        end = s.next_in;
        break;
      }
      if (st !== Z_OK && st !== Z_BUF_ERROR) break; // damaged: test what came out before
      if (s.avail_out === 0 || s.avail_in === 0 || st === Z_BUF_ERROR) break;
    }
  } finally {
    zlibInflateEnd(s);
  }
  return { out: out.subarray(0, s.next_out), end };
}

const PIGZ_BLOCK = 128 * 1024;

interface Trial {
  ok: boolean;
  /** Output bytes that matched. */
  confirmed: number;
  /** Input bytes pushed when a mismatch was seen (or all of them). */
  used: number;
}

/**
 * Whether deflating `input` at `level` reproduces `stream` (whole when `whole`, else as a
 * prefix). The `pigz` flavour is what pigz writes (pigz.c, compress_thread): 128 KiB blocks,
 * each deflated with the previous 32 KiB as dictionary and ended with Z_BLOCK plus empty
 * blocks to a byte boundary; only its first block is checked.
 */
export function reproduces(input: Uint8Array, stream: Uint8Array, level: number, flavour: ZlibFlavour, whole: boolean): Trial {
  let pos = 0;
  let ok = true;
  let used = 0;
  const onData = (c: Uint8Array) => {
    if (!ok) return;
    if (pos + c.length > stream.length) {
      ok = false;
      return;
    }
    for (let i = 0; i < c.length; i++) {
      if (c[i] !== stream[pos + i]) {
        ok = false;
        return;
      }
    }
    pos += c.length;
  };
  const open = (dictionary?: Uint8Array) => {
    const d = new Deflate({ level, raw: true, legacyHash: flavour !== 'chromium-zlib', chunkSize: 1024, ...(dictionary ? { dictionary } : {}) });
    d.onData = onData;
    d.onEnd = () => {};
    return d;
  };
  const feed = (d: Deflate, from: number, to: number) => {
    for (let i = from; i < to && ok; i += FEED) {
      const e = Math.min(to, i + FEED);
      d.push(input.subarray(i, e), false);
      used = e;
    }
  };
  if (flavour === 'pigz') {
    // pigz's first block only: it ends with Z_BLOCK (complete bytes out, the last bits pending)
    // followed by empty blocks up to a byte boundary, which pako cannot add (no deflatePrime).
    // Every byte before that point is what pigz wrote; blocks after it restart with a
    // dictionary and are not checked.
    if (input.length <= PIGZ_BLOCK) return { ok: false, confirmed: 0, used: 0 };
    const d = open();
    feed(d, 0, PIGZ_BLOCK);
    if (ok) d.push(new Uint8Array(0), Z_BLOCK);
    return { ok, confirmed: pos, used: ok ? PIGZ_BLOCK : used };
  } else {
    const d = open();
    feed(d, 0, input.length);
    if (ok && whole) d.push(new Uint8Array(0), true);
  }
  if (ok && whole && pos !== stream.length) ok = false;
  return { ok, confirmed: pos, used: ok ? input.length : used };
}

/**
 * Which zlib level (1–9) wrote this raw deflate stream. `deflate` starts at the stream's
 * first byte (after the gzip header) and may be cut anywhere. `xfl` is the gzip header's XFL:
 * zlib's gzip wrapper (deflate.c, deflateInit2 + gzip header) writes 2 for level 9, 4 for
 * level 1 (and huffman-only), 0 otherwise, and pigz does the same, so only the levels the XFL
 * allows are tried (1 trial instead of 9; 7 for XFL 0). Without an XFL all nine are tried.
 *
 * Each level is tried on the first MATCH_INPUT uncompressed bytes; a level that neither
 * matched nor mismatched there (very compressible data: zlib had not finished its first
 * block) is tried again on up to MAX_INPUT. The pigz flavour is only tried for levels whose
 * zlib output did not already differ within pigz's first block (where the two are the same).
 */
export function matchZlibLevel(deflate: Uint8Array, xfl?: number, maxInput = MAX_INPUT): ZlibMatch {
  const { out, end } = inflatePrefix(deflate, maxInput);
  const whole = end !== null;
  const stream = whole ? deflate.subarray(0, end!) : deflate;
  const order = levelsFor(xfl);
  let undecided = false;
  const zlibUsed = new Map<number, number>();
  for (const flavour of ['zlib', 'chromium-zlib', 'pigz'] as ZlibFlavour[]) {
    const hits: number[] = [];
    let confirmed = 0;
    for (const level of order) {
      if (flavour === 'pigz' && (zlibUsed.get(level) ?? Infinity) <= PIGZ_BLOCK) continue;
      let r = reproduces(whole || flavour === 'pigz' ? out : out.subarray(0, MATCH_INPUT), stream, level, flavour, whole && flavour !== 'pigz');
      if (!whole && r.ok && r.confirmed < MIN_CONFIRMED && out.length > MATCH_INPUT) r = reproduces(out, stream, level, flavour, false);
      if (flavour === 'zlib') zlibUsed.set(level, r.ok ? Infinity : r.used);
      if (r.ok && (whole || r.confirmed >= MIN_CONFIRMED)) {
        hits.push(level);
        confirmed = Math.max(confirmed, r.confirmed);
        // A match already cost a full pass; only small streams list coinciding levels.
        if (!whole || out.length > MATCH_INPUT) break;
      } else if (r.ok) {
        undecided = true; // no mismatch, but too little output to call it a match
      }
    }
    if (hits.length) {
      const m: ZlibMatch = { level: hits[0], flavour, whole: whole && flavour !== 'pigz', confirmed, conclusive: true };
      if (hits.length > 1) m.alsoLevels = hits.slice(1).sort((x, y) => x - y);
      return m;
    }
  }
  return { level: null, whole, confirmed: 0, conclusive: !undecided };
}
