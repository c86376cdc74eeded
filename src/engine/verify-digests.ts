/**
 * The background pass after a comparison's fast scan (archive-read.ts `fast`), which left two
 * things undone so that the report could come first:
 *  - the layers both archives name by the same digest and size were not read at all (same
 *    digest, same bytes: nothing there can differ). Now one copy is scanned in full (files by
 *    XXH64, blob digest and diff_id by SHA-256) and the other copy only hashed; it takes the
 *    first copy's files when its digest is the same, or is scanned for its own files when not
 *    (same name, other bytes: one archive is damaged or lies about its content);
 *  - the layers that were deep-scanned have no SHA-256 yet: each is read once more, digests
 *    only (blob SHA-256 and, compressed, the diff_id), without walking the tar.
 * Jobs run in parallel on the runner, largest first. Results go into the blob facts as new
 * objects, so the integrity checks then cover every blob and the inputs are complete.
 */
import { shareRecordStrings, type ArchiveRead, type Planned } from './archive-read';
import type { BlobResult } from './blob-sink';
import type { JobRunner } from './runner';
import type { ProgressTracker } from './progress-tracker';
import { isAbort, toErrorInfo } from '../io/errors';
import { inFlight } from '../io/in-flight';

interface VerifyJob {
  r: ArchiveRead;
  p: Planned;
  /** 'scan': a deferred blob read in full; 'digest': digests only (a scanned blob, or a
   *  deferred copy that takes its twin's scan). */
  kind: 'scan' | 'digest';
}

export interface VerifyPlan {
  jobs: VerifyJob[];
  /** Bytes the pass reads (the blobs' stored sizes). */
  bytes: number;
}

export interface VerifyStats {
  /** Blobs whose digests were computed. */
  blobs: number;
  bytes: number;
  /** Copies whose bytes were not their twin's, deep-scanned for their own files. */
  rescanned: number;
  /** Every planned job finished (not cancelled, no job failed to run). */
  complete: boolean;
}

/** The deferred blobs and those whose digests were deferred (sha256 null), largest first. */
export function planVerification(reads: ArchiveRead[]): VerifyPlan {
  const jobs: VerifyJob[] = [];
  for (const r of reads) {
    for (const [entry, p] of r.planned) {
      if (r.deferred.has(entry)) jobs.push({ r, p, kind: r.twins.has(entry) ? 'digest' : 'scan' });
      else if (r.blobs.get(entry)?.sha256 === null) jobs.push({ r, p, kind: 'digest' });
    }
  }
  jobs.sort((x, y) => y.p.size - x.p.size);
  return { jobs, bytes: jobs.reduce((n, j) => n + j.p.size, 0) };
}

export async function verifyDigests(runner: JobRunner, plan: VerifyPlan, progress: ProgressTracker, signal?: AbortSignal): Promise<VerifyStats> {
  const stats: VerifyStats = { blobs: 0, bytes: 0, rescanned: 0, complete: true };
  const slice = (r: ArchiveRead, p: Planned) => r.file.slice(p.start, p.start + p.size);
  const onBytes = (r: ArchiveRead) => (b: number) => {
    r.bytesRead += b;
    progress.add(b);
  };
  const failed = (r: ArchiveRead, p: Planned, e: unknown) => {
    stats.complete = false;
    if (!(isAbort(e) || signal?.aborted)) r.errors.push({ ...toErrorInfo(e, 'engine'), path: p.entry });
  };
  // One string per repeated value in the records read here, as readLayers does for its own.
  const strings = new Map<string, string>();
  /** Files with XXH64, blob digest and diff_id: a blob read for the first time. */
  const fullScan = async (r: ArchiveRead, p: Planned) => {
    const b = await runner.scan(slice(r, p), { signal, read: p.read, digests: true, fileHashes: 'xxh64', path: p.entry, onBytes: onBytes(r) });
    if (b.layer) shareRecordStrings(b.layer.files, strings);
    return b;
  };
  /** Digests of the deferred copies that take their twin's files, by read and entry. */
  const twinDigests = new Map<ArchiveRead, Map<string, BlobResult>>();

  await inFlight(plan.jobs, runner.concurrency, async ({ r, p, kind }) => {
    if (signal?.aborted) return;
    progress.phase('verify', `${r.name}: ${p.entry}${kind === 'scan' ? ' (the same blob as in the other archive: reading its files)' : ''}`);
    try {
      if (kind === 'scan') {
        r.blobs.set(p.entry, await fullScan(r, p));
        r.deferred.delete(p.entry);
      } else {
        const v = await runner.scan(slice(r, p), {
          signal,
          read: p.read === 'files' ? 'stream' : 'blob',
          digests: true,
          fileHashes: 'none',
          path: p.entry,
          onBytes: onBytes(r),
        });
        const b = r.blobs.get(p.entry);
        if (b) {
          r.blobs.set(p.entry, {
            ...b,
            sha256: v.sha256,
            layer: b.layer ? { ...b.layer, diffId: v.layer?.diffId ?? null } : null,
            error: b.error ?? v.error,
          });
        } else {
          if (!twinDigests.has(r)) twinDigests.set(r, new Map());
          twinDigests.get(r)!.set(p.entry, v);
        }
      }
      stats.blobs++;
      stats.bytes += p.size;
    } catch (e) {
      failed(r, p, e);
    }
  });
  if (signal?.aborted) stats.complete = false;

  // Deferred copies: the twin's files when the bytes are the twin's, else their own.
  for (const { r, p } of plan.jobs) {
    const v = twinDigests.get(r)?.get(p.entry);
    const twin = r.twins.get(p.entry);
    if (!v || !twin || signal?.aborted) continue;
    const theirs = twin.read.blobs.get(twin.entry);
    if (theirs?.sha256 && v.sha256 === theirs.sha256 && v.size === theirs.size && !v.error) {
      r.blobs.set(p.entry, { ...theirs, layer: theirs.layer ? { ...theirs.layer, diffId: v.layer?.diffId ?? theirs.layer.diffId } : null });
      r.deferred.delete(p.entry);
      continue;
    }
    progress.phase('verify', `${r.name}: ${p.entry} (not the same bytes as in ${twin.read.name}: reading its files)`);
    try {
      r.blobs.set(p.entry, await fullScan(r, p));
      r.deferred.delete(p.entry);
      stats.rescanned++;
    } catch (e) {
      failed(r, p, e);
    }
  }
  return stats;
}
