/**
 * Scale: two layers of 100,000 files each must diff in well under a second (Maps keyed by
 * path, no quadratic scans). The records are made the way the engine makes them: tar entries
 * through the engine's own toFileRecord (object shapes matter for speed: records copied with
 * `{...spread}` are ~100× slower to read in V8), in a report the engine produced; the merged
 * filesystems come from the real merge. The bound asserted here is loose (it guards against a
 * quadratic regression, which would take minutes); measured times are in the README.
 */
import { describe, it, expect } from 'vitest';
import { buildOciArchive, layerTar } from '../../../builders/image';
import { nodeHooks } from '../../../support/hooks';
import { mergeLayers } from '../../../../src/image';
import { toFileRecord } from '../../../../src/engine/file-record';
import type { TarEntry } from '../../../../src/formats/tar/types';
import type { FileRecord, InputReport } from '../../../../src/report/types';
import { diffInputs } from '../../../../src/compare/diff';
import { inspect } from './helpers';

const N = 100_000;
const T = 1700000000;

function entry(i: number, mtime: number): TarEntry {
  const dir = i % 50 === 0;
  const name = dir ? `d${i % 100}/sub${i}/` : `d${i % 100}/sub${i % 7}/file-${i}.txt`;
  return {
    name,
    linkname: '',
    typeflag: dir ? '5' : '0',
    type: dir ? 'dir' : 'file',
    mode: dir ? 0o755 : 0o644,
    uid: 0,
    gid: 0,
    uname: 'root',
    gname: 'root',
    size: dir ? 0 : 100 + (i % 1000),
    mtime,
    devmajor: 0,
    devminor: 0,
    headerFormat: 'ustar',
    headerOffset: i * 1024,
    blockOffset: i * 1024,
    dataOffset: i * 1024 + 512,
    checksum: 0,
    index: i,
  };
}

function records(mtime: number): FileRecord[] {
  const hex = Array.from({ length: 16 }, (_, k) => k.toString(16).repeat(64));
  return Array.from({ length: N }, (_, i) => {
    const e = entry(i, mtime);
    return toFileRecord(e, e.type === 'file' ? hex[i % 16] : undefined);
  });
}

function scaled(base: InputReport, files: FileRecord[], digest: string): InputReport {
  const img = base.images[0];
  const layer = { ...img.layers[0], digest, computed: { blobSha256: digest, diffId: digest }, diffId: digest, files, fileCount: files.length };
  return { ...base, images: [{ ...img, layers: [layer], merged: mergeLayers([files]) }] };
}

describe('scale', () => {
  it(`2 × ${N.toLocaleString('en')} files`, async () => {
    const built = buildOciArchive([{ tags: ['big:1'], layers: [layerTar([{ name: 'd/f', data: 'x', mtime: T }])] }], nodeHooks);
    const base = await inspect(built.tar);
    const A = scaled(base, records(T), 'sha256:' + 'a'.repeat(64));
    const sameB = records(T);
    const shiftedB = records(T + 1);
    const B1 = scaled(base, sameB, 'sha256:' + 'b'.repeat(64));
    const B2 = scaled(base, shiftedB, 'sha256:' + 'b'.repeat(64));
    let t0 = performance.now();
    const same = diffInputs(A, B1);
    const equalMs = performance.now() - t0;
    // Only the (synthetic) blob digest differs: the files are all equal.
    expect(same.differences.filter((d) => ['file', 'file-order', 'merged'].includes(d.subject))).toEqual([]);
    expect(same.differences.find((d) => d.subject === 'layer-blob')!.facts).toMatchObject({ filesEqual: true });

    t0 = performance.now();
    const shifted = diffInputs(A, B2);
    const shiftedMs = performance.now() - t0;
    const files = shifted.differences.filter((d) => d.subject === 'file');
    const merged = shifted.differences.filter((d) => d.subject === 'merged');
    expect(files).toHaveLength(N);
    expect(merged).toHaveLength(N);
    expect(merged.every((d) => d.follows === d.id.replace(/^merged:i0:(.*):version$/, 'file:i0:L0-0:$1:mtime'))).toBe(true);

    console.log(
      `diff 2 × ${N} files: equal ${equalMs.toFixed(0)} ms; every mtime differs (${shifted.differences.length} differences) ${shiftedMs.toFixed(0)} ms`,
    );
    // Timing is reported, not asserted (DEVELOPERS.md: speed is checked by `npm run bench`,
    // never by timed unit tests; this machine is shared and noisy).
  });
});
