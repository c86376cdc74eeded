/**
 * The page's engine: one coordinator Worker (workers/coordinator.worker.ts: the coordinators
 * inspect.ts and compare.ts, and the pool of job Workers it starts, one per core, at most 8),
 * driven from the page over Comlink. Nothing but progress and report updates reaches the page's
 * main thread (issue 14: its long tasks were the coordinators' assembly, diff and explain steps).
 * Loaded lazily by the UI so that none of the engine, worker or wasm code is in the initial bundle.
 *
 * The page's guarantees, kept here as the pool keeps them for job Workers: a coordinator that
 * crashes rejects its runs (the UI shows a failure report) and is replaced on the next run; a
 * cancelled run resolves with its partial report, and a coordinator that does not answer a cancel
 * within `graceMs` is terminated (its job Workers with it) and the run rejects as cancelled.
 */
import * as Comlink from 'comlink';
import type { CompareOptions, Engine, HeldComparison, InspectOptions } from './api';
import type { CoordinatorApi, Deliver } from './coordinator-api';
import type { HeldSummary } from './shown-comparison';
import type { ComparisonReport } from '../compare/types';
import type { InspectionReport } from '../report/types';
import { ReportReceiver, type ReportMessage } from './report-parts';
import type { ProgressListener } from './progress';
import { TarscopeError } from '../io/errors';
import { afterPaint } from './after-paint';

export interface BrowserEngineOptions {
  /** Job Workers (default: one per core, at most 8). */
  size?: number;
  /** Starts the coordinator Worker (default: workers/coordinator.worker.ts). */
  create?: () => Worker;
  /** How long a cancelled run may take to end before its coordinator is terminated. Longer than
   *  the pool's own grace for a job (1.5 s): the coordinator waits for its jobs to stop. */
  graceMs?: number;
}

/** The Engine, and warm(): the coordinator and its job Workers started, each with the wasm kernel. */
export interface BrowserEngine extends Engine {
  warm(): Promise<void>;
  held(report: ComparisonReport): HeldComparison | null;
}

interface Coordinator {
  worker: Worker;
  api: Comlink.Remote<CoordinatorApi>;
  /** Rejects when the Worker dies (script error, out of memory): Comlink alone would leave its
   *  calls pending forever. */
  crashed: Promise<never>;
  /** Terminated (disposed, or hung on a cancel): the comparisons it held are gone with it. */
  gone: boolean;
}

