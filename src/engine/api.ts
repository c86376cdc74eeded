/**
 * What the page (and later the CLI) calls. Implemented by the engine coordinator on top of
 * a pool of Workers (browser) or worker_threads (Node). Never rejects because an archive
 * is bad: the report carries the error and everything read before it.
 */
import type { InspectionReport } from '../report/types';
import type { ProgressListener } from './progress';

export interface InspectOptions {
  /** Aborting resolves the promise with the partial report, error "cancelled". */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface Engine {
  inspect(file: Blob, name: string, opts?: InspectOptions): Promise<InspectionReport>;
  /** Terminates the workers. */
  dispose(): void;
}
