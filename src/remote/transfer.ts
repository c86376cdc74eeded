/**
 * Teaches Comlink to send an HttpBlob to a Worker as its `{url, start, end, total}` (a Blob
 * subclass would otherwise be cloned as the empty Blob it is underneath) and to rebuild it
 * there, where it makes its own Range requests. Both sides register before the first
 * message: open.ts on the page (it is what makes HttpBlobs), workers/engine.worker.ts in
 * each Worker. Same pattern as src/node/transfer.ts for FileBlob.
 */
import * as Comlink from 'comlink';
import { HttpBlob, type HttpRange } from './http-blob';

export const HTTP_BLOB_HANDLER = 'tarscope-http-blob';

export function registerHttpBlobTransfer(): void {
  if (Comlink.transferHandlers.has(HTTP_BLOB_HANDLER)) return;
  Comlink.transferHandlers.set(HTTP_BLOB_HANDLER, {
    canHandle: (v: unknown): v is HttpBlob => v instanceof HttpBlob,
    serialize: (b: HttpBlob): [HttpRange, Transferable[]] => [{ ...b.range }, []],
    deserialize: (r: HttpRange) => new HttpBlob(r),
  } satisfies Comlink.TransferHandler<HttpBlob, HttpRange>);
}
