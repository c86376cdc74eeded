/**
 * The engine for Node (the CLI): the page's coordinators on a pool of worker_threads.
 * Inputs are file paths, opened as FileBlobs (file-blob.ts) so that no file is ever read
 * whole into memory and every layer blob can be scanned in its own thread.
 */
import type { CompareOptions, Engine, InspectOptions } from '../engine/api';
import { inspectArchive } from '../engine/inspect';
import { compareArchives } from '../engine/compare';
import { evidenceHooks } from '../engine/evidence-hook';
import { createNodeRunner, type NodeRunnerOptions } from './runner';

export function createNodeEngine(opts: NodeRunnerOptions = {}): Engine {
  const pool = createNodeRunner(opts);
  return {
    inspect: (file: Blob, name: string, o?: InspectOptions) => inspectArchive(pool, file, name, o),
    compare: (a: Blob, aName: string, b: Blob, bName: string, o?: CompareOptions) => compareArchives(pool, a, aName, b, bName, o, evidenceHooks(pool)),
    dispose: () => pool.dispose(),
  };
}
