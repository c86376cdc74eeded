/**
 * Every content difference of a kind that embeds a timestamp (.pyc, zip/jar/whl, .gz:
 * embedded-times.ts) is read whole on both sides, up to the limits below, and classified: the
 * ones whose bytes differ only in those timestamps get `facts.timestampOnly` (markTimestampOnly),
 * which the `timestamps` ignore option covers (explain/ignore.ts). Not a sample: the ignore
 * option may only drop what was read. What the limits leave out, or a side that could not be
 * read, is counted in `notClassified` (the report's `stats.embeddedTimestamps`) and keeps no
 * mark, so it stays a content difference and the verdict stays honest.
 *
 * The marks live in the report's differences, so the page re-explains with any options
 * without reading again.
 *
 * A `.pyc` or `.gz` whose record carries the deep scan's fingerprint on both sides
 * (`FileRecord.timesMasked`, src/engine/times-fingerprint.ts) is decided from it without
 * reading (`fromScan`); zips, plain tars' files and scans without fingerprints are read.
 *
 * Reads go through the EvidenceSource port: one extract job per layer blob for its files (more
 * when their bytes exceed JOB_BYTES; each job of a compressed layer decompresses it again from
 * its start, so files are asked for in their tar order), plain-tar files as slices.
 */
import type { Difference, DiffResult, EmbeddedTimestamps, TimestampOnly } from '../types';
import type { ErrorInfo } from '../../io/errors';
import { differsOnlyInTimes, embeddedTimeKind } from './embedded-times';
import { occurrenceOf } from './plan';
import { inFlight } from '../../io/in-flight';
import type { BlobPlace, EvidenceSource, ExtractWant, Got, Side } from './port';

/** Files classified at most in one comparison. */
export const MAX_TIMESTAMP_FILES = 5000;
/** A file larger than this (on either side) is not read. */
export const MAX_TIMESTAMP_FILE = 4 * 1024 * 1024;
/** Bytes read at most in one comparison, both sides together. */
export const MAX_TIMESTAMP_BYTES = 256 * 1024 * 1024;
/** Bytes asked of one extract job (the engine refuses more than 16 MiB: engine/extract-sink.ts). */
const JOB_BYTES = 12 * 1024 * 1024;
/** One range of a want (the engine's MAX_RANGE). */
const RANGE = 1024 * 1024;

export interface TimestampLimits {
  /** default MAX_TIMESTAMP_FILES */
  files?: number;
  /** default MAX_TIMESTAMP_FILE */
  fileSize?: number;
  /** default MAX_TIMESTAMP_BYTES */
  bytes?: number;
}

export interface TimestampClassification {
  /** Difference id → what alone differs in its bytes. */
  marks: Map<string, TimestampOnly>;
  scan: EmbeddedTimestamps;
}

interface Target {
  d: Difference;
  kind: TimestampOnly;
  path: string;
  occurrence: number;
  size: number;
  places: [BlobPlace, BlobPlace];
  bytes: [Uint8Array | null, Uint8Array | null];
}

/**
 * Reads and classifies every candidate (see the header). Never rejects but for a cancel of
 * the port; a read that fails is reported through `fail` (the report's evidenceErrors).
 */
