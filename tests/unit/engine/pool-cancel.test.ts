/**
 * WorkerPool and a cancelled job: a job that stops on its own when cancelled (the Worker
 * answers) leaves its worker in the pool, warm, for the next job; one that does not stop within
 * graceMs has its worker terminated and replaced, and the caller is not kept waiting for it.
 * Workers here are Comlink endpoints on a MessageChannel in this thread (no Worker needed),
 * each with a job that runs until its cancel() comes, or forever.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobResult } from '../../../src/engine/blob-sink';
import { fakePool as fakeWorkers } from '../../support/fake-pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One worker; its scan runs until cancelled (`honours`) or forever; path 'quick' answers at once. */
function fakePool(honours: boolean) {
  return fakeWorkers({ size: 1, graceMs: 100 }, (id) => {
    const stops = new Map<number, () => void>();
    return {
      scan: (jobId: number, _blob: Blob, opts: { path?: string }) =>
        opts.path === 'quick'
          ? Promise.resolve({ worker: id } as unknown as BlobResult)
          : new Promise((_, reject) => {
              if (honours) stops.set(jobId, () => reject(new Error('cancelled')));
            }),
      cancel: (jobId: number) => stops.get(jobId)?.(),
    };
  });
}

const blob = new Blob(['x']);
const workerOf = (r: BlobResult) => (r as unknown as { worker: number }).worker;

describe('WorkerPool: a cancelled job', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  it('that stops when told keeps its worker: the next job runs on it, none started or ended', async () => {
    const { pool, stats } = fakePool(true);
    dispose = () => pool.dispose();
    const ac = new AbortController();
    const job = pool.scan(blob, { path: 'long', signal: ac.signal });
    await sleep(20);
    ac.abort();
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    expect(stats).toEqual({ created: 1, terminated: 0 });
    expect(workerOf(await pool.scan(blob, { path: 'quick' }))).toBe(1);
    expect(stats).toEqual({ created: 1, terminated: 0 });
  });

  it('that does not stop within graceMs: rejected then, its worker terminated and the next job on a new one', async () => {
    const { pool, stats } = fakePool(false);
    dispose = () => pool.dispose();
    const ac = new AbortController();
    const job = pool.scan(blob, { path: 'long', signal: ac.signal });
    await sleep(20);
    const t0 = performance.now();
    ac.abort();
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    expect(stats).toEqual({ created: 1, terminated: 1 });
    expect(workerOf(await pool.scan(blob, { path: 'quick' }))).toBe(2);
  });

  it('a job waiting for the worker gets that worker once the cancelled job has stopped, not a new one after graceMs', async () => {
    const { pool, stats } = fakePool(true);
    dispose = () => pool.dispose();
    const ac = new AbortController();
    const first = pool.scan(blob, { path: 'long', signal: ac.signal });
    first.catch(() => {});
    const next = pool.scan(blob, { path: 'quick' });
    await sleep(20);
    ac.abort();
    // (the old pool waited for the job to stop, then replaced its worker: worker 2)
    expect(workerOf(await next)).toBe(1);
    expect(stats).toEqual({ created: 1, terminated: 0 });
  });
});
