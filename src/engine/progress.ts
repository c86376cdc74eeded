/** Progress events sent from the engine to whoever shows them. */
export interface Progress {
  /** 'index' (reading the structure), 'layers' (deep scan), 'verify' (a comparison's digest
   *  verification after the final report, with its own byte totals), 'done' */
  phase: 'index' | 'layers' | 'verify' | 'done';
  bytesDone: number;
  bytesTotal: number;
  /** bytes per second, averaged since the start */
  rate: number;
  elapsedMs: number;
  /** What is being read now, e.g. "layer 3 of 8 (blobs/sha256/ab12…)". */
  detail?: string;
}

export type ProgressListener = (p: Progress) => void;
