/**
 * The page's engine: a pool of module Workers (one per core, at most 8) running the
 * engine jobs, coordinated here. Loaded lazily by the UI so that none of the engine,
 * worker or wasm code is in the initial bundle.
 */
import type { CompareOptions, Engine, InspectOptions } from './api';
import { WorkerPool } from './pool';
import { inspectArchive } from './inspect';
import { compareArchives } from './compare';
import { evidenceHooks } from './evidence-hook';

export function createEngine(size = defaultSize()): Engine {
  const pool = new WorkerPool({
    size,
    create: () => {
      const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'tarscope-engine',
      });
      return { worker, endpoint: worker };
    },
  });
  return {
    inspect: (file: Blob, name: string, opts?: InspectOptions) => inspectArchive(pool, file, name, opts),
    compare: (a: Blob, aName: string, b: Blob, bName: string, opts?: CompareOptions) => compareArchives(pool, a, aName, b, bName, opts, evidenceHooks(pool)),
    dispose: () => pool.dispose(),
  };
}

function defaultSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(8, n));
}
