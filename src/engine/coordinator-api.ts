/**
 * The coordinator Worker's API: the page's `Engine` (api.ts) run off the page's main thread.
 * workers/coordinator.worker.ts exposes it over Comlink and owns the job Workers (a WorkerPool of
 * workers/engine.worker.ts, nested dedicated Workers); browser.ts is the page's side. Declared
 * here, like worker-api.ts, so that browser.ts wraps it with a type-only import of the engine.
 *
 * Why a Worker: the coordinators assemble each archive's report (`toInput`: merge, efficiency,
 * layer changes), diff and explain — 50–200 ms steps for 20,000 changed files, long tasks on the
 * page's main thread even when yielding between them (docs/benchmarks.md "Responsiveness").
 *
 * What crosses to the page: progress (~10 a second, progress-tracker.ts) and each report, in
 * parts (report-parts.ts: the structured clone of a large report in one message was a long task
 * on the page), through the page's `deliver` callback; a run resolves with the id of its result,
 * which is usually the last update already sent, so the largest report crosses once. An AbortSignal
 * cannot cross postMessage: `cancel(runId)` aborts the run, which then resolves with the partial
 * report as the coordinators do.
 */
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import { explainFor, sameOptions } from '../compare/reexplain';
import { DifferenceIndex, type DiffPage, type DiffSelection } from '../present/diff-selection';
import { writeJson } from '../present/json-chunks';
import { listed, shownComparison, type HeldSummary } from './shown-comparison';
import type { ProgressListener } from './progress';
import type { JobRunner } from './runner';
import { inspectArchive } from './inspect';
import { compareArchives, ignoredCount } from './compare';
import { evidenceHooks } from './evidence-hook';
import { explain } from '../compare/explain';
import { ReportSender, type ReportMessage } from './report-parts';

/** The job Workers as the coordinator needs them: pool.ts `WorkerPool`. */
export interface CoordinatorPool extends JobRunner {
  /** Starts the job Workers and loads their wasm kernel (nothing else). */
  warm(): Promise<void>;
  dispose(): void;
}

/** What a comparison takes besides the two archives (api.ts CompareOptions without callbacks and signal). */
export interface CompareRunOptions {
  ignore?: IgnoreOptions;
  verify?: boolean;
  /** Send each refinement (the page listens: api.ts onUpdate); false: only the result crosses. */
  updates?: boolean;
}

