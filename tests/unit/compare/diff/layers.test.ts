/**
 * Layers of paired images: recompression (gzip header MTIME only), layers added on one side
 * (also as a duplicate of another), pairing by diff_id / position / history, and integrity
 * failures (a missing blob, a blob that does not match its digest).
 */
import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { buildOciArchive, layerTar, type ImageHooks } from '../../../builders/image';
import type { BuildEntry } from '../../../builders/tar';
import { nodeHooks } from '../../../support/hooks';
import { bySubject, diff, get, inspect, rootKinds, setGzipMtime } from './helpers';
import { noise } from '../../../builders/noise';

const T = 1700000000;
const l0 = layerTar([
  { name: 'etc/', typeflag: '5', mtime: T },
  { name: 'etc/hostname', data: 'box\n', mtime: T },
]);
const l1 = layerTar([
  { name: 'app/', typeflag: '5', mtime: T },
  { name: 'app/run.sh', data: '#!/bin/sh\necho hi\n', mode: 0o755, mtime: T },
]);
const l2 = layerTar([{ name: 'app/data.txt', data: 'data\n', mtime: T }]);

async function oci(layers: Uint8Array[], hooks: ImageHooks = nodeHooks, transform?: (e: BuildEntry[]) => BuildEntry[]) {
  const built = buildOciArchive([{ tags: ['app:1'], layers }], hooks, { compress: true, transform });
  return { built, input: await inspect(built.tar) };
}

describe('layers', () => {
  it('gzip header MTIME only: a layer-blob root with gzipHeaderOnly, the manifest and index follow it', async () => {
    const A = await oci([l0, l1]);
    const stamped: ImageHooks = { ...nodeHooks, gzip: (b) => setGzipMtime(new Uint8Array(gzipSync(b)), T) };
    const B = await oci([l0, l1], stamped);
    const r = diff(A.input, B.input);
    expect(rootKinds(r)).toEqual(['layer-blob:digest']);
    const blobs = bySubject(r, 'layer-blob');
    expect(blobs.map((d) => d.id)).toEqual(['layer-blob:i0:L0-0', 'layer-blob:i0:L1-1']);
    const d = blobs[1];
    expect(d).toMatchObject({ a: A.built.images[0].layerDigests[1], b: B.built.images[0].layerDigests[1] });
    expect(d.facts).toMatchObject({
      sameDiffId: true,
      algorithmA: 'gzip',
      algorithmB: 'gzip',
      gzip: { mtime: { a: 0, b: T } },
      gzipMembersA: 1,
      gzipMembersB: 1,
      gzipHeaderOnly: true,
    });
    expect(d.facts!.sizeA).toBe(d.facts!.sizeB);
    expect(bySubject(r, 'file')).toEqual([]);
    expect(get(r, 'manifest:i0:layers[1].digest').follows).toBe(d.id);
    expect(get(r, 'manifest:i0:digest').follows).toBe('layer-blob:i0:L0-0');
    expect(get(r, 'index:index.json:manifests[0].digest').follows).toBe('layer-blob:i0:L0-0');
    // The config names diff_ids, which did not change: same config.
    expect(bySubject(r, 'config')).toEqual([]);
    expect(r.pairing.layers.map((p) => p.by)).toEqual(['diff_id', 'diff_id']);
  });

  it('another deflate stream of the same tar is not header-only', async () => {
    const A = await oci([l1]);
    const B = await oci([l1], { ...nodeHooks, gzip: (b) => new Uint8Array(gzipSync(b, { level: 1 })) });
    const d = get(diff(A.input, B.input), 'layer-blob:i0:L0-0');
    expect(d.facts).toMatchObject({ sameDiffId: true, gzipHeaderOnly: false });
  });

  it('an added layer: a layer difference; diff_ids, merged files and blobs follow it', async () => {
    const A = await oci([l0, l1]);
    const B = await oci([l0, l1, l2]);
    const r = diff(A.input, B.input);
    const added = get(r, 'layer:i0:L-2');
    expect(added).toMatchObject({
      kind: 'added',
      b: B.built.images[0].layerDigests[2],
      scope: { layerB: 2 },
      facts: { diffId: B.built.images[0].diffIds[2], duplicateOf: null, createdBy: 'layer 2', fileCount: 1 },
    });
    expect(get(r, 'config:i0:rootfs.diff_ids[2]')).toMatchObject({ kind: 'added', follows: added.id });
    // Descriptors of unpaired layers are not manifest differences: the layer difference says it.
    expect(bySubject(r, 'manifest').map((d) => [d.id, d.follows])).toEqual([
      ['manifest:i0:config.digest', added.id],
      ['manifest:i0:digest', added.id],
      ['manifest:i0:size', added.id],
    ]);
    // The history entry that made the layer comes with it.
    expect(get(r, 'history:i0:history[2].created_by')).toMatchObject({ kind: 'added', b: 'layer 2', follows: added.id });
    expect(get(r, 'merged:i0:app/data.txt:+').follows).toBe(added.id);
    expect(get(r, `outer:blobs/sha256/${B.built.images[0].layerDigests[2].slice(7)}:+`).follows).toBe(added.id);
    expect(rootKinds(r)).toEqual(['layer:added']);
    expect(r.pairing.layers).toEqual([
      { image: 0, a: 0, b: 0, by: 'diff_id' },
      { image: 0, a: 1, b: 1, by: 'diff_id' },
      { image: 0, a: null, b: 2, by: 'unpaired' },
    ]);
  });

  it('a layer added as a duplicate of another says so', async () => {
    const r = diff((await oci([l0, l1])).input, (await oci([l0, l1, l0])).input);
    expect(get(r, 'layer:i0:L-2').facts).toMatchObject({ duplicateOf: 0 });
  });

  it('leftover layers pair by history created_by when the counts differ', async () => {
    const mk = (layers: Uint8Array[], by: string[]) =>
      buildOciArchive([{ tags: ['app:1'], layers, history: by.map((c) => ({ created: '2024-01-01T00:00:00Z', created_by: c })) }], nodeHooks, {
        compress: true,
      });
    const l1b = layerTar([
      { name: 'app/', typeflag: '5', mtime: T },
      { name: 'app/run.sh', data: '#!/bin/sh\necho bye\n', mode: 0o755, mtime: T },
    ]);
    const A = await inspect(mk([l0, l1], ['base', 'COPY app']).tar);
    const B = await inspect(mk([l0, l2, l1b], ['base', 'RUN extra', 'COPY app']).tar);
    const r = diff(A, B);
    expect(r.pairing.layers).toEqual([
      { image: 0, a: 0, b: 0, by: 'diff_id' },
      { image: 0, a: 1, b: 2, by: 'history' },
      { image: 0, a: null, b: 1, by: 'unpaired' },
    ]);
    expect(get(r, 'file:i0:L1-2:app/run.sh:content').kind).toBe('changed');
    expect(get(r, 'layer:i0:L-1').kind).toBe('added');
  });

  it('a blob missing on one side: an integrity difference that the absent entry follows', async () => {
    const A = await oci([l0, l1]);
    const missing = `blobs/sha256/${A.built.images[0].layerDigests[1].slice(7)}`;
    const B = await oci([l0, l1], nodeHooks, (es) => es.filter((e) => e.name !== missing));
    const r = diff(A.input, B.input);
    const integ = bySubject(r, 'integrity');
    expect(integ.map((d) => d.id)).toEqual(['integrity:b:0']);
    expect(integ[0]).toMatchObject({ field: 'reference', facts: { side: 'b', kind: 'reference', expected: missing, sameOnBoth: false } });
    expect(get(r, `outer:${missing}:-`).follows).toBe('integrity:b:0');
    // The engine also names the missing blob as an error of the input (corrupt, not truncated):
    // the archive was read to its end, and that error says nothing the reference check does not
    // say — it follows it, so the missing blob is one root, not two.
    expect(get(r, 'input:b')).toMatchObject({ follows: 'integrity:b:0', facts: { code: 'corrupt', component: 'OCI layout', path: missing } });
    expect(rootKinds(r)).toEqual(['integrity:reference']);
  });

  it('a blob whose bytes do not match its digest', async () => {
    const A = await oci([l0, l1]);
    const name = `blobs/sha256/${A.built.images[0].layerDigests[1].slice(7)}`;
    const other = new Uint8Array(gzipSync(l2));
    const B = await oci([l0, l1], nodeHooks, (es) => es.map((e) => (e.name === name ? { ...e, data: other } : e)));
    const r = diff(A.input, B.input);
    const mismatch = bySubject(r, 'integrity').find((d) => d.field === 'blob-digest')!;
    expect(mismatch.facts).toMatchObject({ side: 'b', expected: A.built.images[0].layerDigests[1], actual: nodeHooks.sha256(other) });
    // The layer content really differs too: the files say how.
    expect(get(r, 'file:i0:L1-1:app/data.txt:+').kind).toBe('added');
  });
});

