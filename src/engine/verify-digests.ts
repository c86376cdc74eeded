/**
 * Digest verification after a comparison's fast scan (archive-read.ts `fast`): the layers
 * were deep-scanned without SHA-256 (files got XXH64 for equality), and a blob both archives
 * name by the same digest took the other archive's scan on the name alone. Here every such
 * blob is read once more, digests only — the blob's SHA-256 and, for a compressed layer, the
 * diff_id — without walking the tar, in parallel on the runner, largest first.
 *
 * The results go into the blob facts (new objects: a twin shares its scan object with the
 * other archive), so the integrity checks then cover them. A twin whose bytes turn out not to
 * be its twin's (same name, other bytes: one archive is damaged or lies) is deep-scanned
 * after all, so its files are its own.
 */
import type { ArchiveRead, Planned } from './archive-read';
import type { BlobResult } from './blob-sink';
import type { JobRunner } from './runner';
import type { ProgressTracker } from './progress-tracker';
import { isAbort, toErrorInfo } from '../io/errors';

export interface VerifyPlan {
  jobs: { r: ArchiveRead; p: Planned }[];
  /** Bytes the verification reads (the blobs' stored sizes). */
  bytes: number;
}

export interface VerifyStats {
  /** Blobs whose digests were computed. */
  blobs: number;
  bytes: number;
  /** Twins whose bytes were not their twin's, deep-scanned again. */
  rescanned: number;
  /** Every planned verification finished (not cancelled, no job failed to run). */
  complete: boolean;
}

/** The blobs whose digests were deferred (sha256 null), largest first. */
export function planVerification(reads: ArchiveRead[]): VerifyPlan {
  const jobs: VerifyPlan['jobs'] = [];
  for (const r of reads) {
    for (const [entry, p] of r.planned) if (r.blobs.get(entry)?.sha256 === null) jobs.push({ r, p });
  }
  jobs.sort((x, y) => y.p.size - x.p.size);
  return { jobs, bytes: jobs.reduce((n, j) => n + j.p.size, 0) };
}

export async function verifyDigests(
  runner: JobRunner,
  plan: VerifyPlan,
  progress: ProgressTracker,
  signal?: AbortSignal,
): Promise<VerifyStats> {
  const stats: VerifyStats = { blobs: 0, bytes: 0, rescanned: 0, complete: true };
  const slice = (r: ArchiveRead, p: Planned) => r.file.slice(p.start, p.start + p.size);
  const onBytes = (r: ArchiveRead) => (b: number) => {
    r.bytesRead += b;
    progress.add(b);
  };
  let next = 0;
  const work = async () => {
    while (next < plan.jobs.length && !signal?.aborted) {
      const { r, p } = plan.jobs[next++];
      progress.phase('verify', `${r.name}: ${p.entry}`);
      try {
        const v = await runner.scan(slice(r, p), { signal, walk: p.walk, hashFiles: false, parse: false, path: p.entry, onBytes: onBytes(r) });
        const b = r.blobs.get(p.entry)!;
        const merged: BlobResult = {
          ...b,
          sha256: v.sha256,
          layer: b.layer ? { ...b.layer, diffId: v.layer?.diffId ?? null } : null,
          error: b.error ?? v.error,
        };
        r.blobs.set(p.entry, merged);
        stats.blobs++;
        stats.bytes += p.size;
      } catch (e) {
        stats.complete = false;
        if (!(isAbort(e) || signal?.aborted)) r.errors.push({ ...toErrorInfo(e, 'engine'), path: p.entry });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.concurrency, plan.jobs.length)) }, work));
  if (signal?.aborted) stats.complete = false;

  // Twins that are not the same bytes after all: their files are read from their own bytes.
  for (const { r, p } of plan.jobs) {
    const twin = r.twins.get(p.entry);
    if (!twin || signal?.aborted) continue;
    const mine = r.blobs.get(p.entry);
    const theirs = twin.read.blobs.get(twin.entry);
    if (!mine?.sha256 || !theirs?.sha256 || mine.sha256 === theirs.sha256) continue;
    progress.phase('verify', `${r.name}: ${p.entry} (not the same bytes as ${twin.read.name}: reading its files)`);
    try {
      r.blobs.set(p.entry, await runner.scan(slice(r, p), { signal, walk: p.walk, hashFiles: true, path: p.entry, onBytes: onBytes(r) }));
      r.twins.delete(p.entry);
      stats.rescanned++;
    } catch (e) {
      stats.complete = false;
      if (!(isAbort(e) || signal?.aborted)) r.errors.push({ ...toErrorInfo(e, 'engine'), path: p.entry });
    }
  }
  return stats;
}
