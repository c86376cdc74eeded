/**
 * Compression forensics for recompressed layers (same diff_id, different blob): the port's
 * `forensics` (the engine runs it as a job: engine/forensics.ts reads the first HEAD_BYTES of
 * both blobs, then compression.ts) — in a Worker on the page, so the costly zlib-level test
 * never blocks the page. That test runs for the first `maxLevelTests` pairs only (README
 * "Measured"); the others still get the header, divergence and algorithm sentences. A pair
 * whose forensics fail is reported to the sink and the next pair is tried.
 */
import type { Difference } from '../types';
import { isAbort } from '../../io/errors';
import type { CompressionEvidence, EvidenceSource, Got } from './port';
import type { Sink } from './files';

export const MAX_LEVEL_TESTS = 4;

export async function layerEvidence(
  targets: Difference[],
  source: EvidenceSource,
  sink: Sink,
  maxLevelTests = MAX_LEVEL_TESTS,
  signal?: AbortSignal,
): Promise<void> {
  let tested = 0;
  for (const d of targets) {
    if (signal?.aborted) return;
    const a = source.layerBlob(0, d.scope.imageA, d.scope.layerA);
    const b = source.layerBlob(1, d.scope.imageB, d.scope.layerB);
    if (!a.ok || !b.ok) {
      sink.skip(
        d.id,
        [a, b]
          .map((x) => (x.ok ? '' : x.why))
          .filter(Boolean)
          .join('; '),
      );
      continue;
    }
    const zlibLevels = tested < maxLevelTests;
    let r: Got<CompressionEvidence[]>;
    try {
      r = await source.forensics(a.place, b.place, { zlibLevels, signal });
    } catch (e) {
      if (isAbort(e) || signal?.aborted) return; // a cancel is not an error
      throw e;
    }
    if (!r.ok) {
      sink.fail([d.id], r.error);
      continue;
    }
    if (zlibLevels && r.value.some((e) => e.matchesZlibLevel !== undefined)) tested++;
    if (r.value.length) sink.add(d.id, r.value);
  }
}