export function coordinatorApi(createPool: (size: number) => CoordinatorPool) {
  let pool: CoordinatorPool | null = null;
  let size = 2;
  let nextReport = 1;
  const runs = new Map<number, AbortController>();
  const jobs = (): CoordinatorPool => (pool ??= createPool(size));
  /** The comparisons the page shows, whole (shown-comparison.ts): the last two reports sent
   *  by the newest run (the page may still ask about the one before while it takes the next).
   *  A new run lets them go: the page shows only the newest run. */
  const held = new Map<number, Held>();
  const hold = (id: number, report: ComparisonReport): Held => {
    const h: Held = { report, index: new DifferenceIndex(report.differences), explained: null };
    held.set(id, h);
    for (const k of held.keys()) if (held.size > 2) held.delete(k);
    return h;
  };
  const heldReport = (id: number): Held => {
    const h = held.get(id);
    if (!h) throw new Error(`report ${id} is no longer held (a newer comparison replaced it): compare again`);
    return h;
  };

  /** Runs `run` with the signal `cancel(runId)` aborts, a `send` that delivers a report in parts
   *  (report-parts.ts) and the job Workers behind a gate (`paced`); resolves with the id of the
   *  result, once the page has every part. */
  async function withRun<T extends object>(
    runId: number,
    deliver: Deliver,
    run: (signal: AbortSignal, send: Send, runner: JobRunner) => Promise<T>,
  ): Promise<number> {
    const ac = new AbortController();
    runs.set(runId, ac);
    held.clear();
    // Every part is acknowledged by the page; waited for before the run resolves, because the
    // answers come through their own port and the result must not overtake them.
    const sent: Promise<unknown>[] = [];
    // Weakly: the coordinator lets a superseded report go (compare.ts), so does this.
    let last: { id: number; report: WeakRef<object> } | null = null;
    let taken: Promise<unknown> = Promise.resolve();
    const sender = new ReportSender();
    const send: Send = (value, update, ignored) => {
      const id = nextReport++;
      // A comparison stays here whole; the page gets what it shows (shown-comparison.ts).
      let shown: object = value;
      let summary: HeldSummary | undefined;
      if (isComparison(value)) {
        const h = hold(id, value);
        shown = shownComparison(value);
        summary = { total: h.index.total, levels: h.index.levels, files: [fileCount(value, 0), fileCount(value, 1)] };
      }
      // Each message is posted as it is made: the page parses the first parts while the
      // coordinator makes the next ones.
      const acks: Promise<unknown>[] = [];
      for (const m of sender.messages(id, shown, update, ignored, summary)) acks.push(Promise.resolve(deliver(m)).catch(() => {}));
      sent.push(...acks);
      // The page acknowledges an update's whole after its next paint (browser.ts).
      if (update) taken = Promise.race([Promise.all(acks), sleep(TAKE_MAX_MS)]);
      last = { id, report: new WeakRef(value) };
      return id;
    };
    try {
      const result = await run(
        ac.signal,
        send,
        paced(jobs(), () => taken),
      );
      const l = last as { id: number; report: WeakRef<object> } | null;
      const id = l && l.report.deref() === result ? l.id : send(result, false);
      await Promise.all(sent);
      return id;
    } finally {
      runs.delete(runId);
    }
  }

  return {
    /** The number of job Workers; sent first, before any run (messages on one port keep their order). */
    init(workers: number): void {
      size = Math.max(1, workers);
    },
    /** Resolves with the id of the report delivered through `deliver` (an InspectionReport). */
    inspect(runId: number, file: Blob, name: string, deliver: Deliver, onProgress?: ProgressListener): Promise<number> {
      return withRun(runId, deliver, (signal, _send, runner) => inspectArchive(runner, file, name, { signal, onProgress }));
    },
    /** Each refinement goes to `deliver` (`update: true`); resolves with the id of the final
     *  ComparisonReport, usually the last update (then not sent again). */
    compare(
      runId: number,
      a: Blob,
      aName: string,
      b: Blob,
      bName: string,
      opts: CompareRunOptions,
      deliver: Deliver,
      onProgress?: ProgressListener,
    ): Promise<number> {
      return withRun(runId, deliver, (signal, send, runner) => {
        // The explainer's count of what the options ignore, computed here so that the page
        // does not run the explainer to show it (a whole run: ~50–200 ms for 20,000
        // differences, on a cold explainer up to a second of the page's main thread).
        const { updates, ...rest } = opts;
        const onUpdate = updates === false ? undefined : (r: ComparisonReport) => void send(r, true, ignoredBy(r));
        return compareArchives(runner, a, aName, b, bName, { ...rest, signal, onProgress, onUpdate }, evidenceHooks(runner));
      });
    },
    cancel(runId: number): void {
      runs.get(runId)?.abort();
    },
    /** Rows `start`…`end` of a selection of held report `id`'s differences (the page's lists). */
    differences(id: number, sel: DiffSelection, start: number, end: number): DiffPage {
      return heldReport(id).index.page(sel, start, end);
    },
    /** Held report `id` explained for `options` (the page's ignore options), as the page shows
     *  it: verdict, headline, causes (content evidence carried over) and the differences they
     *  list; with the explainer's ignored count. */
    explain(id: number, options: IgnoreOptions): Reexplained {
      const h = heldReport(id);
      const { report, ignored } = reexplained(h, options);
      return {
        options,
        verdict: report.verdict,
        headline: report.headline,
        causes: report.causes,
        differences: listed(report.causes, report.differences),
        ignored,
      };
    },
    /** Held report `id`, whole, explained for `options`, written as the CLI writes it: JSON
     *  (in ~64 KiB pieces, never one string: src/present/json-chunks.ts), HTML or Markdown. */
    async exportReport(id: number, options: IgnoreOptions, format: ExportFormat): Promise<Blob> {
      const h = heldReport(id);
      // With the report's own options it is written as it is: no explainer run just for a count.
      const report = sameOptions(options, h.report.options) ? h.report : reexplained(h, options).report;
      if (format === 'json') {
        const pieces: string[] = [];
        writeJson(report, (p) => pieces.push(p));
        return new Blob(pieces, { type: 'application/json' });
      }
      if (format === 'html') return new Blob([(await import('../present/html')).presentHtml(report)], { type: 'text/html;charset=utf-8' });
      return new Blob([(await import('../present/markdown')).presentMarkdown(report)], { type: 'text/markdown;charset=utf-8' });
    },
    /** While the page is idle (issue 14): the job Workers started, each with its wasm kernel compiled. */
    warm(): Promise<void> {
      return jobs().warm();
    },
    ping(): string {
      return 'pong';
    },
  };
}

