/**
 * A WorkerPool whose "workers" are Comlink endpoints on MessageChannels in this thread (no
 * Worker needed): worker n (from 1) exposes `api(n)`; `stats` counts the workers created and
 * terminated. For the pool's own rules (idle timers, cancellation), not for what jobs do.
 */
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { WorkerPool, type PoolOptions } from '../../src/engine/pool';

export function fakePool(
  opts: Omit<PoolOptions, 'create'>,
  api: (worker: number) => object,
): { pool: WorkerPool; stats: { created: number; terminated: number } } {
  const stats = { created: 0, terminated: 0 };
  const pool = new WorkerPool({
    ...opts,
    create: () => {
      const id = ++stats.created;
      const { port1, port2 } = new MessageChannel();
      Comlink.expose(api(id), nodeEndpoint(port2));
      const worker = {
        terminate() {
          stats.terminated++;
          port1.close();
          port2.close();
        },
      };
      return { worker, endpoint: nodeEndpoint(port1) };
    },
  });
  return { pool, stats };
}
