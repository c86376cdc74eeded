/**
 * A small seeded mutator (no dependency): generic byte mutations (bit flips, interesting
 * bytes, insertion, deletion, duplication, truncation, splicing two seeds) and field-aware
 * ones that reach deeper than random bytes do — tar header fields with the checksum
 * recomputed (size, typeflag, mode, base-256), pax record lengths, gzip header flags and
 * lengths, zstd frame header and block header bits, and JSON documents inside a tar
 * (nesting, duplicated keys, odd values). Everything is a pure function of the Rng, so a
 * (seed, iteration) pair reproduces an input.
 */

/** mulberry32: 32-bit state, good enough spread for fuzzing, reproducible everywhere. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
}

export type Mutator = (b: Uint8Array, r: Rng, seeds: readonly Uint8Array[]) => Uint8Array;

const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x01, 0x20, 0x30, 0x37, 0x38, 0x0a, 0x3d, 0x2f];
const enc = new TextEncoder();

function clone(b: Uint8Array): Uint8Array {
  return b.slice();
}

const flipBit: Mutator = (b, r) => {
  if (!b.length) return b;
  const o = clone(b);
  o[r.int(o.length)] ^= 1 << r.int(8);
  return o;
};

const setByte: Mutator = (b, r) => {
  if (!b.length) return b;
  const o = clone(b);
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) o[r.int(o.length)] = r.chance(0.7) ? r.pick(INTERESTING) : r.int(256);
  return o;
};

const insert: Mutator = (b, r) => {
  const at = r.int(b.length + 1);
  const n = r.pick([1, 2, 4, 511, 512, 513]);
  const o = new Uint8Array(b.length + n);
  o.set(b.subarray(0, at));
  const fill = r.int(256);
  o.fill(r.chance(0.5) ? 0 : fill, at, at + n);
  o.set(b.subarray(at), at + n);
  return o;
};

const remove: Mutator = (b, r) => {
  if (b.length < 2) return b;
  const at = r.int(b.length);
  const n = Math.min(b.length - at, r.pick([1, 7, 512, 1 + r.int(2048)]));
  const o = new Uint8Array(b.length - n);
  o.set(b.subarray(0, at));
  o.set(b.subarray(at + n), at);
  return o;
};

const duplicate: Mutator = (b, r) => {
  if (!b.length || b.length > 1 << 20) return b;
  const at = r.int(b.length);
  const n = Math.min(b.length - at, 1 + r.int(1024));
  const o = new Uint8Array(b.length + n);
  o.set(b.subarray(0, at + n));
  o.set(b.subarray(at, at + n), at + n);
  o.set(b.subarray(at + n), at + 2 * n);
  return o;
};

const truncate: Mutator = (b, r) => b.slice(0, r.chance(0.5) ? r.int(b.length) : r.int(Math.floor(b.length / 512) + 1) * 512);

const splice: Mutator = (b, r, seeds) => {
  const other = r.pick(seeds);
  const cut = r.int(b.length + 1);
  const from = r.int(other.length + 1);
  const o = new Uint8Array(cut + other.length - from);
  o.set(b.subarray(0, cut));
  o.set(other.subarray(from), cut);
  return o;
};

/** Headers whose checksum is right: where the field-aware tar mutations aim. */
function headerOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at + 512 <= b.length && out.length < 256; at += 512) {
    if (b[at + 257] === 0x75 && b[at + 258] === 0x73) out.push(at); // "us"tar magic
  }
  return out;
}

function resum(o: Uint8Array, at: number): void {
  o.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += o[at + i];
  o.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), at + 148);
}

const TAR_FIELDS: [number, number][] = [
  [100, 8], // mode
  [108, 8], // uid
  [124, 12], // size
  [136, 12], // mtime
  [329, 8], // devmajor
  [345, 12], // prefix / GNU atime
  [483, 12], // GNU realsize
];

const tarField: Mutator = (b, r) => {
  const hs = headerOffsets(b);
  if (!hs.length) return b;
  const at = r.pick(hs);
  const o = clone(b);
  const kind = r.int(5);
  if (kind === 0) {
    o[at + 156] = r.pick([...'0123456789xgLKSDVMAN7\0 '].map((c) => c.charCodeAt(0)));
  } else {
    const [off, len] = kind === 1 ? [124, 12] : r.pick(TAR_FIELDS);
    let v: Uint8Array;
    const k = r.int(6);
    if (k === 0) v = enc.encode(`${r.pick([0, 1, 511, 512, 513, 0o77777777777, 2 ** 33]).toString(8)}`.padStart(len - 1, '0').slice(-len));
    else if (k === 1)
      v = Uint8Array.from({ length: len }, (_, i) => (i === 0 ? 0x80 | (r.int(2) * 0x40) : r.int(256))); // base-256, maybe negative
    else if (k === 2)
      v = new Uint8Array(len); // all NUL
    else if (k === 3) v = enc.encode(' '.repeat(len));
    else if (k === 4)
      v = enc.encode(`${r.int(1 << 20)}`.padStart(len - 1, ' ')); // decimal, not octal
    else v = Uint8Array.from({ length: len }, () => r.int(256));
    o.set(v.subarray(0, len), at + off);
  }
  if (r.chance(0.9)) resum(o, at);
  return o;
};

