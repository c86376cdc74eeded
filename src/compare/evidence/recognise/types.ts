/** The shape of one recogniser (registry in index.ts, one kind of file per file here). */

/** One side's bytes: the head of the file (or all of it, `whole`), and its full size. */
export interface Side {
  bytes: Uint8Array;
  size: number;
  whole: boolean;
}

export interface Recognised {
  /** What the file is: "Python bytecode", "machine-id". */
  what: string;
  /** What differs, or why such files differ: one or two short sentences. */
  detail: string;
}

export interface Recogniser {
  /** Stable name (tests, logs). */
  id: string;
  /** Recognised from the path alone (no bytes needed): the explainer can use this. */
  byPath?(path: string): Recognised | null;
  /** Recognised from the bytes (path given for context); null when this is not its kind. */
  explain?(a: Side, b: Side, path: string): Recognised | null;
}

/** Basename of a normalised path. */
export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** "2024-01-01T00:00:00Z" from seconds since the epoch. */
export function isoSeconds(s: number): string {
  return new Date(s * 1000).toISOString().replace('.000Z', 'Z');
}

export function startsWith(b: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (b.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (b[at + i] !== magic[i]) return false;
  return true;
}

export function u16le(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32le(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}
