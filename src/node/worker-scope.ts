/**
 * Makes a worker_thread's global scope look like a Web Worker's to Comlink, so the same
 * worker module the page runs (workers/engine.worker.ts, which calls `Comlink.expose(api)`
 * on `globalThis`) runs unchanged under Node. Comlink's own Node adapter
 * (comlink/dist/esm/node-adapter.mjs: `on('message')` → `{ data }` events) does the
 * translation; we only install its three methods on `globalThis`.
 *
 * Import this module before the worker module (ES modules evaluate in import order).
 */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

if (!parentPort) throw new Error('engine thread: not running in a worker_thread (no parentPort)');

const ep = nodeEndpoint(parentPort);
const scope = globalThis as unknown as Record<string, unknown>;
scope.addEventListener = ep.addEventListener.bind(ep);
scope.removeEventListener = ep.removeEventListener.bind(ep);
scope.postMessage = ep.postMessage.bind(ep);
