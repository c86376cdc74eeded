/**
 * dive's efficiency figures (src/image/efficiency.ts). The expected values on dive's test image
 * are dive's own assertions, not numbers read off tarscope:
 *  - wagoodman/dive `dive/image/docker/image_archive_analysis_test.go`, Test_Analysis, line 17:
 *    `"docker-image": {0.9844212134184309, 1220598, 66237, 32025, 0.4834911001404049, …}`
 *    (efficiency, sizeBytes, userSizeBytes, wastedBytes, wastedPercent);
 *  - `runtime/export/export_test.go`, Test_Export: the inefficient files /root/saved.txt
 *    (count 2, 12810 bytes), /root/example/somefile1.txt (2, 12810), /root/example/somefile3.txt
 *    (2, 6405);
 *  - `dive/filetree/efficiency_test.go`, TestEfficency (score 0.75, one match
 *    /etc/nginx/nginx.conf of 7000) and TestEfficency_ScratchImage (score 1, no match): the
 *    built cases below.
 * The real archive is ../shared/corpus-real/dive__test-docker-image.tar (dive's .data file).
 */
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineRunner } from '../../../src/engine/inline';
import { inspectArchive } from '../../../src/engine/inspect';
import { imageEfficiency } from '../../../src/image/efficiency';
import type { FileRecord } from '../../../src/report/types';
import { inspectionSchemaErrors } from '../../support/schema';
import { CORPUS, hasCorpus } from '../../support/tools';

function rec(path: string, size = 0, type: FileRecord['type'] = 'file'): FileRecord {
  return {
    path,
    rawName: path,
    type,
    typeflag: type === 'dir' ? '5' : '0',
    size,
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    mtime: 0,
    format: 'ustar',
    offset: 0,
    index: 0,
  };
}

describe('imageEfficiency (dive definitions)', () => {
  it("dive's TestEfficency: a whiteout of an implied directory counts 0; score 0.75, one match of 7000", () => {
    const e = imageEfficiency([
      [rec('etc/nginx/nginx.conf', 2000), rec('etc/nginx/public', 3000)],
      [rec('etc/nginx/nginx.conf', 5000), rec('etc/athing', 10000)],
      [rec('etc/.wh.nginx')],
    ]);
    expect(e.score).toBe(0.75);
    expect(e.topWasted).toEqual([{ path: 'etc/nginx/nginx.conf', count: 2, size: 7000, layers: [0, 1] }]);
    expect(e.wastedBytes).toBe(7000);
  });

  it("dive's TestEfficency_ScratchImage: score 1, nothing wasted", () => {
    const e = imageEfficiency([[rec('nothing', 0)], [], []]);
    expect(e.score).toBe(1);
    expect(e.topWasted).toEqual([]);
    expect(e.wastedBytes).toBe(0);
    expect(e.userWastedPercent).toBeNull();
  });

  it('a whiteout of an explicit directory counts every size under it in the layers below', () => {
    const e = imageEfficiency([[rec('d', 0, 'dir'), rec('d/a', 100), rec('d/b', 50)], [rec('d', 0, 'dir'), rec('d/a', 10)], [rec('.wh.d')]]);
    // d: one leaf (the whiteout) of 10 + 50; d/a: 100 + 10 (min 10); d/b: 50.
    expect(e.wastedBytes).toBe(110);
    expect(e.score).toBe((60 + 10 + 50) / (60 + 110 + 50));
    expect(e.userSizeBytes).toBe(10);
    expect(e.userWastedPercent).toBe(11);
  });

  it('a layer that only implies a directory leaves it headerless below, so its whiteout counts 0 (as in dive)', () => {
    const e = imageEfficiency([[rec('d', 0, 'dir'), rec('d/a', 100), rec('d/b', 50)], [rec('d/a', 10)], [rec('.wh.d')]]);
    expect(e.wastedBytes).toBe(110);
    expect(e.score).toBe((0 + 10 + 50) / (0 + 110 + 50));
  });

  it('opaque markers are not paths (dive ignores them); directories are leaves only when empty', () => {
    const e = imageEfficiency([
      [rec('d', 0, 'dir'), rec('d/x', 5)],
      [rec('d', 0, 'dir'), rec('d/.wh..wh..opq'), rec('d/y', 7)],
    ]);
    expect(e.wastedBytes).toBe(0);
    expect(e.score).toBe(1);
  });
});

describe.skipIf(!hasCorpus)("dive's test image (dive__test-docker-image.tar)", () => {
  it("has dive's efficiency, sizes, wasted bytes and user-wasted percent", async () => {
    const f = 'dive__test-docker-image.tar';
    const report = await inspectArchive(inlineRunner(), await openAsBlob(join(CORPUS, f)), f);
    const img = report.inputs[0].images[0];
    const e = imageEfficiency(img.layers.map((l) => l.files));
    // dive image_archive_analysis_test.go line 17.
    expect(e.score).toBe(0.9844212134184309);
    expect(e.sizeBytes).toBe(1220598);
    expect(e.userSizeBytes).toBe(66237);
    expect(e.wastedBytes).toBe(32025);
    expect(e.userWastedPercent).toBe(0.4834911001404049);
    // dive runtime/export/export_test.go, "inefficientFiles".
    expect(e.topWasted.map((w) => [w.path, w.count, w.size])).toEqual([
      ['root/example/somefile1.txt', 2, 12810],
      ['root/saved.txt', 2, 12810],
      ['root/example/somefile3.txt', 2, 6405],
    ]);
    expect(img.efficiency).toEqual(e);
    expect(inspectionSchemaErrors(report)).toEqual([]);
    // What each layer changes: `chmod +x /root/saved.txt` (layer 14) modifies one file, the
    // whiteout of /root/example (layer 10) deletes it and what the layers below left in it.
    expect(img.layers[13].changes).toMatchObject({ modified: { count: 1, bytes: 6405 }, added: { count: 0 } });
    expect(img.layers[9].changes?.deleted).toEqual({ count: 5, bytes: 12810 });
  }, 120_000);
});

describe.skipIf(!hasCorpus)("dive's other test images: dive's TestOCI_EfficiencyCalculation invariants", () => {
  // wagoodman/dive dive/image/docker (OCI tests): efficiency within 0–1, total size >= user size.
  // (dive__test-gzip-image.tar holds only a README.md: one of dive's placeholders, which dive skips too.)
  const names = [
    'dive__test-kaniko-image.tar',
    'dive__test-oci-gzip-image.tar',
    'dive__test-oci-zstd-image.tar',
    'dive__test-oci-uncompressed-image.tar',
    'dive__test-oci-estargz-image.tar',
  ];
  it.each(names)(
    '%s',
    async (f) => {
      const report = await inspectArchive(inlineRunner(), await openAsBlob(join(CORPUS, f)), f);
      const images = report.inputs[0].images.filter((i) => i.kind === 'image');
      expect(images.length).toBeGreaterThan(0);
      for (const img of images) {
        const e = img.efficiency!;
        expect(e.score).toBeGreaterThanOrEqual(0);
        expect(e.score).toBeLessThanOrEqual(1);
        expect(e.sizeBytes).toBeGreaterThanOrEqual(e.userSizeBytes);
        expect(img.layers.every((l) => l.changes)).toBe(true);
      }
    },
    120_000,
  );
});
