/**
 * Teaches Comlink to send a FileBlob to a worker_thread as its `{path, start, end}` (a
 * file-backed Blob cannot be cloned, file-blob.ts) and to turn it back into a FileBlob
 * there. Both sides must call `registerFileBlobTransfer()` before the first message:
 * runner.ts on the main thread, engine-thread.ts in each thread.
 *
 * Comlink applies transfer handlers to top-level call arguments only, which is where the
 * engine passes blobs (`index(jobId, file, …)`, `scan(jobId, blob, …)`).
 */
import * as Comlink from 'comlink';
import { FileBlob, type FileRange } from './file-blob';

export const FILE_BLOB_HANDLER = 'tarscope-file-blob';

export function registerFileBlobTransfer(): void {
  if (Comlink.transferHandlers.has(FILE_BLOB_HANDLER)) return;
  Comlink.transferHandlers.set(FILE_BLOB_HANDLER, {
    canHandle: (v: unknown): v is FileBlob => v instanceof FileBlob,
    serialize: (b: FileBlob): [FileRange, Transferable[]] => [{ ...b.range }, []],
    deserialize: (r: FileRange) => new FileBlob(r),
  } satisfies Comlink.TransferHandler<FileBlob, FileRange>);
}
