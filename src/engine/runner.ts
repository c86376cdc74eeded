/** Where jobs run: a Worker pool (browser), worker_threads (CLI), or in-process (tests). */
import type { IndexResult } from './index-result';
import type { BlobResult } from './blob-sink';
import type { IndexJobOptions, ScanJobOptions } from './jobs';
import type { ExtractOptions, ExtractResult } from './extract';
import type { ForensicsOptions, ForensicsResult, ForensicsSide } from './forensics';

export interface JobRunner {
  readonly concurrency: number;
  /** The outer listing; `opts` is also the ScanRequest of the blobs it scans on its way. */
  index(file: Blob, opts: IndexJobOptions): Promise<IndexResult>;
  /** One blob, scanned as `opts` (a ScanRequest, scan-mode.ts) asks. */
  scan(blob: Blob, opts: ScanJobOptions): Promise<BlobResult>;
  /** A few files' bytes out of one layer blob (extract.ts): content evidence. */
  extract(blob: Blob, opts: ExtractOptions): Promise<ExtractResult>;
  /** Why two blobs of the same layer differ (forensics.ts): compression evidence. */
  forensics(a: ForensicsSide, b: ForensicsSide, opts: ForensicsOptions): Promise<ForensicsResult>;
}
