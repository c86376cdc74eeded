/** An in-process JobRunner: the same jobs without Workers (Node tests, small tools). */
import type { JobRunner } from './runner';
import { indexArchive, scanBlobJob } from './jobs';
import { extractJob } from './extract';
import { forensicsJob } from './forensics';

export function inlineRunner(): JobRunner {
  return {
    concurrency: 1,
    index: (file, opts) => indexArchive(file, opts),
    scan: (blob, opts) => scanBlobJob(blob, opts),
    extract: (blob, opts) => extractJob(blob, opts),
    forensics: (a, b, opts) => forensicsJob(a, b, opts),
  };
}
