/**
 * The engine worker: exposes src/engine/worker-api.ts over Comlink (the API is declared
 * there, so the engine never imports this folder).
 */
import * as Comlink from 'comlink';
import { engineWorkerApi } from '../src/engine/worker-api';
import { registerHttpBlobTransfer } from '../src/remote/transfer';

// Archives opened from a URL arrive as HttpBlobs ({url, start, end}) and are read here with
// Range requests (src/remote/README.md).
registerHttpBlobTransfer();

Comlink.expose(engineWorkerApi);
