/**
 * The uncompressed side of an extraction: walks a layer tar and keeps, for each wanted
 * entry, only the byte ranges asked for (and, when asked, a cheap hash of every block of
 * the whole entry, so that a caller whose two heads are equal can find the first block
 * that differs without ever holding the file). Push-based and synchronous, like
 * layer-sink.ts; `satisfied` turns true once every wanted entry is complete, so the
 * driver (extract.ts) can stop reading the blob there.
 */
import { TarParser, type EntrySink } from '../formats/tar/parser';
import type { TarEntry, EntryType } from '../formats/tar/types';
import { normalizePath } from '../formats/tar/normalize';
import { looksLikeTar } from '../formats/detect';
import { TarscopeError } from '../io/errors';
import type { ExtractWant, ExtractedEntry } from '../compare/evidence/port';

/** Default bytes kept from the start of each wanted entry. */
export const EXTRACT_LIMIT = 64 * 1024;
/** No range may ask for more than this; the sum over one job is capped too (bounded memory). */
export const MAX_RANGE = 1024 * 1024;
export const MAX_TOTAL = 16 * 1024 * 1024;

/** Bytes a want asks for, as the sink counts them against MAX_TOTAL (each range cut at MAX_RANGE). */
export function wantBytes(w: ExtractWant, limit = EXTRACT_LIMIT): number {
  let n = 0;
  for (const [s, e] of w.ranges ?? [[0, limit]]) {
    const start = Math.max(0, Math.floor(s));
    n += Math.max(start, Math.min(Math.floor(e), start + MAX_RANGE)) - start;
  }
  return n;
}

// The shapes of a want and of what it gives are the content-evidence port's (the consumer's
// contract, src/compare/evidence/port.ts); the job fills them.
export type { ExtractWant, ExtractedEntry } from '../compare/evidence/port';

interface Slot {
  want: ExtractWant;
  /** With `byOffset`: the header offset the entry must start at, in this stream. */
  at?: number;
  occurrence: number;
  seen: number;
  out: ExtractedEntry;
  ranges: [number, number][];
  bufs: Uint8Array[];
  done: boolean;
}

export class ExtractSink {
  private readonly byPath = new Map<string, Slot[]>();
  private readonly slots: Slot[] = [];
  private pending: number;
  private parser: TarParser | null = null;
  private head: Uint8Array | null = new Uint8Array(512);
  private headLen = 0;
  /** With `byOffset`: the slots by header offset, and the first one not yet passed. */
  private readonly byAt: Slot[] = [];
  private nextAt = 0;

  /**
   * `byOffset`: every want's `at` is where its entry's headers start in this stream, and an
   * entry matches a want only there (and by path): the walk of a run of nearby entries in an
   * uncompressed layer (extract.ts `extractAt`), where an occurrence count from the run's
   * start would mean nothing. A want whose offset the walk passes without that path there is
   * left not found (and no longer waited for).
   */
  constructor(
    wants: ExtractWant[],
    limit = EXTRACT_LIMIT,
    private readonly where?: string,
    private readonly byOffset = false,
  ) {
    let total = 0;
    for (const want of wants) {
      const occurrence = Math.max(1, want.occurrence ?? 1);
      const ranges = (want.ranges ?? [[0, limit]]).map(([s, e]): [number, number] => {
        const start = Math.max(0, Math.floor(s));
        return [start, Math.max(start, Math.min(Math.floor(e), start + MAX_RANGE))];
      });
      total += ranges.reduce((n, [s, e]) => n + e - s, 0);
      if (total > MAX_TOTAL) {
        throw new TarscopeError({ code: 'unsupported', component: 'extract', message: `extract: the ranges asked for exceed ${MAX_TOTAL} bytes in one job` });
      }
      const path = normalizePath(want.path);
      const slot: Slot = {
        want,
        occurrence,
        seen: 0,
        ranges,
        bufs: ranges.map(() => new Uint8Array(0)),
        done: false,
        out: { path, occurrence, found: false, size: 0, chunks: [], complete: false },
      };
      this.slots.push(slot);
      if (byOffset) {
        slot.at = want.at ?? 0;
        this.byAt.push(slot);
        continue;
      }
      const list = this.byPath.get(path);
      if (list) list.push(slot);
      else this.byPath.set(path, [slot]);
    }
    this.pending = this.slots.length;
    this.byAt.sort((x, y) => x.at! - y.at!);
  }

  /** Every wanted entry has been read as far as asked: the rest of the stream is not needed. */
  get satisfied(): boolean {
    return this.pending === 0;
  }

  write(chunk: Uint8Array): void {
    if (this.satisfied) return;
    if (this.head) {
      const n = Math.min(chunk.length, 512 - this.headLen);
      this.head.set(chunk.subarray(0, n), this.headLen);
      this.headLen += n;
      if (this.headLen < 512) return;
      this.start();
      chunk = chunk.subarray(n);
      if (!chunk.length) return;
    }
    this.parser!.write(chunk);
  }

