/**
 * Content evidence for files: their bytes fetched with one extract job per layer blob (all
 * the wanted paths of that blob in one pass, blobs in parallel up to the runner's
 * concurrency), then a line diff / hex window and a recognised kind for each.
 *
 * Pass 1 asks for the first LIMIT bytes of every file, and for files larger than that a
 * hash of every BLOCK bytes. When the heads are equal the first differing block is found
 * from the hashes and pass 2 fetches that block on both sides: two reads of the blob, never
 * the whole file in memory. Plain tars need no job: their files are slices of the archive.
 * An uncompressed layer needs no pass over the blob either: each file is read from its own
 * header (FileRecord.offset, the want's `at`), still one extract job per blob and pass.
 * A compressed layer is decompressed from its start up to the last file wanted, so there the
 * files the causes cite set the bound: other files are served only when they come before the
 * last cited one (free: the job reads that far anyway), or, in a layer with none cited, the
 * first few (FIRST_UNCITED).
 *
 * Every byte comes through the EvidenceSource port (port.ts); a read or job that fails is
 * reported to the sink (`fail`) with the differences it leaves without details, which are
 * also skipped with the reason as before.
 */
import type { ContentEvidence } from '../types';
import { isAbort, type ErrorInfo } from '../../io/errors';
import { inFlight } from '../../io/in-flight';
import { bytesEvidence, firstDifference, hexWindow } from './bytes';
import type { BlobPlace, EvidenceSource, ExtractWant, ExtractedEntry, Got, Located, Side } from './port';
import type { FileTarget } from './plan';
import { recognise } from './recognise';

export const LIMIT = 64 * 1024;
export const BLOCK = 64 * 1024;
/** Files served from a compressed layer none of whose files a cause cites. */
export const FIRST_UNCITED = 3;

export interface Sink {
  add(id: string, details: ContentEvidence[]): void;
  skip(id: string, why: string): void;
  /** A read or job of the port failed: the error, and the differences it leaves without details. */
  fail(differences: string[], error: ErrorInfo): void;
}

interface Job {
  t: FileTarget;
  places: [BlobPlace, BlobPlace];
  /** Offset of the file's first header block in each side's uncompressed layer (seeking). */
  offsets: [number | undefined, number | undefined];
  got: [ExtractedEntry | null, ExtractedEntry | null];
  /** Pass 2: the block both sides fetch. */
  block?: number;
  details: ContentEvidence[];
}

function place(source: EvidenceSource, t: FileTarget, s: Side): Located<BlobPlace> {
  const sc = t.d.scope;
  return t.plain ? source.outerEntry(s, t.path, t.occurrence) : source.layerBlob(s, s === 0 ? sc.imageA : sc.imageB, s === 0 ? sc.layerA : sc.layerB);
}

/** The value of a read that must succeed for the evidence to go on; a cancel rejects. */
class Failed extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}
function must<T>(g: Got<T>): T {
  if (!g.ok) throw new Failed(g.error);
  return g.value;
}

