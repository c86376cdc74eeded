/**
 * A pool of engine Workers behind Comlink: one job per worker at a time, jobs queued
 * when all are busy, AbortSignal mapped to the worker's cancel(jobId), and a worker that
 * does not stop within a grace period is terminated and replaced (a hung worker must
 * never hang the page).
 */
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from './worker-api';
import type { JobRunner } from './runner';
import type { ScanJobOptions, IndexJobOptions } from './jobs';
import type { IndexResult } from './index-result';
import type { BlobResult } from './blob-sink';
import type { ExtractOptions, ExtractResult } from './extract';
import type { ForensicsOptions, ForensicsResult, ForensicsSide } from './forensics';
import { TarscopeError } from '../io/errors';
import { joinBatches, unpackBlobResult } from './records-wire';
import type { FileRecord } from '../report/types';

export interface WorkerLike {
  terminate(): void;
  addEventListener?(type: 'error', listener: (e: unknown) => void): void;
}

interface Slot {
  worker: WorkerLike;
  api: Comlink.Remote<EngineWorkerApi>;
  /** Rejects when the worker dies (script error, out of memory): Comlink alone would
   *  leave the call pending forever. */
  crashed: Promise<never>;
  /** Has run a job (not only `warm`): only then does `idleMs` end it when idle. */
  worked: boolean;
}

export interface PoolOptions {
  size: number;
  create: () => { worker: WorkerLike; endpoint: Comlink.Endpoint };
  /** How long a cancelled job may take to stop before its worker is replaced. */
  graceMs?: number;
  /** Terminate a worker left idle this long with no job queued (a new one is started when a
   *  job comes): the CLI's threads give back their heaps once scanning is over (issue 12).
   *  A worker that was only warmed waits for its first job. Default: kept until dispose. */
  idleMs?: number;
}

let nextJob = 1;

export class WorkerPool implements JobRunner {
  readonly concurrency: number;
  private readonly idle: Slot[] = [];
  private readonly waiters: ((s: Slot) => void)[] = [];
  private readonly all = new Set<Slot>();
  private disposed = false;
  private readonly idleTimers = new Map<Slot, ReturnType<typeof setTimeout>>();

  constructor(private readonly opts: PoolOptions) {
    this.concurrency = Math.max(1, opts.size);
  }

  private spawn(): Slot {
    const { worker, endpoint } = this.opts.create();
    const crashed = new Promise<never>((_, reject) => {
      worker.addEventListener?.('error', (e) => {
        // Handled here: inside the coordinator Worker an unhandled error of a nested Worker
        // would become the coordinator's own uncaught error (HTML "runtime script errors").
        (e as { preventDefault?: () => void } | null)?.preventDefault?.();
        const msg = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : 'the worker stopped';
        reject(new TarscopeError({ code: 'internal', component: 'worker', message: `worker: ${msg}` }));
      });
    });
    crashed.catch(() => {});
    const slot: Slot = { worker, api: Comlink.wrap<EngineWorkerApi>(endpoint), crashed, worked: false };
    this.all.add(slot);
    return slot;
  }

