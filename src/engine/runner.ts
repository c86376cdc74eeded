/** Where jobs run: a Worker pool (browser), worker_threads (CLI), or in-process (tests). */
import type { IndexResult } from './index-result';
import type { BlobResult } from './blob-sink';
import type { JobOptions, ScanJobOptions } from './jobs';
import type { ExtractOptions, ExtractResult } from './extract';
import type { ForensicsOptions, ForensicsResult, ForensicsSide } from './forensics';

export interface JobRunner {
  readonly concurrency: number;
  index(file: Blob, opts: JobOptions & { hashFiles?: boolean }): Promise<IndexResult>;
  scan(blob: Blob, opts: ScanJobOptions): Promise<BlobResult>;
  /** A few files' bytes out of one layer blob (extract.ts): content evidence. */
  extract(blob: Blob, opts: ExtractOptions): Promise<ExtractResult>;
  /** Why two blobs of the same layer differ (forensics.ts): compression evidence. */
  forensics(a: ForensicsSide, b: ForensicsSide, opts: ForensicsOptions): Promise<ForensicsResult>;
}