  private start(): void {
    const block = this.head!.subarray(0, this.headLen);
    const allZero = block.length === 512 && block.every((b) => b === 0);
    if (!allZero && !looksLikeTar(block)) {
      throw new TarscopeError({
        code: 'corrupt',
        component: 'extract',
        message: 'extract: the uncompressed blob is not a tar (no tar header at offset 0)',
        offset: 0,
        path: this.where,
      });
    }
    this.parser = new TarParser({ entry: (e) => this.entry(e) }, { path: this.where });
    const head = this.head!;
    this.head = null;
    this.parser.write(head.subarray(0, this.headLen));
  }

  private entry(e: TarEntry): EntrySink | null {
    if (this.byOffset) return this.entryAt(e);
    const list = this.byPath.get(normalizePath(e.name));
    if (!list) return null;
    const sinks: EntrySink[] = [];
    for (const s of list) {
      s.seen++;
      if (!s.done && s.seen === s.occurrence) sinks.push(this.open(s, e));
    }
    // The same entry wanted twice (e.g. a head and a later window): one sink feeds both.
    return fanOut(sinks);
  }

  /** `byOffset`: the wants whose entry starts where `e` does (and is `e`'s path). */
  private entryAt(e: TarEntry): EntrySink | null {
    const at = e.headerOffset;
    // Wants before this entry were passed: their offset was not where an entry starts.
    while (this.nextAt < this.byAt.length && this.byAt[this.nextAt].at! < at) this.miss(this.byAt[this.nextAt++]);
    const sinks: EntrySink[] = [];
    let path: string | null = null;
    while (this.nextAt < this.byAt.length && this.byAt[this.nextAt].at === at) {
      const s = this.byAt[this.nextAt++];
      path ??= normalizePath(e.name);
      if (s.out.path === path) sinks.push(this.open(s, e));
      else this.miss(s);
    }
    return fanOut(sinks);
  }

  private miss(s: Slot): void {
    if (s.done) return;
    s.done = true;
    this.pending--;
  }

  /** The sink of one wanted entry: copies the parts of each chunk its ranges cover. */
  private open(s: Slot, e: TarEntry): EntrySink {
    const o = s.out;
    o.found = true;
    o.type = e.type;
    o.size = e.size;
    if (e.sparseFormat) o.sparse = true;
    s.bufs = s.ranges.map(([st, en]) => new Uint8Array(Math.max(0, Math.min(en, e.size) - st)));
    const bs = s.want.blockSize && s.want.blockSize > 0 ? Math.floor(s.want.blockSize) : 0;
    const blocks: string[] = [];
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    let inBlock = 0;
    let pos = 0;
    const finishBlock = () => {
      blocks.push((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0'));
      h1 = 0x811c9dc5;
      h2 = 0x01000193;
      inBlock = 0;
    };
    // Complete as soon as every range is filled (no need to wait for the entry's end) unless
    // block hashes need the whole entry.
    const need = bs ? Infinity : Math.max(0, ...s.bufs.map((b, r) => s.ranges[r][0] + b.length));
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (bs && inBlock > 0) finishBlock();
      if (bs) o.blocks = blocks;
      o.chunks = s.ranges.map(([st], r) => ({ start: st, bytes: s.bufs[r] }));
      o.complete = true;
      s.done = true;
      this.pending--;
    };
    return {
      data: (c: Uint8Array) => {
        if (finished) return;
        const end = pos + c.length;
        for (let r = 0; r < s.ranges.length; r++) {
          const [st] = s.ranges[r];
          const buf = s.bufs[r];
          const from = Math.max(st, pos);
          const to = Math.min(st + buf.length, end);
          if (from < to) buf.set(c.subarray(from - pos, to - pos), from - st);
        }
        if (bs) {
          // Two FNV-1a lanes with different primes: 64 bits, so equal hashes mean equal
          // blocks for any practical purpose (this only steers where a hex window is taken).
          let i = 0;
          while (i < c.length) {
            const n = Math.min(c.length - i, bs - inBlock);
            for (let k = i; k < i + n; k++) {
              const b = c[k];
              h1 = Math.imul(h1 ^ b, 0x01000193);
              h2 = Math.imul(h2 ^ b, 0x000193eb) + 0x9e3779b9;
            }
            i += n;
            inBlock += n;
            if (inBlock === bs) finishBlock();
          }
        }
        pos = end;
        if (pos >= need) finish();
      },
      end: finish,
    };
  }

  /** The results so far; entries not met are `found: false`. */
  results(): ExtractedEntry[] {
    return this.slots.map((s) => s.out);
  }

  /** Checks the tar ended cleanly (only when the stream was read to its end). */
  end(): void {
    if (this.head) {
      if (this.headLen === 0) return;
      this.start();
    }
    this.parser?.end();
  }
}

/** One sink for an entry several wants share (none: null). */
function fanOut(sinks: EntrySink[]): EntrySink | null {
  if (sinks.length <= 1) return sinks[0] ?? null;
  return {
    data: (c) => {
      for (const k of sinks) k.data(c);
    },
    end: () => {
      for (const k of sinks) k.end();
    },
  };
}
