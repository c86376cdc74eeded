/**
 * The page's one running job — an inspection of one archive or a comparison of two — and its
 * results: progress, the inspection report, or the comparison report (the preliminary one,
 * then the final one, as the engine refines it). Starting a job aborts the previous one, and
 * a late answer from an aborted job never replaces the current state.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Engine, HeldComparison } from '../engine/api';
import type { Progress } from '../engine/progress';
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import type { InspectionReport } from '../report/types';
import { comparisonStatus, failedComparison } from './compareRun';
import { failureReport, finishedStatus, type RunStatus } from './run';
import type { Source } from './sources';
import { capableDevice, whenIdle } from './warm';

export interface RunState {
  status: RunStatus;
  kind: 'inspect' | 'compare' | null;
  /** What is being read: "a.tar" or "a.tar vs b.tar". */
  label: string;
  progress: Progress | null;
  inspection: InspectionReport | null;
  comparison: ComparisonReport | null;
  /** Where the rest of `comparison` is when the engine kept part of it (api.ts `held`): its
   *  differences, re-explaining, exports. Null: `comparison` is whole. */
  held: HeldComparison | null;
  /** A comparison's digest verification, running after its final report is shown (the run's
   *  status is then already done: the report is complete for what it compares). */
  verifying: Progress | null;
  /** How many differences `comparison`'s own options ignore, when the engine said (api.ts
   *  onUpdate): the page then shows it without running the explainer. */
  ignored: number | null;
}

export const IDLE: RunState = {
  status: 'idle',
  kind: null,
  label: '',
  progress: null,
  inspection: null,
  comparison: null,
  held: null,
  verifying: null,
  ignored: null,
};

/**
 * The engine code (workers, wasm) is not in the initial bundle: it is imported the first
 * time an archive is opened. The import is memoised by the module system; a failed import
 * is retried on the next archive.
 */
async function loadBrowserEngine(): Promise<Engine> {
  const { createEngine } = await import('../engine/browser');
  return createEngine();
}

/** How often the digest verification's progress is shown (it runs for seconds in the background). */
export const VERIFY_TICK_MS = 500;

export function useRun(engine?: Engine) {
  const [run, setRun] = useState<RunState>(IDLE);
  const own = useRef<Promise<Engine> | null>(null);
  const current = useRef<{ id: number; controller: AbortController } | null>(null);
  const nextId = useRef(0);
  const loaded = useRef(!!engine);
  /** Where a run that rejected failed: loading the engine's code, or the engine itself. */
  const component = () => (loaded.current ? 'engine' : 'page: loading the engine');

  function getEngine(): Promise<Engine> {
    if (engine) return Promise.resolve(engine);
    if (!own.current) {
      own.current = loadBrowserEngine();
      own.current.then(
        () => (loaded.current = true),
        () => (own.current = null),
      );
    }
    return own.current;
  }

  /** Aborts what runs and registers a new job; returns its signal and a "still current?" test. */
  function begin() {
    current.current?.controller.abort();
    const id = ++nextId.current;
    const controller = new AbortController();
    current.current = { id, controller };
    const isCurrent = () => current.current?.id === id;
    let shownVerify = Number.NEGATIVE_INFINITY;
    const onProgress = (p: Progress) => {
      if (!isCurrent()) return;
      if (p.phase === 'verify') {
        // The background verification's line, at most every VERIFY_TICK_MS: each update lays out
        // and paints the page under a large report (~10 ms a tick on the 1 GB pair), a third busy
        // thread beside the two hashing Workers on 2 cores.
        const now = performance.now();
        if (now - shownVerify < VERIFY_TICK_MS && p.bytesDone < p.bytesTotal) return;
        shownVerify = now;
        setRun((r) => (r.verifying ? { ...r, verifying: p } : r));
      } else setRun((r) => (r.status === 'working' ? { ...r, progress: p } : r));
    };
    return { controller, isCurrent, onProgress };
  }

  async function inspect(s: Source) {
    const { controller, isCurrent, onProgress } = begin();
    setRun({ ...IDLE, status: 'working', kind: 'inspect', label: s.name });
    let report: InspectionReport;
    try {
      const e = await getEngine();
      report = await e.inspect(s.blob, s.name, { signal: controller.signal, onProgress });
    } catch (err) {
      report = failureReport(s.name, s.size, err, component());
    }
    if (!isCurrent()) return;
    current.current = null;
    setRun({ ...IDLE, status: finishedStatus(report, controller.signal.aborted), kind: 'inspect', label: s.name, inspection: report });
  }

  async function compare(a: Source, b: Source, ignore: IgnoreOptions) {
    const { controller, isCurrent, onProgress } = begin();
    const label = `${a.name} vs ${b.name}`;
    setRun({ ...IDLE, status: 'working', kind: 'compare', label });
    let report: ComparisonReport;
    let latest: ComparisonReport | null = null;
    let latestIgnored: number | null = null;
    let verifying = false;
    let e: Engine | null = null;
    const heldOf = (r: ComparisonReport) => e?.held?.(r) ?? null;
    try {
      e = await getEngine();
      report = await e.compare(a.blob, a.name, b.blob, b.name, {
        signal: controller.signal,
        onProgress,
        ignore,
        onUpdate: (r, ignored) => {
          latest = r;
          latestIgnored = ignored ?? null;
          if (!isCurrent()) return;
          // The preliminary report: shown at once, while the deep comparison goes on.
          if (r.stats.phase === 'preliminary') setRun((s) => (s.status === 'working' ? { ...s, comparison: r, held: heldOf(r), ignored: latestIgnored } : s));
          // The final report, while the digests are verified in the background: the run is
          // done for the person reading it (export works); the verification has its own line.
          else if (r.stats.verification.state === 'pending') {
            verifying = true;
            const t = r.stats.verification.bytesTotal;
            setRun({
              ...IDLE,
              status: comparisonStatus(r, false),
              kind: 'compare',
              label,
              comparison: r,
              held: heldOf(r),
              ignored: latestIgnored,
              verifying: { phase: 'verify', bytesDone: 0, bytesTotal: t, rate: 0, elapsedMs: 0 },
            });
          }
        },
      });
    } catch (err) {
      // Cancelled while reading: what was compared before still stands.
      report = controller.signal.aborted && latest ? latest : failedComparison(a, b, err, component(), ignore);
    }
    if (!isCurrent()) return;
    current.current = null;
    // Stopping the verification does not make the comparison a cancelled one.
    const ignored = report === latest ? latestIgnored : null;
    setRun({
      ...IDLE,
      status: comparisonStatus(report, controller.signal.aborted && !verifying),
      kind: 'compare',
      label,
      comparison: report,
      held: heldOf(report),
      ignored,
    });
  }

  function cancel() {
    current.current?.controller.abort();
  }

  function clear() {
    cancel();
    current.current = null;
    setRun(IDLE);
  }

  // Warm the page's own engine while idle, unless a run has begun (src/ui/warm.ts).
  useEffect(() => {
    if (engine || !capableDevice()) return;
    return whenIdle(() => {
      if (nextId.current === 0)
        getEngine()
          .then((e) => e.warm?.())
          .catch(() => {});
    });
  }, []);

  useEffect(
    () => () => {
      current.current?.controller.abort();
      own.current?.then((e) => e.dispose()).catch(() => {});
    },
    [],
  );

  return { run, inspect, compare, cancel, clear };
}