describe('a layer that cannot be read to its end', () => {
  it('files read before the damage are compared; what is missing after it follows the input error', async () => {
    const files: BuildEntry[] = [
      { name: 'a/', typeflag: '5', mtime: T },
      { name: 'a/first.txt', data: 'first\n', mtime: T },
      { name: 'a/big.bin', data: noise(65536), mtime: T },
      { name: 'a/last.txt', data: 'last\n', mtime: T },
    ];
    const layer = layerTar(files);
    const A = await oci([l0, layer]);
    const name = `blobs/sha256/${A.built.images[0].layerDigests[1].slice(7)}`;
    // A gzip stream that stops half-way through big.bin, stored whole under the same name
    // (so the blob no longer matches its digest).
    const gz = new Uint8Array(gzipSync(layer));
    const bad = gz.slice(0, Math.floor(gz.length / 2));
    const B = await oci([l0, layer], nodeHooks, (es) => es.map((e) => (e.name === name ? { ...e, data: bad } : e)));
    const lb = B.input.images[0].layers[1];
    expect(lb.error).not.toBeNull();
    const r = diff(A.input, B.input);
    expect(get(r, 'input:b').facts).toMatchObject({ side: 'b', path: name });
    const files1 = r.differences.filter((d) => d.subject === 'file');
    const read = new Set(lb.files.map((f) => f.path));
    // Everything B read is equal to A; what it could not read follows its error.
    expect(files1.map((d) => d.scope.path).filter((p) => read.has(p!))).toEqual([]);
    expect(files1.map((d) => d.scope.path)).toEqual(['a/last.txt']);
    expect(files1[0]).toMatchObject({ kind: 'removed', follows: 'input:b', facts: { incomplete: true } });
    expect(lb.error).toMatchObject({ code: 'truncated', path: name });
  });
});
