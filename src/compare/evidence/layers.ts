/**
 * Compression forensics for recompressed layers (same diff_id, different blob): the first
 * HEAD_BYTES of both blobs, read straight from the archives (two small slices; no job),
 * then compression.ts. The zlib-level test is the costly part (README "Measured"), so it
 * runs for the first `maxLevelTests` pairs only; the others still get the header,
 * divergence and algorithm sentences.
 */
import type { ArchiveRead } from '../../engine/archive-read';
import type { Difference } from '../types';
import { readRange } from '../../io/read';
import { compressionEvidence, HEAD_BYTES } from './compression';
import { layerBlob } from './locate';
import type { Sink } from './files';

export const MAX_LEVEL_TESTS = 4;

export async function layerEvidence(targets: Difference[], reads: [ArchiveRead, ArchiveRead], sink: Sink, maxLevelTests = MAX_LEVEL_TESTS, signal?: AbortSignal): Promise<void> {
  let tested = 0;
  for (const d of targets) {
    if (signal?.aborted) return;
    const a = layerBlob(reads[0], 0, d.scope.imageA, d.scope.layerA);
    const b = layerBlob(reads[1], 1, d.scope.imageB, d.scope.layerB);
    if (!a.ok || !b.ok) {
      sink.skip(d.id, [a, b].map((x) => (x.ok ? '' : x.why)).filter(Boolean).join('; '));
      continue;
    }
    const [ha, hb] = await Promise.all([readRange(a.place.blob, 0, HEAD_BYTES), readRange(b.place.blob, 0, HEAD_BYTES)]);
    const zlibLevels = tested < maxLevelTests;
    const ev = compressionEvidence({ bytes: ha, size: a.place.size, info: a.place.info }, { bytes: hb, size: b.place.size, info: b.place.info }, { zlibLevels });
    if (zlibLevels && ev.some((e) => e.matchesZlibLevel !== undefined)) tested++;
    if (ev.length) sink.add(d.id, ev);
  }
}
