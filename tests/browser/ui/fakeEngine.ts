/**
 * An in-test Engine for presenter tests of the page: it records calls, lets the test push
 * progress and decide when (and with what report) `inspect` resolves, and — like the real
 * engine — resolves with the partial report when the signal aborts. The end-to-end test
 * (tests/e2e/inspect-page.test.ts) uses the real engine.
 */
import type { Engine, InspectOptions } from '../../../src/engine/api';
import type { Progress } from '../../../src/engine/progress';
import type { InspectionReport } from '../../../src/report/types';

export interface Call {
  file: Blob;
  name: string;
  opts?: InspectOptions;
  resolve: (r: InspectionReport) => void;
}

export class FakeEngine implements Engine {
  readonly calls: Call[] = [];
  disposed = false;

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

  dispose(): void {
    this.disposed = true;
  }

  get last(): Call {
    const c = this.calls.at(-1);
    if (!c) throw new Error('FakeEngine: inspect was not called');
    return c;
  }

  progress(p: Progress): void {
    this.last.opts?.onProgress?.(p);
  }

  finish(report: InspectionReport): void {
    this.last.resolve(report);
  }
}
