/**
 * Helpers for the evidence tests: two archives (bytes) → the engine's reads (inline runner,
 * the same steps compare.ts runs) → the differ's result, so gatherEvidence is tested on the
 * shapes it really gets. Real compressors are run through `spawnSync` with stdin.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { inlineRunner } from '../../../../src/engine/inline';
import { readLayers, readStructure, toInput, type ArchiveRead } from '../../../../src/engine/archive-read';
import { ProgressTracker } from '../../../../src/engine/progress-tracker';
import { diffInputs } from '../../../../src/compare/diff';
import type { DiffResult } from '../../../../src/compare/types';
import type { JobRunner } from '../../../../src/engine/runner';
import type { ImageHooks } from '../../../builders/image';
export { noise } from '../../../builders/noise';

export const sha256 = (b: Uint8Array) => 'sha256:' + createHash('sha256').update(b).digest('hex');
export const hooks: ImageHooks = { sha256 };

/** Runs a compressor on `input` (argv[0] and its flags) and returns its stdout. */
export function run(argv: string[], input: Uint8Array): Uint8Array {
  const r = spawnSync(argv[0], argv.slice(1), { input, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return new Uint8Array(r.stdout);
}

export async function compareBytes(
  a: Uint8Array | Blob,
  b: Uint8Array | Blob,
  runner: JobRunner = inlineRunner(),
  /** The comparison's own fast scan (compare.ts): differing blobs only, files by XXH64. */
  fast = false,
): Promise<{ diff: DiffResult; reads: [ArchiveRead, ArchiveRead] }> {
  const blob = (x: Uint8Array | Blob) => (x instanceof Blob ? x : new Blob([x as Uint8Array<ArrayBuffer>]));
  const progress = new ProgressTracker(0);
  const reads = (await Promise.all([readStructure(runner, blob(a), 'a.tar', progress), readStructure(runner, blob(b), 'b.tar', progress)])) as [
    ArchiveRead,
    ArchiveRead,
  ];
  await readLayers(runner, reads, progress, undefined, fast ? { share: true, fast: true } : {});
  const diff = diffInputs(toInput(reads[0], 0), toInput(reads[1], 0));
  return { diff, reads };
}
