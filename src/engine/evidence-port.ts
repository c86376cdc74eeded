/**
 * The engine's side of content evidence: the EvidenceSource port (src/compare/evidence/port.ts)
 * over the two archives' reads and the job runner. Places are located in the reads (listing,
 * image model, deep-scan records); bytes come from slices of the archive files, files inside
 * layers from extract jobs, compression forensics from forensics jobs. The reads stay here:
 * compare/ sees only places (plain data), bytes, results and errors.
 *
 * Archives read by streaming (a gzip/zstd-compressed outer file, IndexResult.mode 'stream')
 * have no slices: their layers are only inside the decompressed stream, so a place there is
 * refused with that reason.
 *
 * Every failure (a read error, a job that throws) resolves as `{ ok: false, error }`; a cancel
 * rejects, as the jobs do.
 */
import type { FileRecord } from '../image/file-record';
import type { ArchiveRead } from './archive-read';
import type { JobRunner } from './runner';
import type { BlobPlace, EvidenceSource, Got, Located, Side } from '../compare/evidence/port';
import { normalizePath } from '../formats/tar/normalize';
import { readRange, throwIfAborted } from '../io/read';
import { isAbort, toErrorInfo } from '../io/errors';
import type { ExtractResult, ExtractWant } from './extract';
import { EXTRACT_LIMIT, MAX_TOTAL, wantBytes } from './extract-sink';

const SIDE = ['A', 'B'];

function streamed(r: ArchiveRead, s: Side): string | null {
  if (!r.index) return `${SIDE[s]} could not be listed`;
  if (r.index.mode === 'stream') {
    const alg = r.index.outerCompression?.algorithm ?? 'compressed';
    return `${SIDE[s]} is a ${alg}-compressed archive: its layers are not seekable slices of the file, and content evidence would mean decompressing it again`;
  }
  return null;
}

/** Layer `layer` of image `image` in a read's image model. */
function layerRef(r: ArchiveRead, image: number | undefined, layer: number | undefined) {
  const img = image === undefined ? undefined : r.archive?.images[image];
  return img?.layers.find((l) => l.index === layer) ?? (layer !== undefined ? img?.layers[layer] : undefined);
}

function entryPlace(r: ArchiveRead, s: Side, entry: string, start: number, size: number): Located<BlobPlace> {
  if (start + size > r.file.size) return { ok: false, why: `${SIDE[s]}: ${entry} ends after the end of the file (truncated archive)` };
  const side = s === 0 ? 'a' : 'b';
  return { ok: true, place: { key: `${side}:${entry}`, side, entry, start, size, info: r.blobs.get(entry)?.compression ?? null } };
}

/** A port call's value, its failure as data, or (cancelled) its rejection. */
async function got<T>(component: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<Got<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (isAbort(e) || signal?.aborted) throw e;
    return { ok: false, error: toErrorInfo(e, component) };
  }
}

export function evidenceSource(reads: [ArchiveRead, ArchiveRead], runner: JobRunner): EvidenceSource {
  const read = (p: BlobPlace) => reads[p.side === 'a' ? 0 : 1];
  const blob = (p: BlobPlace) => read(p).file.slice(p.start, p.start + p.size);
  const batches = new ExtractBatches((p, wants, signal) => runner.extract(blob(p), { signal, wants, path: p.entry }));
  return {
    concurrency: runner.concurrency,

    layerBlob(s, image, layer) {
      const r = reads[s];
      const why = streamed(r, s);
      if (why) return { ok: false, why };
      const ref = layerRef(r, image, layer);
      if (!ref?.blob) return { ok: false, why: `${SIDE[s]}: the layer's blob is not in the archive` };
      const e = r.index!.entries.find((x) => normalizePath(x.name) === ref.blob!.entry);
      if (!e) return { ok: false, why: `${SIDE[s]}: ${ref.blob.entry} is not in the listing` };
      return entryPlace(r, s, ref.blob.entry, e.dataOffset, e.size);
    },

    outerEntry(s, path, occurrence) {
      const r = reads[s];
      const why = streamed(r, s);
      if (why) return { ok: false, why };
      let n = 0;
      const e = r.index!.entries.find((x) => normalizePath(x.name) === path && ++n === occurrence);
      if (!e) return { ok: false, why: `${SIDE[s]}: ${path} is not in the listing` };
      return entryPlace(r, s, path, e.dataOffset, e.size);
    },

    fileOffset(p, path, occurrence) {
      return scannedRecord(read(p), p.entry, path, occurrence)?.offset;
    },

    timesMasked(s, image, layer, path, occurrence) {
      // From the records alone: a streamed archive's layers have them too, though not its bytes.
      const entry = layerRef(reads[s], image, layer)?.blob?.entry;
      return entry === undefined ? undefined : scannedRecord(reads[s], entry, path, occurrence)?.timesMasked;
    },

    read(p, start, end, signal) {
      return got('evidence', signal, async () => {
        const bytes = await readRange(blob(p), start, Math.min(end, p.size));
        throwIfAborted(signal);
        return bytes;
      });
    },

    extract(p, wants, signal) {
      return got('extract', signal, () => batches.extract(p, wants, signal));
    },

    forensics(a, b, opts) {
      return got('forensics', opts.signal, () => runner.forensics({ blob: blob(a), info: a.info }, { blob: blob(b), info: b.info }, opts));
    },
  };
}

