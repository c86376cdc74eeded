/**
 * The logical content of a sparse tar entry: the stored chunks put back at their offsets
 * with zeros in the holes (GNU tar manual, "Storing Sparse Files"; the reader delivers only
 * the stored chunks, formats/tar/README.md). Hashing these bytes gives a sparse entry the
 * digest a dense copy of the same file has, so the comparison sees the same content
 * (issue 11: a file stored with `tar -S` and without is the same file).
 *
 * Only well-formed maps are expanded: chunks in increasing order, not overlapping, inside
 * the real size, and together exactly the stored bytes. Anything else has no single
 * logical content (GNU tar would write it by seeking), so the entry stays without a digest
 * and the comparison says its content is unknown. Holes cost hashing time (zeros are hashed
 * like data), so an entry whose holes exceed MAX_HOLE_BYTES is not expanded either.
 */
import type { SparseChunk, TarEntry } from '../formats/tar/types';

/** Zeros hashed at most per sparse entry (1 GiB: a few tenths of a second of XXH64). */
export const MAX_HOLE_BYTES = 1 << 30;

const ZEROS = new Uint8Array(64 * 1024);

/** Whether `e` is a sparse entry whose logical content can be hashed (see the file comment). */
export function expandable(e: TarEntry): boolean {
  const map = e.sparseMap;
  const real = e.realSize;
  if (e.type !== 'sparse' || !map || real === undefined) return false;
  let end = 0;
  let stored = 0;
  for (const c of map) {
    if (c.offset < end || c.size < 0 || c.offset + c.size > real) return false;
    end = c.offset + c.size;
    stored += c.size;
  }
  return stored === e.size && real - stored <= MAX_HOLE_BYTES;
}

/**
 * Turns the stored chunks, pushed in any pieces, into the logical bytes: `out` gets the data
 * views as they come (no copy) and shared zero views for the holes. Call end() after the
 * last piece for the trailing hole.
 */
export class SparseExpander {
  private chunk = 0;
  /** bytes of map[chunk] seen so far */
  private inChunk = 0;
  /** logical bytes given to `out` so far */
  private pos = 0;

  constructor(
    private readonly map: readonly SparseChunk[],
    private readonly realSize: number,
    private readonly out: (bytes: Uint8Array) => void,
  ) {}

  data(c: Uint8Array): void {
    let p = 0;
    while (p < c.length) {
      while (this.chunk < this.map.length && this.inChunk === this.map[this.chunk].size) {
        this.chunk++;
        this.inChunk = 0;
      }
      const ch = this.map[this.chunk];
      if (!ch) return; // more data than the map holds: expandable() rules it out
      if (this.inChunk === 0) this.zerosTo(ch.offset);
      const n = Math.min(ch.size - this.inChunk, c.length - p);
      this.out(p === 0 && n === c.length ? c : c.subarray(p, p + n));
      this.pos += n;
      this.inChunk += n;
      p += n;
    }
  }

  end(): void {
    this.zerosTo(this.realSize);
  }

  private zerosTo(offset: number): void {
    while (this.pos < offset) {
      const n = Math.min(ZEROS.length, offset - this.pos);
      this.out(n === ZEROS.length ? ZEROS : ZEROS.subarray(0, n));
      this.pos += n;
    }
  }
}
