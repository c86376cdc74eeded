/**
 * The engine under Node: a worker_thread running the page's own worker module
 * (workers/engine.worker.ts: the same jobs, the same Comlink API, one source of truth)
 * in a scope shimmed by worker-scope.ts, with FileBlobs re-opened from their path.
 * Built to dist-cli/engine-thread.mjs (vite.cli.config.ts); runner.ts starts it.
 */
import './worker-scope';
import { registerFileBlobTransfer } from './transfer';
import '../../workers/engine.worker';

registerFileBlobTransfer();
