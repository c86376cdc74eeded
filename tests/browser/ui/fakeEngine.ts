/**
 * An in-test Engine for presenter tests of the page: it records calls, lets the test push
 * progress and decide when (and with what report) `inspect` / `compare` resolve, and — like
 * the real engine — resolves with the partial report when the signal aborts. `compare` also
 * lets the test send the preliminary report through `onUpdate`. The end-to-end tests
 * (tests/e2e/*-page.test.ts) use the real engine.
 */
import type { CompareOptions, Engine, InspectOptions } from '../../../src/engine/api';
import type { Progress } from '../../../src/engine/progress';
import type { ComparisonReport } from '../../../src/compare/types';
import type { InspectionReport } from '../../../src/report/types';

export interface Call {
  file: Blob;
  name: string;
  opts?: InspectOptions;
  resolve: (r: InspectionReport) => void;
}

export interface CompareCall {
  a: Blob;
  aName: string;
  b: Blob;
  bName: string;
  opts?: CompareOptions;
  resolve: (r: ComparisonReport) => void;
  reject: (e: unknown) => void;
}

export class FakeEngine implements Engine {
  readonly calls: Call[] = [];
  readonly compares: CompareCall[] = [];
  disposed = false;
  /** The last report sent through onUpdate for each comparison (what a cancel resolves with). */
  private latest = new Map<CompareCall, ComparisonReport>();

  /** @param partial the report to resolve with when the run is cancelled */
  constructor(private readonly partial?: (name: string) => InspectionReport) {}

  inspect(file: Blob, name: string, opts?: InspectOptions): Promise<InspectionReport> {
    return new Promise((resolve) => {
      this.calls.push({ file, name, opts, resolve });
      opts?.signal?.addEventListener('abort', () => {
        if (this.partial) resolve(this.partial(name));
      });
    });
  }

  compare(a: Blob, aName: string, b: Blob, bName: string, opts?: CompareOptions): Promise<ComparisonReport> {
    return new Promise((resolve, reject) => {
      const call: CompareCall = { a, aName, b, bName, opts, resolve, reject };
      this.compares.push(call);
      opts?.signal?.addEventListener('abort', () => {
        const r = this.latest.get(call);
        if (r) resolve(r);
      });
    });
  }

  dispose(): void {
    this.disposed = true;
  }

  get last(): Call {
    const c = this.calls.at(-1);
    if (!c) throw new Error('FakeEngine: inspect was not called');
    return c;
  }

  get lastCompare(): CompareCall {
    const c = this.compares.at(-1);
    if (!c) throw new Error('FakeEngine: compare was not called');
    return c;
  }

  progress(p: Progress): void {
    (this.compares.at(-1)?.opts ?? this.last.opts)?.onProgress?.(p);
  }

  finish(report: InspectionReport): void {
    this.last.resolve(report);
  }

  /** Sends a report through the last comparison's onUpdate (the preliminary one, typically). */
  update(report: ComparisonReport): void {
    this.latest.set(this.lastCompare, report);
    this.lastCompare.opts?.onUpdate?.(report);
  }

  /** Ends the last comparison with its final report (passed to onUpdate too, as the engine does). */
  finishCompare(report: ComparisonReport): void {
    this.update(report);
    this.lastCompare.resolve(report);
  }
}