type Send = (report: object, update: boolean, ignored?: number) => number;

interface Held {
  report: ComparisonReport;
  index: DifferenceIndex;
  /** The last re-explanation (the page asks for it, then exports it). */
  explained: { options: IgnoreOptions; report: ComparisonReport; ignored: number } | null;
}

/** A held report explained for the page's options (the last one remembered). */
function reexplained(h: Held, options: IgnoreOptions): { report: ComparisonReport; ignored: number } {
  if (h.explained && sameOptions(h.explained.options, options)) return h.explained;
  const e = explainFor(h.report, options, explain);
  h.explained = { options, report: e.report, ignored: e.ignored ?? 0 };
  return h.explained;
}

/** What `explain()` answers: the parts of the shown report that the options change. */
export type Reexplained = Pick<ComparisonReport, 'options' | 'verdict' | 'headline' | 'causes' | 'differences'> & { ignored: number };

export type ExportFormat = 'json' | 'html' | 'markdown';

function isComparison(v: object): v is ComparisonReport {
  return (v as { kind?: unknown }).kind === 'comparison';
}

function fileCount(r: ComparisonReport, side: 0 | 1): number | null {
  return r.inputs[side].files?.length ?? null;
}

/** How long the jobs wait, at most, for the page to take in a report (a hidden tab paints nothing). */
const TAKE_MAX_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The runner, its new jobs held until the page has taken in the last report sent (its parts
 * deserialized, rendered, painted). On a machine with few cores the job Workers (and the
 * verification they start right after the final report) would otherwise take the CPU from the
 * page's main thread while it renders: a 150 ms render measured 250–550 ms long on 2 cores.
 * Jobs already running go on; a run waits a moment (~ the page's render) once per update.
 */
function paced(runner: JobRunner, taken: () => Promise<unknown>): JobRunner {
  // A cancelled job does not wait: the runner rejects it at once, and the run ends.
  const after = <R>(signal: AbortSignal | undefined, job: () => Promise<R>): Promise<R> =>
    (signal?.aborted ? Promise.resolve() : Promise.race([taken(), aborted(signal)])).then(job);
  return {
    concurrency: runner.concurrency,
    index: (file, opts) => after(opts.signal, () => runner.index(file, opts)),
    scan: (blob, opts) => after(opts.signal, () => runner.scan(blob, opts)),
    extract: (blob, opts) => after(opts.signal, () => runner.extract(blob, opts)),
    forensics: (a, b, opts) => after(opts.signal, () => runner.forensics(a, b, opts)),
  };
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
}

/** The explainer's count for `r`: the coordinator's own when it built `r`, else explained again. */
function ignoredBy(r: ComparisonReport): number {
  const known = ignoredCount(r);
  if (known !== undefined) return known;
  return explain({ differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes }, r.inputs[0], r.inputs[1], r.options).ignored;
}

/** The page's receiver of report messages (a Comlink proxy): report-parts.ts ReportReceiver. */
export type Deliver = (m: ReportMessage) => unknown;

export type CoordinatorApi = ReturnType<typeof coordinatorApi>;
