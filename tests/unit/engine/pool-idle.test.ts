/**
 * WorkerPool idleMs (issue 12): a worker left idle with no job queued is terminated after idleMs and
 * a new one started for the next job; a job that comes sooner takes the idle worker back. Workers
 * here are Comlink endpoints on a MessageChannel in this thread (no Worker needed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobResult } from '../../../src/engine/blob-sink';
import { fakePool as fakeWorkers } from '../../support/fake-pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const fakePool = (idleMs: number | undefined) =>
  fakeWorkers({ size: 2, idleMs }, (id) => ({ scan: async () => ({ worker: id }) as unknown as BlobResult, warm: async () => {} }));

const blob = new Blob(['x']);
const workerOf = (r: BlobResult) => (r as unknown as { worker: number }).worker;

describe('WorkerPool idleMs', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  it('terminates idle workers after idleMs, starts new ones for later jobs, reuses one taken back in time', async () => {
    const { pool, stats } = fakePool(40);
    dispose = () => pool.dispose();
    await Promise.all([pool.scan(blob, { path: 'a' }), pool.scan(blob, { path: 'b' })]);
    expect(stats).toEqual({ created: 2, terminated: 0 });
    // taken back before idleMs: the same worker, nothing terminated
    const again = await pool.scan(blob, { path: 'c' });
    expect([1, 2]).toContain(workerOf(again));
    expect(stats).toEqual({ created: 2, terminated: 0 });
    await sleep(150);
    expect(stats).toEqual({ created: 2, terminated: 2 });
    // the next job starts a fresh worker
    expect(workerOf(await pool.scan(blob, { path: 'd' }))).toBe(3);
    expect(stats.created).toBe(3);
    await sleep(150);
    expect(stats.terminated).toBe(3);
  });

  it('warm() starts every worker, and a worker only warmed waits for its first job; after it, idleMs applies', async () => {
    const { pool, stats } = fakePool(40);
    dispose = () => pool.dispose();
    await pool.warm();
    expect(stats).toEqual({ created: 2, terminated: 0 });
    await sleep(150);
    expect(stats).toEqual({ created: 2, terminated: 0 });
    // both archives' first jobs at once: the warmed workers, none started
    const [a, b] = await Promise.all([pool.scan(blob, { path: 'a' }), pool.scan(blob, { path: 'b' })]);
    expect([workerOf(a), workerOf(b)].sort()).toEqual([1, 2]);
    expect(stats.created).toBe(2);
    await sleep(150);
    expect(stats).toEqual({ created: 2, terminated: 2 });
    // warming again starts them again
    await pool.warm();
    expect(stats.created).toBe(4);
  });

  it('without idleMs the workers stay until dispose', async () => {
    const { pool, stats } = fakePool(undefined);
    dispose = () => pool.dispose();
    await Promise.all([pool.scan(blob, { path: 'a' }), pool.scan(blob, { path: 'b' })]);
    await sleep(150);
    expect(stats).toEqual({ created: 2, terminated: 0 });
    pool.dispose();
    expect(stats.terminated).toBe(2);
  });
});
