/**
 * The inspection coordinator: structure first (list the outer tar, read manifests and
 * configs), then the deep scan of every layer blob in parallel across the runner's
 * workers, then pure assembly. Runs wherever a JobRunner exists: a Worker pool in the
 * browser, worker_threads or in-process in Node. Never rejects for a bad archive:
 * errors go into the report with everything read before them.
 */
import type { InspectOptions } from './api';
import { ProgressTracker } from './progress-tracker';
import { readStructure, readLayers, toInput } from './archive-read';
import { SCHEMA_VERSION, type InspectionReport } from '../report/types';
import { TOOL } from '../report/tool';

export type { JobRunner } from './runner';
import type { JobRunner } from './runner';

export async function inspectArchive(runner: JobRunner, file: Blob, name: string, opts: InspectOptions = {}): Promise<InspectionReport> {
  const { signal } = opts;
  const progress = new ProgressTracker(file.size, opts.onProgress);
  progress.phase('index', 'reading the archive structure');
  const read = await readStructure(runner, file, name, progress, signal);
  await readLayers(runner, [read], progress, signal);
  progress.phase('done');
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    kind: 'inspection',
    createdAt: new Date().toISOString(),
    inputs: [toInput(read, progress.bytesDone, signal)],
  };
}