/** pax records: "<len> <key>=<value>\n"; change a length or a value. */
const paxLength: Mutator = (b, r) => {
  const text = new TextDecoder('latin1').decode(b);
  const re = /(\d+) ([A-Za-z.]+)=/g;
  const hits: RegExpExecArray[] = [];
  for (let m = re.exec(text); m && hits.length < 64; m = re.exec(text)) hits.push(m);
  if (!hits.length) return b;
  const m = r.pick(hits);
  const n = Number(m[1]);
  const repl = `${r.pick([0, 1, n - 1, n + 1, n * 2, 99999999, 2 ** 53, 5])}`;
  const before = b.subarray(0, m.index);
  const after = b.subarray(m.index + m[1].length);
  const o = new Uint8Array(before.length + repl.length + after.length);
  o.set(before);
  o.set(enc.encode(repl), before.length);
  o.set(after, before.length + repl.length);
  // keep the surrounding tar valid where there is one
  for (const at of headerOffsets(o)) resum(o, at);
  return o;
};

/** gzip header (RFC 1952 2.3): FLG bits, XLEN, and the bytes right after the header. */
const gzipHeader: Mutator = (b, r) => {
  const starts: number[] = [];
  for (let i = 0; i + 10 <= b.length && starts.length < 16; i++) if (b[i] === 0x1f && b[i + 1] === 0x8b) starts.push(i);
  if (!starts.length) return b;
  const at = r.pick(starts);
  const o = clone(b);
  const k = r.int(4);
  if (k === 0)
    o[at + 3] ^= 1 << r.int(8); // FLG
  else if (k === 1)
    o[at + 2] = r.pick([8, 0, 7, 9]); // CM
  else if (k === 2) {
    o[at + 3] |= 0x04; // FEXTRA with an odd XLEN
    if (at + 12 <= o.length) {
      o[at + 10] = r.int(256);
      o[at + 11] = r.int(256);
    }
  } else if (at + 20 <= o.length) o[at + 10 + r.int(10)] = r.int(256); // the deflate stream's start
  return o;
};

/** zstd frame header (RFC 8878 3.1.1.1): descriptor bits, window, block headers. */
const zstdFrame: Mutator = (b, r) => {
  const starts: number[] = [];
  for (let i = 0; i + 8 <= b.length && starts.length < 16; i++)
    if (b[i] === 0x28 && b[i + 1] === 0xb5 && b[i + 2] === 0x2f && b[i + 3] === 0xfd) starts.push(i);
  if (!starts.length) return b;
  const at = r.pick(starts);
  const o = clone(b);
  const k = r.int(3);
  if (k === 0)
    o[at + 4] ^= 1 << r.int(8); // frame header descriptor
  else if (k === 1)
    o[at + 5] = r.int(256); // window descriptor / first size byte
  else o[at + 6 + r.int(8)] = r.int(256); // frame content size / first block header
  return o;
};

export const GENERIC: readonly Mutator[] = [flipBit, setByte, setByte, insert, remove, duplicate, truncate, splice];
export const TAR: readonly Mutator[] = [...GENERIC, tarField, tarField, tarField, paxLength];
export const PAX: readonly Mutator[] = [...GENERIC, paxLength, paxLength];
export const GZIP: readonly Mutator[] = [...GENERIC, gzipHeader, gzipHeader];
export const ZSTD: readonly Mutator[] = [...GENERIC, zstdFrame, zstdFrame];

/** 1-4 stacked mutations of a seed. */
export function mutate(seed: Uint8Array, r: Rng, mutators: readonly Mutator[], seeds: readonly Uint8Array[]): Uint8Array {
  let b = seed;
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) b = r.pick(mutators)(b, r, seeds);
  return b;
}

/** JSON text mutations: deep nesting, duplicated keys, odd values, broken syntax. */
export function mutateJson(text: string, r: Rng): string {
  switch (r.int(7)) {
    case 0: {
      const d = r.pick([64, 1000, 20000]);
      return `${'['.repeat(d)}${text}${']'.repeat(r.chance(0.8) ? d : 0)}`;
    }
    case 1: {
      const m = /"([^"\\]{1,40})":/.exec(text.slice(r.int(text.length)));
      return m ? text.replace(m[0], `${m[0]}null,${m[0]}`) : text;
    }
    case 2:
      return text.replace(/"[^"\\]*"/, r.pick(['1e999', '-1', 'null', '[]', '{}', '"sha256:"', `"${'a'.repeat(5000)}"`, 'true']));
    case 3:
      return text.replace(/\d+/, r.pick(['-1', '1e308', '9007199254740993', '0.5', '"12"']));
    case 4: {
      const at = r.int(text.length);
      return text.slice(0, at) + text.slice(at + 1 + r.int(8));
    }
    case 5:
      return text.replace(/\[/, `[${`${text.match(/\{[^{}]*\}/)?.[0] ?? '{}'},`.repeat(r.pick([2, 100, 3000]))}`);
    default:
      return r.chance(0.5) ? 'null' : `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3001)}`;
  }
}
