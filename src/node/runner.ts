/**
 * The CLI's JobRunner: the engine's WorkerPool (src/engine/pool.ts: queueing, cancellation,
 * a dead worker rejects its job) over Node worker_threads. Each thread runs
 * engine-thread.mjs, the page's worker module under a shimmed scope; Comlink talks to it
 * through its Node adapter, and FileBlobs cross as `{path, start, end}` (transfer.ts).
 * Every job of the JobRunner (index, scan, extract, forensics) comes from WorkerPool; the extract job's
 * byte arrays come back as transferred ArrayBuffers (MessagePort transfer lists).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { WorkerPool, type WorkerLike } from '../engine/pool';
import { registerFileBlobTransfer } from './transfer';

/** File name of the built thread entry, next to the bundle that contains this module
 *  (vite.cli.config.ts writes every chunk flat into dist-cli/). Kept in a variable so the
 *  bundler leaves the URL alone. */
const THREAD_FILE = 'engine-thread.mjs';

export interface NodeRunnerOptions {
  /** Threads; default: available cores, at most 8 (as on the page). */
  size?: number;
  /** The thread entry; default: engine-thread.mjs beside this bundle. */
  threadUrl?: URL;
  /** A thread idle this long with no job queued is terminated, a new one started for the next
   *  job (WorkerPool idleMs); default IDLE_MS. */
  idleMs?: number;
}

/** Once the scans are over, the report is assembled and compared on the main thread while the
 *  threads wait: each kept ~50 MB of heap, its wasm memory and read buffers (issue 12). Long
 *  enough for the next job of a run to take the thread back without a restart. */
export const IDLE_MS = 250;

export function defaultThreadUrl(): URL {
  return new URL(THREAD_FILE, import.meta.url);
}

export function defaultSize(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export function createNodeRunner(opts: NodeRunnerOptions = {}): WorkerPool {
  registerFileBlobTransfer();
  const url = opts.threadUrl ?? defaultThreadUrl();
  return new WorkerPool({
    size: opts.size ?? defaultSize(),
    idleMs: opts.idleMs ?? IDLE_MS,
    create: () => {
      const worker = new Worker(url, { name: 'tarscope-engine' });
      return { worker: asWorkerLike(worker), endpoint: nodeEndpoint(worker) };
    },
  });
}

/**
 * WorkerPool listens for 'error' the DOM way. A Node Worker reports a crash as an 'error'
 * event (uncaught exception, ERR_WORKER_OUT_OF_MEMORY) or only as an 'exit' (process.exit
 * in the thread); both must reject the running job, or Comlink would wait forever.
 */
function asWorkerLike(worker: Worker): WorkerLike {
  let terminating = false;
  return {
    terminate() {
      terminating = true;
      void worker.terminate();
    },
    addEventListener(type, listener) {
      if (type !== 'error') return;
      worker.on('error', (e) => listener(e));
      worker.on('exit', (code) => {
        if (!terminating) listener({ message: `the engine thread exited (code ${code})` });
      });
    },
  };
}
