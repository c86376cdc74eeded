/**
 * The engine for Node (the CLI): the page's coordinators on a pool of worker_threads.
 * Inputs are file paths, opened as FileBlobs (file-blob.ts) so that no file is ever read
 * whole into memory and every layer blob can be scanned in its own thread.
 */
import type { Engine, InspectOptions } from '../engine/api';
import { inspectArchive } from '../engine/inspect';
import { createNodeRunner, type NodeRunnerOptions } from './runner';

export function createNodeEngine(opts: NodeRunnerOptions = {}): Engine {
  const pool = createNodeRunner(opts);
  return {
    inspect: (file: Blob, name: string, o?: InspectOptions) => inspectArchive(pool, file, name, o),
    dispose: () => pool.dispose(),
  };
}
