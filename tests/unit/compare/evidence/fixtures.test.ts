/**
 * gatherEvidence on the natural pairs of the real-writer fixtures (tests/fixtures/README.md),
 * with the cost measured: skopeo gzip level 1 vs 9 (klauspost/pgzip), umoci gzip vs skopeo
 * zstd (another algorithm).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { openAsBlob } from 'node:fs';
import { imageFixtures, type ImageFixtures } from '../../../fixtures/images';
import { gatherEvidence } from '../../../../src/compare/evidence';
import { inlineRunner } from '../../../../src/engine/inline';
import { evidenceSource } from '../../../../src/engine/evidence-port';
import { compareBytes } from './support';

let fx: ImageFixtures;
beforeAll(async () => {
  fx = await imageFixtures();
}, 180_000);

async function pair(a: keyof ImageFixtures, b: keyof ImageFixtures) {
  return compareBytes(await openAsBlob(fx[a].path), await openAsBlob(fx[b].path));
}

describe('evidence on real-writer pairs', () => {
  it('skopeo gzip level 1 vs 9: XFL 4 vs 2, where the deflate streams diverge, no zlib level (pgzip is not zlib)', async () => {
    const { diff, reads } = await pair('skopeo-oci-archive-gzip1.tar', 'skopeo-oci-archive-gzip9.tar');
    const blobs = diff.differences.filter((d) => d.subject === 'layer-blob' && d.facts?.sameDiffId === true);
    expect(blobs.length).toBe(3);
    const t0 = performance.now();
    const details = await gatherEvidence(diff, evidenceSource(reads, inlineRunner()));
    const ms = performance.now() - t0;
    console.log(`forensics, 3 layer pairs (both sides tested against zlib levels): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
    for (const d of blobs) {
      const [ea, eb] = details.get(d.id)!;
      if (ea.kind !== 'compression' || eb.kind !== 'compression') throw new Error(`not compression evidence: ${ea.kind}, ${eb.kind}`);
      expect(ea.detail).toMatch(/^different deflate stream, diverging at byte \d+ of the deflate data; header XFL 4 \(fastest\) vs 2 \(max compression\); A: /);
      expect(ea.divergesAt).toBeGreaterThanOrEqual(0);
      expect(ea.matchesZlibLevel).toBeNull();
      expect(eb.matchesZlibLevel).toBeNull();
    }
  });

  it('umoci gzip vs skopeo zstd: another algorithm for every layer', async () => {
    const { diff, reads } = await pair('umoci-oci-layout.tar', 'skopeo-oci-archive-zstd.tar');
    const details = await gatherEvidence(diff, evidenceSource(reads, inlineRunner()));
    const blobs = diff.differences.filter((d) => d.subject === 'layer-blob' && d.facts?.sameDiffId === true);
    expect(blobs.length).toBeGreaterThan(0);
    for (const d of blobs)
      expect(details.get(d.id)).toEqual([{ kind: 'compression', detail: 'another algorithm: the same uncompressed layer is stored gzip in A and zstd in B' }]);
  });
});
