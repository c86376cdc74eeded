/**
 * Reading one archive in two steps, shared by inspection and comparison:
 *  1. structure: the outer pass (seek or stream) and the image model read from it;
 *  2. layers: the deep scan of every layer blob not yet read, in parallel on the runner.
 * Then `toInput` assembles the InputReport (pure). Errors never escape: they are kept
 * with what was read before them.
 */
import type { IndexResult } from './index-result';
import type { BlobResult } from './blob-sink';
import type { JobRunner } from './runner';
import { assembleInput } from './assemble';
import type { ProgressTracker } from './progress-tracker';
import { readLayout } from '../image';
import type { ImageArchive } from '../image/model';
import { normalizePath } from '../formats/tar/normalize';
import { isAbort, toErrorInfo, type ErrorInfo } from '../io/errors';
import { inFlight } from '../io/in-flight';
import type { FileRecord, InputReport } from '../report/types';
import { emptyInput } from '../report/empty';
import type { ScanRead } from './scan-mode';

export interface ArchiveRead {
  name: string;
  file: Blob;
  index: IndexResult | null;
  archive: ImageArchive | null;
  blobs: Map<string, BlobResult>;
  errors: ErrorInfo[];
  /** Every planned scan finished. */
  complete: boolean;
  /** Bytes of this archive read so far (listing and scans). */
  bytesRead: number;
  t0: number;
  /** Every blob readLayers planned, by entry (where its bytes are: verification re-reads them). */
  planned: Map<string, Planned>;
  /** Fast mode: blobs both archives name by the same digest and size, not read before the
   *  report (same bytes need no deep scan); verify-digests.ts reads them afterwards. */
  deferred: Set<string>;
  /** Of those, the copies that take the other archive's scan once their digest matches it: by
   *  entry → that blob. */
  twins: Map<string, { read: ArchiveRead; entry: string }>;
}

/** How far a planned scan reads (scan-mode.ts): a layer is walked, anything else hashed. */
type PlannedRead = Extract<ScanRead, 'files' | 'blob'>;

export interface Planned {
  entry: string;
  start: number;
  size: number;
  /** 'files': a layer, walked; 'blob': anything else (attestations, a plain tar's files), hashed only. */
  read: PlannedRead;
  /** For progress and logs: "layer blob 2 of 5". */
  label?: string;
  /** The digest the manifests declare for this blob ("sha256:…"), when they declare one. */
  declared?: string;
}

/** Media types whose blobs are not tars (attestations, SBOMs, signatures). */
function readFor(mediaType: string | undefined): PlannedRead {
  if (!mediaType) return 'files';
  return /in-toto|json|spdx|cyclonedx|signature|cosign/i.test(mediaType) ? 'blob' : 'files';
}

/** The blobs still to read: layers for images, large regular files for plain tars. */
export function planScans(r: ArchiveRead): Planned[] {
  const { index, archive, file } = r;
  if (!index || !archive || index.mode === 'stream') return [];
  const byName = new Map(index.entries.map((e) => [normalizePath(e.name), e]));
  const planned = new Map<string, Planned>();
  const add = (name: string, read: PlannedRead, declared?: string) => {
    if (planned.has(name) || r.blobs.has(name) || index.files.has(name)) return;
    const e = byName.get(name);
    // Only blobs whose bytes are all in the file (a truncated archive ends inside one).
    if (!e || e.dataOffset + e.size > file.size) return;
    const p: Planned = { entry: name, start: e.dataOffset, size: e.size, read };
    if (declared && /^sha256:[0-9a-f]{64}$/.test(declared)) p.declared = declared;
    planned.set(name, p);
  };
  if (archive.layout === 'plain') {
    for (const e of index.entries) if ((e.type === 'file' || e.type === 'contiguous') && e.size > 0) add(normalizePath(e.name), 'blob');
  } else {
    for (const img of archive.images) for (const l of img.layers) if (l.blob) add(l.blob.entry, readFor(l.mediaType), l.digest ?? l.blob.expectedDigest);
  }
  // Largest first: the parallel scan finishes when its longest job does.
  return [...planned.values()].sort((a, b) => b.size - a.size);
}

