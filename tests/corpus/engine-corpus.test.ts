/**
 * Every real third-party archive in ../shared/corpus-real (see its SOURCES.md) is inspected
 * without a crash, its report validates, and every digest and diff_id it carries is
 * verified. Runs only when that folder exists; the archives are never copied here.
 */
import { describe, it, expect } from 'vitest';
import { openAsBlob, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, hasCorpus } from '../support/tools';
import { inspectArchive } from '../../src/engine/inspect';
import { inlineRunner } from '../../src/engine/inline';
import { inspectionSchemaErrors } from '../support/schema';

const files = hasCorpus
  ? readdirSync(CORPUS)
      .filter((f) => /\.tar(\.gz)?$/.test(f))
      .sort()
  : [];

/** What SOURCES.md says cannot be read as an image; everything else must verify cleanly. */
const NOT_IMAGES: Record<string, RegExp> = {
  'ggcr__null_manifest.tar': /manifest\.json/,
};
const PLAIN = new Set(['dive__test-gzip-image.tar']);
/**
 * Real defects in real archives, checked independently with sha256sum: the config of
 * source_image_with_empty_layer_history was edited by hand (history gained an empty_layer
 * entry, SOURCES.md) and kept its old name, so its bytes no longer match the digest in it.
 */
const KNOWN_MISMATCH: Record<string, { kind: string; expected: string }[]> = {
  'ggcr__source_image_with_empty_layer_history.tar': [
    { kind: 'blob-digest', expected: 'sha256:6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e' },
  ],
};

describe.runIf(hasCorpus)('corpus-real archives', () => {
  it('has the archives SOURCES.md lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(24);
  });

  for (const f of files) {
    it(f, async () => {
      const report = await inspectArchive(inlineRunner(), await openAsBlob(join(CORPUS, f)), f);
      expect(inspectionSchemaErrors(report)).toEqual([]);
      const input = report.inputs[0];
      if (NOT_IMAGES[f]) {
        expect(input.error).toMatch(NOT_IMAGES[f]);
        return;
      }
      expect(input.error).toBeNull();
      if (PLAIN.has(f)) {
        expect(input.format.layout).toBe('plain');
        expect(input.files?.length).toBeGreaterThan(0);
        return;
      }
      expect(input.format.layout).not.toBe('plain');
      expect(input.images.length).toBeGreaterThan(0);
      expect(input.integrity.done).toBe(true);
      const failed = input.integrity.checks.filter((c) => !c.ok);
      expect(failed.map((c) => ({ kind: c.kind, expected: c.expected }))).toEqual(KNOWN_MISMATCH[f] ?? []);
      // Digests and diff_ids were verified, not just present.
      const kinds = new Set(input.integrity.checks.map((c) => c.kind));
      expect(kinds.has('diff-id')).toBe(true);
      for (const img of input.images.filter((i) => i.kind === 'image')) {
        for (const l of img.layers) {
          expect(l.computed.diffId, `${f} layer ${l.index}`).toBe(l.diffId);
          if (l.digest) expect(l.computed.blobSha256).toBe(l.digest);
          expect(l.error).toBeNull();
        }
      }
    });
  }
});
