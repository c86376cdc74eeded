/**
 * An in-process JobRunner: the same jobs without Workers (Node tests, small tools). Jobs run
 * one at a time, as in one Worker (pool.ts): they share the module's hashers (jobs.ts), and two
 * jobs interleaving at their awaits would feed one hasher from both (an entry's data spans
 * several reads once the outer listing reads 64 KiB windows, outer-seek.ts).
 */
import type { JobRunner } from './runner';
import { indexArchive, scanBlobJob } from './jobs';
import { extractJob } from './extract';
import { forensicsJob } from './forensics';

export function inlineRunner(): JobRunner {
  let last: Promise<unknown> = Promise.resolve();
  const queued = <T>(job: () => Promise<T>): Promise<T> => {
    const run = last.then(job, job);
    last = run.catch(() => {});
    return run;
  };
  return {
    concurrency: 1,
    index: (file, opts) => queued(() => indexArchive(file, opts)),
    scan: (blob, opts) => queued(() => scanBlobJob(blob, opts)),
    extract: (blob, opts) => queued(() => extractJob(blob, opts)),
    forensics: (a, b, opts) => queued(() => forensicsJob(a, b, opts)),
  };
}