  private acquire(): Promise<Slot> {
    if (this.disposed) return Promise.reject(new Error('engine: the worker pool was disposed'));
    const s = this.idle.pop();
    if (s) {
      clearTimeout(this.idleTimers.get(s));
      this.idleTimers.delete(s);
      return Promise.resolve(s);
    }
    if (this.all.size < this.concurrency) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(s: Slot): void {
    const w = this.waiters.shift();
    if (w) w(s);
    else {
      this.idle.push(s);
      if (this.opts.idleMs !== undefined && s.worked) this.retireLater(s, this.opts.idleMs);
    }
  }

  /** Ends an idle worker after `ms` unless a job took it (timer unref'd: it keeps no process alive). */
  private retireLater(s: Slot, ms: number): void {
    const t = setTimeout(() => {
      this.idleTimers.delete(s);
      const i = this.idle.indexOf(s);
      if (i < 0) return;
      this.idle.splice(i, 1);
      this.all.delete(s);
      s.worker.terminate();
      s.api[Comlink.releaseProxy]();
    }, ms);
    (t as { unref?: () => void }).unref?.();
    this.idleTimers.set(s, t);
  }

  private replace(s: Slot): void {
    s.worker.terminate();
    this.all.delete(s);
    s.api[Comlink.releaseProxy]();
    if (this.waiters.length && !this.disposed) this.release(this.spawn());
  }

  private async run<T>(signal: AbortSignal | undefined, call: (api: Slot['api'], jobId: number) => Promise<T>, warming = false): Promise<T> {
    if (signal?.aborted) throw cancelled();
    const slot = await this.acquire();
    if (!warming) slot.worked = true;
    const jobId = nextJob++;
    let onAbort: (() => void) | undefined;
    let settled = false;
    // The job did not stop within the grace period: its worker is still busy with it.
    let stuck = false;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void slot.api.cancel(jobId);
        // Give the job a moment to stop on its own; otherwise kill the worker.
        setTimeout(() => {
          if (settled) return;
          stuck = true;
          reject(cancelled());
        }, this.opts.graceMs ?? 1500);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      const result = await Promise.race([call(slot.api, jobId), aborted, slot.crashed]);
      this.release(slot);
      return result;
    } catch (e) {
      // A job that stopped on its own (the Worker's answer came: its call has returned, its
      // kernel run and hashers are back) leaves a worker as good as new, and a warm one: a fresh
      // Worker costs its module, the kernel, zstd-wasm and hash-wasm again (50–100 ms when the
      // page's second pick cancels the first one's inspection). A stuck or dead one is replaced.
      if (stuck || (e instanceof TarscopeError && e.component === 'worker')) this.replace(slot);
      else this.release(slot);
      throw signal?.aborted ? cancelled() : e;
    } finally {
      settled = true;
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  index(file: Blob, opts: IndexJobOptions): Promise<IndexResult> {
    const { signal, onBytes, ...mode } = opts;
    return this.run(signal, (api, id) => api.index(id, file, mode, onBytes ? Comlink.proxy(onBytes) : undefined));
  }

  scan(blob: Blob, opts: ScanJobOptions): Promise<BlobResult> {
    const { signal, onBytes, onFiles, ...rest } = opts;
    // The records arrive in batches while the Worker walks (records-wire.ts), the rest with the
    // result: to the caller's onFiles as scanBlobJob gives them, or joined with the rest.
    let batches: FileRecord[][] = [];
    const take = Comlink.proxy((json: string) => {
      const batch = JSON.parse(json) as FileRecord[];
      if (onFiles) onFiles(batch);
      else batches.push(batch);
    });
    return this.run(signal, (api, id) => {
      batches = [];
      return api.scan(id, blob, rest, onBytes ? Comlink.proxy(onBytes) : undefined, take);
    }).then((w) => joinBatches(unpackBlobResult(w), batches));
  }

  /** The wanted bytes come back transferred (the worker moves their buffers). */
  extract(blob: Blob, opts: ExtractOptions): Promise<ExtractResult> {
    const { signal, onBytes, ...rest } = opts;
    return this.run(signal, (api, id) => api.extract(id, blob, rest, onBytes ? Comlink.proxy(onBytes) : undefined));
  }

  forensics(a: ForensicsSide, b: ForensicsSide, opts: ForensicsOptions): Promise<ForensicsResult> {
    const { signal, ...rest } = opts;
    // Blobs as top-level arguments: Comlink's transfer handlers (FileBlob in Node, HttpBlob for
    // URLs) convert only those, not Blobs nested in objects.
    return this.run(signal, (api, id) => api.forensics(id, a.blob, a.info, b.blob, b.info, rest));
  }

  /** Starts every job Worker the pool may run and has each load the wasm kernel: the page warms
   *  the engine while idle (issue 14). They wait for the first run (`idleMs` does not end a worker
   *  that was only warmed: the page's files come seconds later, and a comparison's first step reads
   *  both archives at once). A failure is the first scan's to report, not this. */
  async warm(): Promise<void> {
    const starting = this.concurrency - this.all.size;
    await Promise.all(Array.from({ length: Math.max(1, starting) }, () => this.run(undefined, (api) => api.warm(), true).catch(() => {})));
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    for (const s of this.all) {
      s.worker.terminate();
      s.api[Comlink.releaseProxy]();
    }
    this.all.clear();
    this.idle.length = 0;
  }
}

function cancelled(): TarscopeError {
  return new TarscopeError({ code: 'cancelled', component: 'engine', message: 'cancelled' });
}