export async function fileEvidence(
  targets: FileTarget[],
  source: EvidenceSource,
  sink: Sink,
  signal?: AbortSignal,
  prefer: ReadonlySet<string> = new Set(),
): Promise<void> {
  const jobs: Job[] = [];
  for (const t of targets) {
    const a = place(source, t, 0);
    const b = place(source, t, 1);
    if (!a.ok || !b.ok) {
      sink.skip(
        t.d.id,
        [a, b]
          .map((x) => (x.ok ? '' : x.why))
          .filter(Boolean)
          .join('; '),
      );
      continue;
    }
    jobs.push({ t, places: [a.place, b.place], offsets: [headerOffset(source, a.place, t), headerOffset(source, b.place, t)], got: [null, null], details: [] });
  }
  boundCompressed(jobs, source, prefer, sink);
  const size = (j: Job, s: Side) => (s === 0 ? j.t.sizeA : j.t.sizeB);
  await fetch(jobs, source, sink, signal, (j, s) => ({
    path: j.t.path,
    occurrence: j.t.occurrence,
    size: size(j, s),
    ranges: [[0, LIMIT]],
    ...(size(j, s) > LIMIT ? { blockSize: BLOCK } : {}),
  }));
  const second: Job[] = [];
  for (const j of jobs) {
    const [a, b] = j.got;
    if (!a?.complete || !b?.complete) {
      sink.skip(j.t.d.id, `the file could not be read from ${!a?.complete ? 'A' : 'B'}${j.t.plain ? '' : `'s layer`}`);
      continue;
    }
    const ha = a.chunks[0]?.bytes ?? new Uint8Array(0);
    const hb = b.chunks[0]?.bytes ?? new Uint8Array(0);
    const side = (e: ExtractedEntry, h: Uint8Array) => ({ bytes: h, size: e.size, whole: h.length >= e.size });
    const sa = side(a, ha);
    const sb = side(b, hb);
    const details = j.details;
    const ev = bytesEvidence(ha, hb, sa.whole, sb.whole);
    if (ev) details.push(ev);
    const rec = recognise(j.t.path, sa, sb);
    if (rec) details.push(rec);
    if (!ev && a.blocks && b.blocks) {
      const k = firstBlock(a.blocks, b.blocks);
      if (k > 0) {
        j.block = k;
        second.push(j);
      }
    } else if (!ev && j.t.plain && !(sa.whole && sb.whole)) {
      try {
        const [pa, pb] = j.places;
        const at = await firstDifferenceOfPlaces(source, pa, pb, Math.min(ha.length, hb.length), signal);
        if (at >= 0) {
          const from = Math.max(0, at - BLOCK / 2);
          const [wa, wb] = await Promise.all([source.read(pa, from, from + BLOCK, signal), source.read(pb, from, from + BLOCK, signal)]);
          details.unshift(hexWindow(must(wa), must(wb), at, from));
        }
      } catch (e) {
        if (!(e instanceof Failed)) throw e;
        // The heads' details stand; only the hex window beyond them is missing.
        sink.fail([j.t.d.id], e.info);
      }
    }
  }
  if (second.length) {
    for (const j of second) j.got = [null, null];
    await fetch(second, source, sink, signal, (j, s) => ({
      path: j.t.path,
      occurrence: j.t.occurrence,
      size: size(j, s),
      ranges: [[j.block! * BLOCK, (j.block! + 1) * BLOCK]],
    }));
    for (const j of second) {
      const [a, b] = j.got;
      const ca = a?.complete ? a.chunks[0] : undefined;
      const cb = b?.complete ? b.chunks[0] : undefined;
      const at = ca && cb ? firstDifference(ca.bytes, cb.bytes) : -1;
      // The hex window goes first: it is what the difference is about.
      if (ca && cb && at >= 0) j.details.unshift(hexWindow(ca.bytes, cb.bytes, ca.start + at, ca.start));
    }
  }
  for (const j of jobs) if (j.details.length) sink.add(j.t.d.id, j.details);
}

/** Index of the first differing block; the shorter list's length when one is a prefix. */
function firstBlock(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Where the file's headers start in the layer's uncompressed tar, when the scan recorded it. */
function tarOffset(source: EvidenceSource, p: BlobPlace, t: FileTarget): number | undefined {
  return t.plain ? undefined : source.fileOffset(p, t.path, t.occurrence);
}

/** The same, for an uncompressed layer blob only (where it is also a blob offset: seeking). */
function headerOffset(source: EvidenceSource, p: BlobPlace, t: FileTarget): number | undefined {
  if (p.info?.algorithm !== 'none') return undefined;
  const at = tarOffset(source, p, t);
  return at !== undefined && at < p.size ? at : undefined;
}

/**
 * Drops (as skipped, with the reason) the files of compressed layers that would make their
 * extract job read further than the files the causes cite; see the header.
 */
function boundCompressed(jobs: Job[], source: EvidenceSource, prefer: ReadonlySet<string>, sink: Sink): void {
  const where = new Map<Job, [number, number]>();
  const bound = new Map<string, number>();
  const uncited = new Map<string, number[]>();
  for (const j of jobs) {
    if (j.t.plain || (j.offsets[0] !== undefined && j.offsets[1] !== undefined)) continue;
    const at: [number, number] = [0, 1].map((s) => tarOffset(source, j.places[s], j.t) ?? Infinity) as [number, number];
    where.set(j, at);
    for (const s of [0, 1] as const) {
      if (j.offsets[s] !== undefined) continue;
      const key = j.places[s].key;
      if (prefer.has(j.t.d.id)) bound.set(key, Math.max(bound.get(key) ?? -1, at[s]));
      else uncited.set(key, [...(uncited.get(key) ?? []), at[s]]);
    }
  }
  for (const [key, offsets] of uncited) {
    if (bound.has(key)) continue;
    offsets.sort((x, y) => x - y);
    bound.set(key, offsets[Math.min(FIRST_UNCITED, offsets.length) - 1]);
  }
  for (let i = jobs.length - 1; i >= 0; i--) {
    const j = jobs[i];
    const at = where.get(j);
    if (!at || prefer.has(j.t.d.id)) continue;
    const beyond = ([0, 1] as const).some((s) => j.offsets[s] === undefined && at[s] > (bound.get(j.places[s].key) ?? Infinity));
    if (beyond) {
      jobs.splice(i, 1);
      sink.skip(j.t.d.id, 'not read: later in a compressed layer than the files the causes cite (the layer would be decompressed again that far)');
    }
  }
}

/**
 * One extract job per blob for all its wants (both passes; in an uncompressed layer each want
 * carries its header offset and is read from there); plain-tar entries read directly. A job
 * or read that fails, or a corrupt blob that ends before a wanted file, is reported to the
 * sink; its files keep `got` null (skipped by the caller).
 */
async function fetch(jobs: Job[], source: EvidenceSource, sink: Sink, signal: AbortSignal | undefined, want: (j: Job, s: Side) => ExtractWant): Promise<void> {
  const groups = new Map<string, { place: BlobPlace; items: { j: Job; s: Side }[] }>();
  const direct: { j: Job; s: Side }[] = [];
  for (const j of jobs) {
    for (const s of [0, 1] as const) {
      if (j.t.plain) {
        direct.push({ j, s });
        continue;
      }
      const p = j.places[s];
      const g = groups.get(p.key);
      if (g) g.items.push({ j, s });
      else groups.set(p.key, { place: p, items: [{ j, s }] });
    }
  }
  const ids = (items: { j: Job }[]) => [...new Set(items.map(({ j }) => j.t.d.id))];
  await inFlight([...groups.values()], source.concurrency, async (g) => {
    if (signal?.aborted) return;
    // In an uncompressed layer each file is read from its own header (extract.ts extractAt).
    const wants = g.items.map(({ j, s }) => (j.offsets[s] !== undefined ? { ...want(j, s), at: j.offsets[s] } : want(j, s)));
    const r = await cancellable(source.extract(g.place, wants, signal), signal);
    if (!r) return;
    if (!r.ok) return sink.fail(ids(g.items), r.error);
    g.items.forEach(({ j, s }, i) => {
      j.got[s] = r.value.entries[i] ?? null;
    });
    const short = g.items.filter(({ j, s }) => !j.got[s]?.complete);
    if (r.value.error && short.length) sink.fail(ids(short), r.value.error);
  });
  for (const { j, s } of direct) {
    if (signal?.aborted) return;
    const r = await cancellable(readDirect(source, j.places[s], want(j, s), signal), signal);
    if (!r) return;
    if (r.ok) j.got[s] = r.value;
    else sink.fail([j.t.d.id], r.error);
  }
}

/** A port call's result, or null when it was cancelled (a cancel is not an error). */
async function cancellable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isAbort(e) || signal?.aborted) return null;
    throw e;
  }
}