export async function readStructure(runner: JobRunner, file: Blob, name: string, progress: ProgressTracker, signal?: AbortSignal): Promise<ArchiveRead> {
  const r: ArchiveRead = {
    name,
    file,
    index: null,
    archive: null,
    blobs: new Map(),
    errors: [],
    complete: false,
    bytesRead: 0,
    t0: performance.now(),
    planned: new Map(),
    deferred: new Set(),
    twins: new Map(),
  };
  try {
    r.index = await runner.index(file, {
      signal,
      onBytes: (n) => {
        r.bytesRead += n;
        progress.add(n);
      },
    });
    for (const [k, v] of r.index.blobs) r.blobs.set(k, v);
    const cut = r.index.error?.code === 'truncated' ? (r.index.error.offset ?? file.size) : undefined;
    // An empty tar (only the end-of-archive marker) is a plain tar of no entries, not a
    // report with neither a layout nor an error (found by tests/fuzz).
    if (r.index.entries.length || (r.index.tar && !r.index.error)) {
      r.archive = readLayout({ entries: r.index.entries, files: r.index.files, truncatedAt: cut });
    }
    r.complete = r.index.mode === 'stream' && !r.index.error;
  } catch (e) {
    r.errors.push(abortOr(e, signal));
  }
  return r;
}

/** Scans run on the runner; several archives' plans may share it (comparison). */
export interface LayerReadStats {
  /** Blobs deep-scanned (decoded, walked, files hashed). */
  scanned: number;
  /** Blobs not deep-scanned: the same bytes as a blob of another archive, whose scan they reuse. */
  shared: number;
}

export interface LayerReadOptions {
  /** A blob another archive also holds (same declared digest and size) is deep-scanned once. */
  share?: boolean;
  /**
   * A comparison's fast scan: no SHA-256 while scanning (files get XXH64, blob digests and
   * diff_ids are left null for `verifyDigests`), and a blob both archives name by the same
   * digest and size is not read at all (issue #4: the same digest is the same bytes, only what
   * differs is deep-scanned); verify-digests.ts reads both copies after the report. Without
   * `fast`, such a blob is deep-scanned once and the other copy hashed: it reuses the scan only
   * when its SHA-256 matches (else it is deep-scanned after all).
   */
  fast?: boolean;
}

interface Job {
  r: ArchiveRead;
  p: Planned;
  /** Reuse `twinOf`'s scan (after hashing this copy, unless fast). */
  twinOf?: Job;
  result?: BlobResult;
}

/**
 * Deep-scans every planned blob of `reads` on the runner, largest first; see LayerReadOptions
 * for sharing between archives and the fast mode.
 */
