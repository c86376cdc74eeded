/**
 * The coordinator worker: the page's engine off its main thread. Exposes
 * src/engine/coordinator-api.ts over Comlink and owns the job Workers (engine.worker.ts, nested
 * dedicated Workers started by URL, one pool of them: src/engine/pool.ts).
 */
import * as Comlink from 'comlink';
import { coordinatorApi } from '../src/engine/coordinator-api';
import { WorkerPool } from '../src/engine/pool';
import { registerHttpBlobTransfer } from '../src/remote/transfer';

// Archives opened from a URL arrive as HttpBlobs and go on, as HttpBlobs, to the job Workers.
registerHttpBlobTransfer();

Comlink.expose(
  coordinatorApi(
    (size) =>
      new WorkerPool({
        size,
        // A job Worker idle for a second ends (a new one starts for the next job): its heap,
        // grown by a scan of 100,000 files, and its wasm memory go back to the system instead
        // of staying for the rest of the page's life (docs/benchmarks.md "Memory").
        idleMs: 1000,
        create: () => {
          const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'tarscope-engine' });
          return { worker, endpoint: worker };
        },
      }),
  ),
);
