/**
 * What the page (and later the CLI) calls. Implemented by the engine coordinator on top of
 * a pool of Workers (browser) or worker_threads (Node). Never rejects because an archive
 * is bad: the report carries the error and everything read before it.
 */
import type { InspectionReport } from '../report/types';
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import type { ProgressListener } from './progress';
import type { DifferenceSource } from '../present/diff-selection';
import type { HeldSummary } from './shown-comparison';
import type { ExportFormat } from './coordinator-api';

export interface InspectOptions {
  /** Aborting resolves the promise with the partial report, error "cancelled". */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface CompareOptions extends InspectOptions {
  /** Ignore rules applied to the first verdict (the page can re-explain later without re-reading). */
  ignore?: IgnoreOptions;
  /**
   * Called with each refinement: first the preliminary report (structure only: outer tars,
   * index, manifests, configs, blob digests; stats.phase 'preliminary'), then the final one
   * (stats.verification.state 'pending' while digests are verified), then the verified one.
   * `ignored`: how many differences the report's own options ignore (the explainer's count), so
   * that the page need not run the explainer again to show it.
   */
  onUpdate?: (report: ComparisonReport, ignored?: number) => void;
  /** Run the background pass (default true): verify the blob digests and diff_ids the fast
   *  scan deferred and read the layers both archives share. False: the final report is the
   *  last, with stats.verification.state 'skipped' and shared layers listed without files. */
  verify?: boolean;
}

export interface Engine {
  inspect(file: Blob, name: string, opts?: InspectOptions): Promise<InspectionReport>;
  /** Compares two archives; resolves with the final report (also passed to onUpdate). */
  compare(a: Blob, aName: string, b: Blob, bName: string, opts?: CompareOptions): Promise<ComparisonReport>;
  /** Terminates the workers. */
  dispose(): void;
  /** Starts the workers and loads the wasm before the first archive (the page calls it while
   *  idle, on a capable device: src/ui/warm.ts); the browser engine has it. */
  warm?(): Promise<void>;
  /** For a comparison report this engine gave (to onUpdate or as the result): where the rest
   *  of it is, when the engine kept part of it (the browser engine keeps the differences and
   *  file listings in its coordinator Worker: src/engine/shown-comparison.ts). Null, or absent:
   *  the report is whole. */
  held?(report: ComparisonReport): HeldComparison | null;
}

/**
 * The part of a comparison the engine kept: its differences (pages of rows for the page's
 * lists), the report explained for other options, and the whole report written out.
 */
export interface HeldComparison extends DifferenceSource {
  /** Per input: its file count when it is a plain tar (the listing stayed with the engine). */
  readonly files: HeldSummary['files'];
  /** The report explained for `options`: verdict, headline, causes and the differences they list
   *  (the rest of the report as given), and how many differences the options ignore. */
  explain(options: IgnoreOptions): Promise<{ report: ComparisonReport; ignored: number }>;
  /** The whole report, explained for `options`, as the CLI writes `format`. */
  export(format: ExportFormat, options: IgnoreOptions): Promise<Blob>;
}