/** The wanted ranges of an entry that is itself a slice of the archive. */
async function readDirect(source: EvidenceSource, p: BlobPlace, w: ExtractWant, signal?: AbortSignal): Promise<Got<ExtractedEntry>> {
  const got = await Promise.all((w.ranges ?? [[0, LIMIT]]).map(async ([s, e]) => ({ start: s, r: await source.read(p, s, Math.min(e, p.size), signal) })));
  const chunks: ExtractedEntry['chunks'] = [];
  for (const { start, r } of got) {
    if (!r.ok) return r;
    chunks.push({ start, bytes: r.value });
  }
  return { ok: true, value: { path: w.path, occurrence: w.occurrence ?? 1, found: true, size: p.size, chunks, complete: true } };
}

/**
 * First differing byte of two places at or after `from`, reading both in step (1 MiB at a
 * time): for plain-tar files, which are slices of the archives, no hashing is needed.
 */
async function firstDifferenceOfPlaces(source: EvidenceSource, a: BlobPlace, b: BlobPlace, from: number, signal?: AbortSignal): Promise<number> {
  const step = 1024 * 1024;
  const end = Math.max(a.size, b.size);
  for (let pos = from; pos < end; pos += step) {
    if (signal?.aborted) return -1;
    const [x, y] = await Promise.all([source.read(a, pos, pos + step, signal), source.read(b, pos, pos + step, signal)]);
    const at = firstDifference(must(x), must(y));
    if (at >= 0) return pos + at;
  }
  return -1;
}