export async function classifyTimestamps(
  differences: Difference[],
  source: EvidenceSource,
  fail: (differences: string[], error: ErrorInfo) => void,
  signal?: AbortSignal,
  limits: TimestampLimits = {},
): Promise<TimestampClassification> {
  const maxFiles = limits.files ?? MAX_TIMESTAMP_FILES;
  const maxFile = limits.fileSize ?? MAX_TIMESTAMP_FILE;
  const maxBytes = limits.bytes ?? MAX_TIMESTAMP_BYTES;
  const marks = new Map<string, TimestampOnly>();
  const scan: EmbeddedTimestamps = { candidates: 0, classified: 0, timestampOnly: 0, notClassified: 0 };
  const why = new Set<string>();
  const skip = (reason: string) => {
    scan.notClassified++;
    if (why.size < 5) why.add(reason);
  };
  const candidates: { d: Difference; kind: TimestampOnly; sizeA: number; sizeB: number }[] = [];
  for (const d of differences) {
    if (d.subject !== 'file' || d.kind !== 'changed' || d.field !== 'content' || d.scope.path === undefined) continue;
    const kind = embeddedTimeKind(d.scope.path);
    if (!kind) continue;
    scan.candidates++;
    const sizeA = d.facts?.sizeA;
    const sizeB = d.facts?.sizeB;
    if (sizeA === undefined || sizeB === undefined) skip('a size is unknown');
    else if (sizeA !== sizeB)
      scan.classified++; // a timestamp has a fixed width: another size is another content
    else candidates.push({ d, kind, sizeA, sizeB });
  }
  // Smallest first (stable: the differ's order otherwise), so that the limits leave out the fewest.
  candidates.sort((x, y) => x.sizeA - y.sizeA);
  const targets: Target[] = [];
  let bytes = 0;
  let fromScan = 0;
  for (const c of candidates) {
    // What the deep scan's fingerprints decide needs no read, and counts against no limit.
    const scanned = fingerprinted(c.d, source);
    if (scanned !== undefined) {
      scan.classified++;
      fromScan++;
      if (scanned) {
        marks.set(c.d.id, c.kind);
        scan.timestampOnly++;
      }
      continue;
    }
    if (c.sizeA > maxFile) {
      skip(`larger than ${mib(maxFile)}`);
      continue;
    }
    if (targets.length >= maxFiles || bytes + 2 * c.sizeA > maxBytes) {
      skip(`over the limit of ${maxFiles} files or ${mib(maxBytes)} read in one comparison`);
      continue;
    }
    const path = c.d.scope.path!;
    const occurrence = occurrenceOf(c.d);
    const plain = c.d.id.startsWith('file:plain:');
    const sc = c.d.scope;
    const at = (s: Side) =>
      plain ? source.outerEntry(s, path, occurrence) : source.layerBlob(s, s === 0 ? sc.imageA : sc.imageB, s === 0 ? sc.layerA : sc.layerB);
    const a = at(0);
    const b = at(1);
    if (!a.ok || !b.ok) {
      skip(!a.ok ? a.why : (b as { why: string }).why);
      continue;
    }
    bytes += 2 * c.sizeA;
    targets.push({ d: c.d, kind: c.kind, path, occurrence, size: c.sizeA, places: [a.place, b.place], bytes: [null, null] });
  }
  await read(targets, source, fail, signal);
  for (const t of targets) {
    const [a, b] = t.bytes;
    if (!a || !b) {
      skip(signal?.aborted ? 'cancelled' : `could not be read from ${!a ? 'A' : 'B'}`);
      continue;
    }
    scan.classified++;
    if (differsOnlyInTimes(t.kind, a, b)) {
      marks.set(t.d.id, t.kind);
      scan.timestampOnly++;
    }
  }
  if (fromScan) scan.fromScan = fromScan;
  if (why.size) scan.why = [...why];
  return { marks, scan };
}

/**
 * Whether a content difference is timestamp-only by the deep scan's fingerprints of both sides
 * (src/engine/times-fingerprint.ts: the time fields and the XXH64 of the content with them
 * zeroed), or undefined when a side has none (a zip, a plain tar's file, a scan without them):
 * the same answer as differsOnlyInTimes on the bytes, given the sizes are equal and the
 * contents differ (a content difference).
 */
function fingerprinted(d: Difference, source: EvidenceSource): boolean | undefined {
  if (d.id.startsWith('file:plain:')) return undefined;
  const sc = d.scope;
  const path = sc.path!;
  const occurrence = occurrenceOf(d);
  const fa = source.timesMasked(0, sc.imageA, sc.layerA, path, occurrence);
  const fb = source.timesMasked(1, sc.imageB, sc.layerB, path, occurrence);
  if (fa === undefined || fb === undefined) return undefined;
  return fa !== 'none' && fa === fb;
}

