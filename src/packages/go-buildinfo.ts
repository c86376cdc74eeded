/**
 * Go binaries' embedded build info (Go's debug/buildinfo): the `.go.buildinfo` data starts with
 * the 14-byte magic `\xff Go buildinf:` at a 16-byte aligned file offset; byte 14 is the pointer
 * size, byte 15 the flags. Since Go 1.18 (flag 2) the Go version and the module info follow
 * inline at offset 32, each as a uvarint length and bytes; the module info is wrapped in two
 * 16-byte sentinels and holds `path`, `mod` (main module), `dep` and `=>` (replacement) lines.
 * Older binaries point into the data segment instead: not read (a note says so).
 *
 * The scan meets an executable's bytes anyway (it hashes them): `GoScanner` looks at every
 * 16th byte of an ELF file for the magic's first byte (about 1/16 of the bytes touched) and
 * keeps the 64 KiB after the magic when found. Nothing else of the file is kept.
 */
import type { PackageRecord } from './types';

const MAGIC = [0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a]; // "\xff Go buildinf:"
/** Bytes kept after the magic: the header (32) and the version and module info strings. */
export const GO_KEEP = 64 * 1024;

export class GoScanner {
  /** File offset of the next byte fed. */
  private pos = 0;
  private elf: boolean | null = null;
  /** A magic candidate cut by the end of a chunk: its bytes so far. */
  private carry: number[] | null = null;
  private kept: Uint8Array | null = null;
  private filled = 0;

  data(c: Uint8Array): void {
    if (this.elf === null) this.elf = c.length >= 4 && c[0] === 0x7f && c[1] === 0x45 && c[2] === 0x4c && c[3] === 0x46;
    if (!this.elf) return;
    if (this.kept) {
      this.keep(c, 0);
      this.pos += c.length;
      return;
    }
    let i = 0;
    if (this.carry) {
      const need = MAGIC.length - this.carry.length;
      const more = [...c.subarray(0, need)];
      const all = [...this.carry, ...more];
      this.carry = null;
      if (all.length === MAGIC.length && all.every((b, k) => b === MAGIC[k])) {
        this.kept = new Uint8Array(GO_KEEP);
        this.kept.set(all);
        this.filled = all.length;
        this.keep(c, need);
        this.pos += c.length;
        return;
      }
    }
    i = (16 - (this.pos % 16)) % 16;
    for (; i < c.length; i += 16) {
      if (c[i] !== 0xff) continue;
      let k = 1;
      while (k < MAGIC.length && i + k < c.length && c[i + k] === MAGIC[k]) k++;
      if (k === MAGIC.length) {
        this.kept = new Uint8Array(GO_KEEP);
        this.keep(c, i);
        break;
      }
      if (i + k === c.length) this.carry = [...c.subarray(i)];
    }
    this.pos += c.length;
  }

  private keep(c: Uint8Array, from: number): void {
    const n = Math.min(c.length - from, GO_KEEP - this.filled);
    if (n > 0) this.kept!.set(c.subarray(from, from + n), this.filled);
    this.filled += Math.max(n, 0);
  }

  /** The bytes from the magic on (up to GO_KEEP), or null when the file had none. */
  result(): Uint8Array | null {
    return this.kept ? this.kept.subarray(0, this.filled) : null;
  }
}

function uvarint(b: Uint8Array, at: number): [number, number] {
  let x = 0;
  let s = 1;
  for (let i = at; i < b.length && i < at + 10; i++) {
    x += (b[i] & 0x7f) * s;
    if (b[i] < 0x80) return [x, i + 1];
    s *= 128;
  }
  return [-1, at];
}

export interface GoBuildInfo {
  goVersion: string;
  /** The main module (`mod` line) or the package path when there is none. */
  main: { path: string; version: string } | null;
  deps: { path: string; version: string }[];
}

/** The build info from the bytes GoScanner kept; null when it is not the inline (Go ≥ 1.18) form. */
export function parseGoBuildInfo(b: Uint8Array): GoBuildInfo | null {
  if (b.length < 33 || (b[15] & 2) === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false });
  const [vlen, at1] = uvarint(b, 32);
  if (vlen < 0 || at1 + vlen > b.length) return null;
  const goVersion = text.decode(b.subarray(at1, at1 + vlen));
  const [mlen, at2] = uvarint(b, at1 + vlen);
  if (mlen < 0 || at2 + mlen > b.length) return null;
  let mod = text.decode(b.subarray(at2, at2 + mlen));
  // the two 16-byte sentinels around the text (Go's debug/buildinfo strips them the same way)
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') mod = mod.slice(16, -16);
  let main: GoBuildInfo['main'] = null;
  let path = '';
  const deps: GoBuildInfo['deps'] = [];
  for (const line of mod.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'path') path = f[1] ?? '';
    else if (f[0] === 'mod' && f[1]) main = { path: f[1], version: f[2] ?? '' };
    else if (f[0] === 'dep' && f[1]) deps.push({ path: f[1], version: f[2] ?? '' });
    else if (f[0] === '=>' && f[1] && deps.length) deps[deps.length - 1] = { path: f[1], version: f[2] ?? '' };
  }
  if (!main && path) main = { path, version: '' };
  return { goVersion, main, deps };
}

/** Package records of one binary: the main module (owning the binary, unless it is a local
 *  `(devel)` build, whose changes are the application's own) and each dependency. */
export function goPackages(info: GoBuildInfo, binary: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  if (info.main) {
    const version = info.main.version || '(devel)';
    out.push({ ecosystem: 'go', name: info.main.path, version, ...(version !== '(devel)' ? { files: [binary] } : {}) });
  }
  for (const d of info.deps) out.push({ ecosystem: 'go', name: d.path, version: d.version });
  return out;
}
