/**
 * The engine Worker's API: the jobs (index an archive, scan a blob, extract files from a
 * blob, compression forensics of two blobs) as Comlink exposes them. Declared here rather
 * than in the Worker file so that the pool (pool.ts) derives its type without importing
 * workers/, which sits above engine/ (src/README.md): workers/engine.worker.ts exposes this
 * object, in a Web Worker and (through src/node/engine-thread.ts) in a worker_thread.
 * One job at a time per worker (the pool guarantees it); cancellation by job id, because
 * an AbortSignal cannot cross postMessage.
 */
import * as Comlink from 'comlink';
import { indexArchive, scanBlobJob, warmKernel, type ScanJobOptions } from './jobs';
import type { ScanRequest } from './scan-mode';
import type { IndexResult } from './index-result';
import type { FileRecord } from '../report/types';
import { extractJob, extractTransferables, type ExtractOptions, type ExtractResult } from './extract';
import { forensicsJob, type ForensicsOptions, type ForensicsResult, type ForensicsSide } from './forensics';
import { batchBytes } from './batch-bytes';
import { packBlobResult, type WireBlobResult } from './records-wire';

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

export const engineWorkerApi = {
  index(jobId: number, file: Blob, mode: ScanRequest, onBytes?: (n: number) => void): Promise<IndexResult> {
    return withJob(jobId, async (signal) => {
      const b = batchBytes(onBytes);
      try {
        return await indexArchive(file, { ...mode, signal, onBytes: b.add });
      } finally {
        b.flush();
      }
    });
  },
  /** The records cross as JSON text (records-wire.ts): the pool unpacks them. */
  scan(
    jobId: number,
    blob: Blob,
    opts: Omit<ScanJobOptions, 'signal' | 'onBytes' | 'onFiles'>,
    onBytes?: (n: number) => void,
    onFiles?: (json: string) => unknown,
  ): Promise<WireBlobResult> {
    return withJob(jobId, async (signal) => {
      const b = batchBytes(onBytes);
      // Batches go out as the walk goes on; the result waits until each was taken (it comes back
      // through another port and must not overtake them).
      const taken: Promise<unknown>[] = [];
      const batches = onFiles && ((batch: FileRecord[]) => void taken.push(Promise.resolve(onFiles(JSON.stringify(batch)))));
      try {
        const r = await scanBlobJob(blob, { ...opts, signal, onBytes: b.add, onFiles: batches });
        await Promise.all(taken);
        return packBlobResult(r);
      } finally {
        b.flush();
        // The caller's end of the batches' port closes (in Node an open port keeps the process up).
        (onFiles as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
      }
    });
  },
  extract(jobId: number, blob: Blob, opts: Omit<ExtractOptions, 'signal' | 'onBytes'>, onBytes?: (n: number) => void): Promise<ExtractResult> {
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
  /** Loads the tarhash kernel now rather than on the first scan; false if it cannot load. */
  warm(): Promise<boolean> {
    return warmKernel();
  },
};

export type EngineWorkerApi = typeof engineWorkerApi;