/** The differences with `facts.timestampOnly` set on the marked ones (new objects; the rest as they were). */
export function markTimestampOnly(diff: DiffResult, marks: ReadonlyMap<string, TimestampOnly>): DiffResult {
  if (!marks.size) return diff;
  const differences = diff.differences.map((d) => {
    const kind = marks.get(d.id);
    if (!kind || d.subject !== 'file' || d.field !== 'content') return d;
    return { ...d, facts: { ...d.facts, timestampOnly: kind } };
  });
  return { ...diff, differences };
}

/** Both sides of every target: extract jobs per layer blob, slices of plain tars. */
async function read(targets: Target[], source: EvidenceSource, fail: (differences: string[], error: ErrorInfo) => void, signal?: AbortSignal): Promise<void> {
  const jobs: { place: BlobPlace; items: { t: Target; s: Side; at?: number; order: number }[] }[] = [];
  const groups = new Map<string, { place: BlobPlace; items: { t: Target; s: Side; at?: number; order: number }[] }>();
  const direct: { t: Target; s: Side }[] = [];
  for (const t of targets) {
    for (const s of [0, 1] as const) {
      const p = t.places[s];
      if (t.d.id.startsWith('file:plain:')) {
        direct.push({ t, s });
        continue;
      }
      const offset = source.fileOffset(p, t.path, t.occurrence);
      const item = {
        t,
        s,
        order: offset ?? Number.MAX_SAFE_INTEGER,
        ...(p.info?.algorithm === 'none' && offset !== undefined && offset < p.size ? { at: offset } : {}),
      };
      const g = groups.get(p.key);
      if (g) g.items.push(item);
      else groups.set(p.key, { place: p, items: [item] });
    }
  }
  for (const g of groups.values()) {
    g.items.sort((x, y) => x.order - y.order);
    let cur: (typeof jobs)[number] | null = null;
    let size = 0;
    for (const it of g.items) {
      if (!cur || size + it.t.size > JOB_BYTES) {
        cur = { place: g.place, items: [] };
        jobs.push(cur);
        size = 0;
      }
      cur.items.push(it);
      size += it.t.size;
    }
  }
  await inFlight(jobs, source.concurrency, async (job) => {
    if (signal?.aborted) return;
    const wants: ExtractWant[] = job.items.map(({ t, at }) => ({
      path: t.path,
      occurrence: t.occurrence,
      size: t.size,
      ranges: ranges(t.size),
      ...(at !== undefined ? { at } : {}),
    }));
    const r = await source.extract(job.place, wants, signal).catch((e) => (signal?.aborted ? null : Promise.reject(e)));
    if (!r) return;
    const ids = () => [...new Set(job.items.map(({ t }) => t.d.id))];
    if (!r.ok) return fail(ids(), r.error);
    job.items.forEach(({ t, s }, i) => {
      const e = r.value.entries[i];
      if (e?.found && e.complete) t.bytes[s] = joined(e.chunks, t.size);
    });
    if (r.value.error && job.items.some(({ t, s }) => !t.bytes[s])) fail(ids(), r.value.error);
  });
  for (const { t, s } of direct) {
    if (signal?.aborted) return;
    const r: Got<Uint8Array> = await source.read(t.places[s], 0, t.size, signal);
    if (r.ok && r.value.length === t.size) t.bytes[s] = r.value;
    else if (!r.ok) fail([t.d.id], r.error);
  }
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MiB` : `${n} bytes`;
}

function ranges(size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < size; s += RANGE) out.push([s, Math.min(size, s + RANGE)]);
  return out.length ? out : [[0, 0]];
}

/** The chunks of an entry as one array of `size` bytes, or null when some are missing. */
function joined(chunks: { start: number; bytes: Uint8Array }[], size: number): Uint8Array | null {
  const out = new Uint8Array(size);
  let got = 0;
  for (const c of chunks) {
    if (c.start + c.bytes.length > size) return null;
    out.set(c.bytes, c.start);
    got += c.bytes.length;
  }
  return got === size ? out : null;
}
