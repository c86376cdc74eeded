/**
 * The engine on archives written by real writers (umoci, skopeo, GNU tar, gzip, pigz,
 * zstd): every fact the fixture expectations record — read back from the writers' own
 * files by independent tools — must be what tarscope reports.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { openAsBlob } from 'node:fs';
import { imageFixtures, FIXTURE_NAMES, type ImageFixtures, type ArchiveExpect } from '../../fixtures/images';
import { inspectArchive } from '../../../src/engine/inspect';
import { inlineRunner } from '../../../src/engine/inline';
import { normalizePath } from '../../../src/formats/tar/normalize';
import type { InputReport } from '../../../src/report/types';
import { inspectionSchemaErrors } from '../../support/schema';

let fx: ImageFixtures;
beforeAll(async () => {
  fx = await imageFixtures();
}, 180_000);

async function inspectFile(path: string): Promise<InputReport> {
  const blob = await openAsBlob(path);
  const report = await inspectArchive(inlineRunner(), blob, path.split('/').pop()!);
  expect(inspectionSchemaErrors(report)).toEqual([]);
  return report.inputs[0];
}

const layoutOf: Record<ArchiveExpect['layout'], string[]> = {
  oci: ['oci', 'docker-oci'],
  docker: ['docker-legacy'],
  plain: ['plain'],
};

describe('engine on real-writer fixtures', () => {
  for (const name of FIXTURE_NAMES) {
    it(name, async () => {
      const { path, expect: ex } = fx[name];
      const input = await inspectFile(path);
      expect(input.error).toBeNull();
      expect(input.size).toBe(ex.size);
      expect(layoutOf[ex.layout]).toContain(input.format.layout);
      expect(input.format.outerCompression?.algorithm).toBe(ex.outerCompression);
      if (ex.gzipMembers && input.format.outerCompression?.algorithm === 'gzip') {
        expect(input.format.outerCompression.members.map((m) => [m.compressedSize, m.uncompressedSize])).toEqual(
          ex.gzipMembers.map((m) => [m.compressedSize, m.uncompressedSize]),
        );
      }
      expect(input.entries.map((e) => e.rawName)).toEqual(ex.entries.map((e) => e.path));
      if (ex.layout === 'plain') {
        const got = Object.fromEntries((input.files ?? []).filter((f) => f.sha256).map((f) => [normalizePath(f.path), f.sha256]));
        const want = Object.fromEntries(Object.entries(ex.files ?? {}).map(([p, h]) => [normalizePath(p), h.replace(/^sha256:/, '')]));
        expect(got).toEqual(want);
        return;
      }
      const images = input.images.filter((i) => i.kind === 'image');
      expect(images.length).toBe(ex.imageCount);
      for (const want of ex.images) {
        const img = images.find((i) => i.config.digest === want.configDigest && (want.tags.length === 0 || want.tags.every((t) => i.tags.includes(t))));
        expect(img, `image ${want.tags.join(',')} ${want.configDigest}`).toBeDefined();
        if (!img) continue;
        if (want.manifestDigest) expect(img.manifest?.digest).toBe(want.manifestDigest);
        expect(img.created).toBe(want.created);
        expect(img.os).toBe(want.os);
        expect(img.architecture).toBe(want.architecture);
        expect(img.history.length).toBe(want.historyCount);
        expect(img.layers.length).toBe(want.layers.length);
        want.layers.forEach((wl, i) => {
          const l = img.layers[i];
          expect(l.digest).toBe(wl.digest);
          expect(l.size).toBe(wl.size);
          if (wl.mediaType) expect(l.mediaType).toBe(wl.mediaType);
          expect(l.compression?.algorithm).toBe(wl.compression === 'zstd:chunked' ? 'zstd' : wl.compression);
          expect(l.computed.diffId).toBe(wl.diffId);
          expect(l.diffId).toBe(want.diffIds[i]);
          expect(l.fileCount).toBe(wl.entryCount);
          const files = Object.fromEntries(l.files.filter((f) => f.type === 'file').map((f) => [f.path, f.sha256]));
          for (const [p, h] of Object.entries(wl.files)) expect(files[normalizePath(p)], p).toBe(h.replace(/^sha256:/, ''));
          const wh = l.files.filter((f) => f.whiteout === 'file').map((f) => f.path);
          expect(wh.sort()).toEqual(wl.whiteouts.map(normalizePath).sort());
        });
      }
      const failed = input.integrity.checks.filter((c) => !c.ok);
      expect(input.integrity.done).toBe(true);
      if (!ex.notes?.some((n) => /diff_id/i.test(n) && /match|broke/i.test(n))) expect(failed).toEqual([]);
    });
  }
});
