/**
 * The inspection coordinator: structure first (list the outer tar, read manifests and
 * configs), then the deep scan of every layer blob in parallel across the runner's
 * workers, then pure assembly. Runs wherever a JobRunner exists: a Worker pool in the
 * browser, worker_threads or in-process in Node. Never rejects for a bad archive:
 * errors go into the report with everything read before them.
 */
import type { InspectOptions } from './api';
import type { IndexResult } from './index-result';
import type { BlobResult } from './blob-sink';
import type { ScanJobOptions, JobOptions } from './jobs';
import { assembleInput } from './assemble';
import { ProgressTracker } from './progress-tracker';
import { readLayout } from '../image';
import type { ImageArchive } from '../image/model';
import { isAbort, toErrorInfo, type ErrorInfo } from '../io/errors';
import { SCHEMA_VERSION, type InspectionReport, type InputReport } from '../report/types';
import { TOOL } from '../report/tool';

export interface JobRunner {
  readonly concurrency: number;
  index(file: Blob, opts: JobOptions & { hashFiles?: boolean }): Promise<IndexResult>;
  scan(blob: Blob, opts: ScanJobOptions): Promise<BlobResult>;
}

interface Planned {
  entry: string;
  start: number;
  size: number;
  walk: 'auto' | 'never';
}

/** Media types whose blobs are not tars (attestations, SBOMs, signatures). */
function walkFor(mediaType: string | undefined): 'auto' | 'never' {
  if (!mediaType) return 'auto';
  return /in-toto|json|spdx|cyclonedx|signature|cosign/i.test(mediaType) ? 'never' : 'auto';
}

export function planScans(index: IndexResult, archive: ImageArchive, fileSize = Infinity): Planned[] {
  const byName = new Map(index.entries.map((e) => [normalize(e.name), e]));
  const planned = new Map<string, Planned>();
  for (const img of archive.images) {
    for (const l of img.layers) {
      const name = l.blob?.entry;
      if (!name || planned.has(name) || index.files.has(name)) continue;
      const e = byName.get(name);
      if (!e) continue;
      // Only blobs whose bytes are all in the file (a truncated archive ends inside one).
      if (index.tar === null && index.error && e.dataOffset + e.size > fileSize) continue;
      planned.set(name, { entry: name, start: e.dataOffset, size: e.size, walk: walkFor(l.mediaType) });
    }
  }
  // Largest first: the parallel scan finishes when its longest job does.
  return [...planned.values()].sort((a, b) => b.size - a.size);
}

function normalize(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

export async function inspectArchive(
  runner: JobRunner,
  file: Blob,
  name: string,
  opts: InspectOptions = {},
): Promise<InspectionReport> {
  const t0 = performance.now();
  const progress = new ProgressTracker(file.size, opts.onProgress);
  const extraErrors: ErrorInfo[] = [];
  const blobs = new Map<string, BlobResult>();
  let index: IndexResult | null = null;
  let archive: ImageArchive | null = null;
  let plainScan: BlobResult | undefined;
  let complete = false;
  const signal = opts.signal;

  try {
    progress.phase('index', 'reading the archive structure');
    index = await runner.index(file, { signal, onBytes: (n) => progress.add(n) });
    if (index.entries.length) {
      archive = readLayout({ entries: index.entries, files: index.files });
    }
    if (index.mode === 'stream') {
      for (const [k, v] of index.blobs) blobs.set(k, v);
      complete = !index.error;
    } else if (archive) {
      // A damaged outer tar still has whole blobs before the damage: scan those.
      const plan = archive.layout === 'plain' ? [] : planScans(index, archive, file.size);
      const total = plan.reduce((n, p) => n + p.size, 0);
      progress.startScan(archive.layout === 'plain' ? file.size : total);
      if (archive.layout === 'plain') {
        progress.phase('layers', 'hashing every file');
        plainScan = await runner.scan(file, { signal, walk: 'auto', hashFiles: true, path: name, onBytes: (n) => progress.add(n) });
      } else {
        await runPlan(runner, file, plan, blobs, extraErrors, progress, signal);
      }
      complete = extraErrors.length === 0 && !index.error;
    }
  } catch (e) {
    extraErrors.push(isAbort(e) || signal?.aborted ? cancelled() : toErrorInfo(e, 'engine'));
  }
  if (signal?.aborted && !extraErrors.some((e) => e.code === 'cancelled')) {
    extraErrors.push(cancelled());
    complete = false;
  }
  progress.phase('done');

  const input: InputReport = index
    ? assembleInput({
        name,
        size: file.size,
        index,
        archive,
        blobs,
        plainScan,
        extraErrors,
        complete,
        bytesRead: progress.bytesDone,
        elapsedMs: performance.now() - t0,
      })
    : emptyInput(name, file.size, extraErrors, performance.now() - t0);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    kind: 'inspection',
    createdAt: new Date().toISOString(),
    inputs: [input],
  };
}

function cancelled(): ErrorInfo {
  return { code: 'cancelled', component: 'engine', message: 'engine: cancelled before the end; the report shows what was read' };
}

async function runPlan(
  runner: JobRunner,
  file: Blob,
  plan: Planned[],
  blobs: Map<string, BlobResult>,
  errors: ErrorInfo[],
  progress: ProgressTracker,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const n = plan.length;
  const worker = async () => {
    while (next < plan.length) {
      if (signal?.aborted) return;
      const i = next++;
      const p = plan[i];
      progress.phase('layers', `layer blob ${i + 1} of ${n} (${p.entry})`);
      try {
        const r = await runner.scan(file.slice(p.start, p.start + p.size), {
          signal,
          walk: p.walk,
          hashFiles: true,
          path: p.entry,
          onBytes: (b) => progress.add(b),
        });
        blobs.set(p.entry, r);
      } catch (e) {
        if (isAbort(e) || signal?.aborted) return;
        errors.push({ ...toErrorInfo(e, 'engine'), path: p.entry });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.concurrency, plan.length)) }, worker));
}

function emptyInput(name: string, size: number, errors: ErrorInfo[], elapsedMs: number): InputReport {
  return {
    name,
    size,
    format: { outerCompression: null, layout: null, layoutLabel: null, notes: [], tar: null },
    error: errors[0]?.message ?? null,
    errors,
    entries: [],
    index: null,
    dockerManifest: null,
    repositories: null,
    images: [],
    files: null,
    integrity: { done: false, ok: false, checks: [] },
    stats: { bytesRead: 0, elapsedMs: Math.round(elapsedMs) },
  };
}
