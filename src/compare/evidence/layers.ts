/**
 * Compression forensics for recompressed layers (same diff_id, different blob): a forensics
 * job on the runner (engine/forensics.ts: the first HEAD_BYTES of both blobs, then
 * compression.ts) — in a Worker on the page, so the costly zlib-level test never blocks the
 * page. That test runs for the first `maxLevelTests` pairs only (README "Measured"); the
 * others still get the header, divergence and algorithm sentences.
 */
import type { ArchiveRead } from '../../engine/archive-read';
import type { JobRunner } from '../../engine/runner';
import type { Difference } from '../types';
import { layerBlob } from './locate';
import type { Sink } from './files';

export const MAX_LEVEL_TESTS = 4;

export async function layerEvidence(
  targets: Difference[],
  reads: [ArchiveRead, ArchiveRead],
  runner: JobRunner,
  sink: Sink,
  maxLevelTests = MAX_LEVEL_TESTS,
  signal?: AbortSignal,
): Promise<void> {
  let tested = 0;
  for (const d of targets) {
    if (signal?.aborted) return;
    const a = layerBlob(reads[0], 0, d.scope.imageA, d.scope.layerA);
    const b = layerBlob(reads[1], 1, d.scope.imageB, d.scope.layerB);
    if (!a.ok || !b.ok) {
      sink.skip(d.id, [a, b].map((x) => (x.ok ? '' : x.why)).filter(Boolean).join('; '));
      continue;
    }
    const zlibLevels = tested < maxLevelTests;
    const ev = await runner.forensics({ blob: a.place.blob, info: a.place.info }, { blob: b.place.blob, info: b.place.info }, { zlibLevels, signal });
    if (zlibLevels && ev.some((e) => e.matchesZlibLevel !== undefined)) tested++;
    if (ev.length) sink.add(d.id, ev);
  }
}