/** The deep scan's record of `path#occurrence` in the layer blob `entry`. */
function scannedRecord(r: ArchiveRead, entry: string, path: string, occurrence: number): FileRecord | undefined {
  const files = r.blobs.get(entry)?.layer?.files;
  return files ? recordsByPath(files).get(path)?.[occurrence - 1] : undefined;
}

/** Each path's records in tar order, built once per layer: evidence asks about thousands of
 *  files (every .pyc/zip/.gz candidate), and a scan of the list per question was quadratic in
 *  the layer's file count. */
const BY_PATH = new WeakMap<readonly FileRecord[], { length: number; byPath: Map<string, FileRecord[]> }>();
function recordsByPath(files: readonly FileRecord[]): Map<string, FileRecord[]> {
  let m = BY_PATH.get(files);
  // A list that grew since (a layer filled in by the background verification) is indexed again.
  if (!m || m.length !== files.length) {
    const byPath = new Map<string, FileRecord[]>();
    for (const f of files) {
      const list = byPath.get(f.path);
      if (list) list.push(f);
      else byPath.set(f.path, [f]);
    }
    m = { length: files.length, byPath };
    BY_PATH.set(files, m);
  }
  return m.byPath;
}

type Extract = (p: BlobPlace, wants: ExtractWant[], signal?: AbortSignal) => Promise<ExtractResult>;

interface Batch {
  place: BlobPlace;
  signal?: AbortSignal;
  wants: ExtractWant[];
  bytes: number;
  callers: { from: number; count: number; resolve: (r: ExtractResult) => void; reject: (e: unknown) => void }[];
}

/**
 * Extract calls on the same compressed layer blob made in the same turn of the event loop go
 * out as one job: content evidence asks for a layer's files in passes that run side by side
 * (the details' first pass and the timestamp classification, evidence/index.ts), and each job
 * of a gzip/zstd blob decompresses it again from its start, so one job for both halves that
 * work. Each caller gets the entries of its own wants, in its order; they are the entries its
 * own job would have given (the same walk, which stops once every want is complete). The
 * error is the job's, except for a caller whose wants are all complete: its own job would
 * have stopped before the error. Uncompressed blobs are not batched: their wants say where
 * each entry starts (extract.ts `extractAt`), and a batch could mix wants with and without.
 */
class ExtractBatches {
  private readonly open = new Map<string, Batch>();
  constructor(private readonly run: Extract) {}

  extract(p: BlobPlace, wants: ExtractWant[], signal?: AbortSignal): Promise<ExtractResult> {
    if (p.info?.algorithm === 'none' || !wants.length) return this.run(p, wants, signal);
    const bytes = wants.reduce((n, w) => n + wantBytes(w, EXTRACT_LIMIT), 0);
    let b = this.open.get(p.key);
    if (b && (b.signal !== signal || b.bytes + bytes > MAX_TOTAL)) b = undefined;
    if (!b) {
      const batch: Batch = { place: p, signal, wants: [], bytes: 0, callers: [] };
      b = batch;
      this.open.set(p.key, batch);
      setTimeout(() => this.send(batch), 0);
    }
    const batch = b;
    return new Promise((resolve, reject) => {
      batch.callers.push({ from: batch.wants.length, count: wants.length, resolve, reject });
      batch.wants.push(...wants);
      batch.bytes += bytes;
    });
  }

  private send(b: Batch): void {
    if (this.open.get(b.place.key) === b) this.open.delete(b.place.key);
    this.run(b.place, b.wants, b.signal).then(
      (r) => {
        for (const c of b.callers) {
          const entries = r.entries.slice(c.from, c.from + c.count);
          const complete = entries.every((e) => e.found && e.complete);
          c.resolve(b.callers.length === 1 ? r : { ...r, entries, error: complete ? null : r.error });
        }
      },
      (e) => {
        for (const c of b.callers) c.reject(e);
      },
    );
  }
}
