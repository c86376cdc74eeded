/**
 * The engine worker: exposes the jobs (index an archive, scan a blob, extract files from a
 * blob, compression forensics of two blobs) over Comlink.
 * One job at a time per worker (the pool guarantees it); cancellation by job id, because
 * an AbortSignal cannot cross postMessage.
 */
import * as Comlink from 'comlink';
import { indexArchive, scanBlobJob, type ScanJobOptions } from '../src/engine/jobs';
import type { IndexResult } from '../src/engine/index-result';
import type { BlobResult } from '../src/engine/blob-sink';
import { extractJob, extractTransferables, type ExtractOptions, type ExtractResult } from '../src/engine/extract';
import { forensicsJob, type ForensicsOptions, type ForensicsResult, type ForensicsSide } from '../src/engine/forensics';
import { batchBytes } from './batch-bytes';
import { registerHttpBlobTransfer } from '../src/remote/transfer';

// Archives opened from a URL arrive as HttpBlobs ({url, start, end}) and are read here with
// Range requests (src/remote/README.md).
registerHttpBlobTransfer();

const controllers = new Map<number, AbortController>();

async function withJob<T>(jobId: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  controllers.set(jobId, ac);
  try {
    return await run(ac.signal);
  } finally {
    controllers.delete(jobId);
  }
}

const api = {
  index(jobId: number, file: Blob, hashFiles: boolean, onBytes?: (n: number) => void): Promise<IndexResult> {
    return withJob(jobId, async (signal) => {
      const b = batchBytes(onBytes);
      try {
        return await indexArchive(file, { signal, onBytes: b.add, hashFiles });
      } finally {
        b.flush();
      }
    });
  },
  scan(
    jobId: number,
    blob: Blob,
    opts: Omit<ScanJobOptions, 'signal' | 'onBytes'>,
    onBytes?: (n: number) => void,
  ): Promise<BlobResult> {
    return withJob(jobId, async (signal) => {
      const b = batchBytes(onBytes);
      try {
        return await scanBlobJob(blob, { ...opts, signal, onBytes: b.add });
      } finally {
        b.flush();
      }
    });
  },
  extract(
    jobId: number,
    blob: Blob,
    opts: Omit<ExtractOptions, 'signal' | 'onBytes'>,
    onBytes?: (n: number) => void,
  ): Promise<ExtractResult> {
    return withJob(jobId, async (signal) => {
      const b = batchBytes(onBytes);
      try {
        const r = await extractJob(blob, { ...opts, signal, onBytes: b.add });
        // The bytes move to the caller instead of being copied (STYLE.md: comlink, transfer()).
        return Comlink.transfer(r, extractTransferables(r));
      } finally {
        b.flush();
      }
    });
  },
  forensics(
    jobId: number,
    blobA: Blob,
    infoA: ForensicsSide['info'],
    blobB: Blob,
    infoB: ForensicsSide['info'],
    opts: Omit<ForensicsOptions, 'signal'>,
  ): Promise<ForensicsResult> {
    return withJob(jobId, (signal) => forensicsJob({ blob: blobA, info: infoA }, { blob: blobB, info: infoB }, { ...opts, signal }));
  },
  cancel(jobId: number): void {
    controllers.get(jobId)?.abort();
  },
  ping(): string {
    return 'pong';
  },
};

export type EngineWorkerApi = typeof api;
Comlink.expose(api);