export async function readLayers(
  runner: JobRunner,
  reads: ArchiveRead[],
  progress: ProgressTracker,
  signal?: AbortSignal,
  opts: LayerReadOptions = {},
): Promise<LayerReadStats> {
  const fast = !!opts.fast;
  const jobs: Job[] = reads.flatMap((r) => planScans(r).map((p) => ({ r, p })));
  jobs.sort((x, y) => y.p.size - x.p.size);
  for (const j of jobs) j.r.planned.set(j.p.entry, j.p);
  if (opts.share) {
    const first = new Map<string, Job>();
    for (const j of jobs) {
      if (!j.p.declared || j.p.read !== 'files') continue;
      const key = `${j.p.declared}/${j.p.size}`;
      const f = first.get(key);
      if (!f) first.set(key, j);
      else if (f.r !== j.r) j.twinOf = f;
    }
  }
  const stats: LayerReadStats = { scanned: 0, shared: 0 };
  // One string per repeated value across every blob of both archives (shareRecordStrings).
  const strings = new Map<string, string>();
  const failed = new Set<ArchiveRead>();
  const run = async (queue: Job[], full: boolean) => {
    await inFlight(queue, runner.concurrency, async (j) => {
      if (signal?.aborted) return;
      const { r, p } = j;
      const hashOnly = !full && !!j.twinOf;
      progress.phase('layers', `${r.name}: ${p.entry}${hashOnly ? ' (same digest as the other archive: hashing only)' : ''}`);
      try {
        // Digests are deferred for layers only; anything else is small or not a layer.
        const deferDigests = fast && p.read === 'files';
        j.result = await runner.scan(r.file.slice(p.start, p.start + p.size), {
          signal,
          read: hashOnly ? 'blob' : p.read,
          digests: !deferDigests,
          fileHashes: deferDigests ? 'xxh64' : 'sha256',
          path: p.entry,
          onBytes: (b) => {
            r.bytesRead += b;
            progress.add(b);
          },
        });
        if (!hashOnly) {
          if (j.result.layer) shareRecordStrings(j.result.layer.files, strings);
          r.blobs.set(p.entry, j.result);
          stats.scanned++;
        }
      } catch (e) {
        j.result = undefined;
        failed.add(r);
        if (!(isAbort(e) || signal?.aborted)) r.errors.push({ ...toErrorInfo(e, 'engine'), path: p.entry });
      }
    });
  };
  if (fast) {
    const sources = new Set(jobs.map((j) => j.twinOf).filter((j): j is Job => !!j));
    for (const j of jobs) {
      if (!j.twinOf) continue;
      j.r.deferred.add(j.p.entry);
      j.twinOf.r.deferred.add(j.twinOf.p.entry);
      j.r.twins.set(j.p.entry, { read: j.twinOf.r, entry: j.twinOf.p.entry });
      stats.shared++;
    }
    await run(
      jobs.filter((j) => !j.twinOf && !sources.has(j)),
      true,
    );
    for (const r of reads) {
      if (r.index && r.index.mode === 'seek') r.complete = !failed.has(r) && !r.index.error && !signal?.aborted;
    }
    return stats;
  }
  await run(jobs, false);
  const again: Job[] = [];
  for (const j of jobs) {
    if (!j.twinOf) continue;
    const src = j.twinOf.result;
    if (j.result && src && !src.error && src.sha256 === j.result.sha256 && src.size === j.result.size) {
      j.r.blobs.set(j.p.entry, src);
      stats.shared++;
    } else again.push(j);
  }
  if (again.length && !signal?.aborted) await run(again, true);
  for (const r of reads) {
    if (r.index && r.index.mode === 'seek') r.complete = !failed.has(r) && !r.index.error && !signal?.aborted;
  }
  return stats;
}

export function toInput(r: ArchiveRead, bytesRead: number, signal?: AbortSignal): InputReport {
  const errors = [...r.errors];
  if (signal?.aborted && !errors.some((e) => e.code === 'cancelled')) errors.push(cancelledInfo());
  const elapsedMs = performance.now() - r.t0;
  if (!r.index) return emptyInput(r.name, r.file.size, errors, elapsedMs);
  return assembleInput({
    name: r.name,
    size: r.file.size,
    index: r.index,
    archive: r.archive,
    blobs: r.blobs,
    extraErrors: errors,
    complete: r.complete && !signal?.aborted,
    deferred: r.deferred,
    bytesRead,
    elapsedMs,
  });
}

function abortOr(e: unknown, signal?: AbortSignal): ErrorInfo {
  return isAbort(e) || signal?.aborted ? cancelledInfo() : toErrorInfo(e, 'engine');
}

export function cancelledInfo(): ErrorInfo {
  return { code: 'cancelled', component: 'engine', message: 'engine: cancelled before the end; the report shows what was read' };
}

/**
 * A worker's records arrive with strings of their own (neither structured clone nor JSON.parse
 * shares a string longer than a few characters between records): each of 100,000 files holds its
 * own owner names and link target, and a second copy of its path as `rawName`. One string per
 * distinct value of those fields (`pool`, shared by every blob of a comparison), and the path as
 * `rawName` when the two are equal, held 16 MB less for two layers of 100,000 files (issue 12);
 * no value changes. Done as each blob's records arrive.
 */
export function shareRecordStrings(files: FileRecord[], pool: Map<string, string>): void {
  const one = <T extends string>(s: T): T => {
    const found = pool.get(s);
    if (found !== undefined) return found as T;
    pool.set(s, s);
    return s;
  };
  for (const f of files) {
    f.type = one(f.type);
    f.typeflag = one(f.typeflag);
    f.format = one(f.format);
    f.uname = one(f.uname);
    f.gname = one(f.gname);
    if (f.linkname !== undefined) f.linkname = one(f.linkname);
    if (f.rawName === f.path) f.rawName = f.path;
  }
}