export function createEngine(options: number | BrowserEngineOptions = {}): BrowserEngine {
  const o = typeof options === 'number' ? { size: options } : options;
  const size = o.size ?? defaultSize();
  const graceMs = o.graceMs ?? 4000;
  const create =
    o.create ?? (() => new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), { type: 'module', name: 'tarscope-coordinator' }));
  let current: Coordinator | null = null;
  let nextRun = 1;
  /** The comparisons whose rest stays in a coordinator (api.ts `held`). */
  const helds = new WeakMap<object, HeldComparison>();

  function drop(c: Coordinator): void {
    c.gone = true;
    c.worker.terminate();
    c.api[Comlink.releaseProxy]();
    if (current === c) current = null;
  }

  function coordinator(): Coordinator {
    if (current) return current;
    const worker = create();
    const crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault(); // handled: the run's report says it
        reject(new TarscopeError({ code: 'internal', component: 'coordinator', message: `coordinator: the Worker stopped: ${e.message || 'no message'}` }));
      });
    });
    const c: Coordinator = { worker, api: Comlink.wrap<CoordinatorApi>(worker), crashed, gone: false };
    // A crashed coordinator is replaced by the next run.
    crashed.catch(() => drop(c));
    void c.api.init(size).catch(() => {});
    current = c;
    return c;
  }

  async function run<T>(signal: AbortSignal | undefined, call: (api: Coordinator['api'], runId: number) => Promise<T>): Promise<T> {
    const c = coordinator();
    const runId = nextRun++;
    let hung = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => {
        void c.api.cancel(runId).catch(() => {});
        timer = setTimeout(() => {
          hung = true;
          reject(cancelled());
        }, graceMs);
      };
    });
    stopped.catch(() => {});
    if (signal?.aborted) onAbort!();
    else signal?.addEventListener('abort', onAbort!, { once: true });
    try {
      return await Promise.race([call(c.api, runId), c.crashed, stopped]);
    } catch (e) {
      // A fresh coordinator is the only state we can be sure of.
      if (hung) drop(c);
      throw e;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort!);
    }
  }

  const proxied = (f?: ProgressListener) => (f ? Comlink.proxy(f) : undefined);

  /** A run whose reports arrive in parts (report-parts.ts): each part is a message, so a task of
   *  its own on the page; `onUpdate` gets each comparison refinement as it is complete. */
  async function reported<R>(
    signal: AbortSignal | undefined,
    call: (api: Coordinator['api'], runId: number, deliver: Deliver) => Promise<number>,
    onUpdate?: (r: R, ignored?: number) => void,
  ): Promise<R> {
    const receiver = new ReportReceiver();
    const c = coordinator();
    const deliver = Comlink.proxy((m: ReportMessage) => {
      const r = receiver.receive(m);
      if (r && m.kind === 'whole' && m.held) helds.set(r as object, heldComparison(c, m.id, r as ComparisonReport, m.held));
      if (r && m.kind === 'whole' && m.update) {
        onUpdate?.(r as R, m.ignored);
        // The coordinator holds new jobs until the update is on screen (coordinator-api.ts paced).
        return afterPaint();
      }
    });
    const id = await run(signal, (api, runId) => call(api, runId, deliver));
    const r = receiver.take(id);
    if (r === undefined) throw new TarscopeError({ code: 'internal', component: 'engine', message: `engine: report ${id} did not arrive` });
    return r as R;
  }

  return {
    inspect: (file: Blob, name: string, opts: InspectOptions = {}) =>
      reported<InspectionReport>(opts.signal, (api, id, deliver) => api.inspect(id, file, name, deliver, proxied(opts.onProgress))),
    // Blobs and Files by structured clone (an HttpBlob through its transfer handler: a
    // top-level argument).
    compare: (a: Blob, aName: string, b: Blob, bName: string, opts: CompareOptions = {}) =>
      reported<ComparisonReport>(
        opts.signal,
        (api, id, deliver) =>
          api.compare(id, a, aName, b, bName, { ignore: opts.ignore, verify: opts.verify, updates: !!opts.onUpdate }, deliver, proxied(opts.onProgress)),
        opts.onUpdate,
      ),
    warm: () => run(undefined, (api) => api.warm()),
    held: (report: ComparisonReport) => helds.get(report) ?? null,
    dispose: () => {
      if (current) drop(current);
    },
  };
}

/** Held report `id` in coordinator `c`: asks it, and fails clearly once `c` is gone. */
function heldComparison(c: Coordinator, id: number, shown: ComparisonReport, s: HeldSummary): HeldComparison {
  const ask = <T>(call: () => Promise<T>): Promise<T> =>
    c.gone
      ? Promise.reject(
          new TarscopeError({
            code: 'internal',
            component: 'coordinator',
            message: 'coordinator: the Worker that held this comparison has stopped: compare again',
          }),
        )
      : Promise.race([call(), c.crashed]);
  return {
    total: s.total,
    levels: s.levels,
    files: s.files,
    page: (sel, start, end) => ask(() => c.api.differences(id, sel, start, end)),
    explain: async (options) => {
      const { ignored, ...parts } = await ask(() => c.api.explain(id, options));
      return { report: { ...shown, ...parts }, ignored };
    },
    export: (format, options) => ask(() => c.api.exportReport(id, options, format)),
  };
}

function defaultSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(8, n));
}

function cancelled(): TarscopeError {
  return new TarscopeError({ code: 'cancelled', component: 'engine', message: 'cancelled' });
}
