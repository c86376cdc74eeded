/**
 * Pairs of archives from real writers (tests/fixtures/README.md "Natural pairs"): each pair
 * differs in one known way, and the differ must say that and nothing else as a root.
 * Expected values come from the fixtures' expectation records (read back by GNU tar,
 * sha256sum, gzip, zstd, skopeo), not from tarscope.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { imageFixtures, type ImageFixtures } from '../../../fixtures/images';
import type { DiffResult } from '../../../../src/compare/types';
import { bySubject, diff, get, inspectFile, rootKinds, roots } from './helpers';

let fx: ImageFixtures;
beforeAll(async () => {
  fx = await imageFixtures();
});

async function pair(a: keyof ImageFixtures, b: keyof ImageFixtures): Promise<DiffResult> {
  return diff(await inspectFile(fx[a].path), await inspectFile(fx[b].path));
}

/** As tar lists it ("./etc/", ".") → as the report normalises it ("etc", ""). */
const norm = (p: string) => (p === '.' || p === './' ? '' : p.replace(/^\.\//, '').replace(/\/$/, ''));

/** Roots below the outer tar (skopeo oci-archives carry the copy time on their own entries). */
const inner = (r: DiffResult) => roots(r).filter((d) => !d.subject.startsWith('outer-'));

describe('real-writer pairs', () => {
  it('umoci layout ↔ the same build a day later: file mtimes only', async () => {
    const r = await pair('umoci-oci-layout.tar', 'umoci-oci-layout-mtime-b.tar');
    expect(rootKinds(r)).toEqual(['file:mtime']);
    const files = bySubject(r, 'file');
    for (const d of files) expect(d.facts?.delta, d.id).toBe(86400);
    // Every member whose mtime the expectation records differ by a day is among them.
    const ea = fx['umoci-oci-layout.tar'].expect.images[0].layers;
    const eb = fx['umoci-oci-layout-mtime-b.tar'].expect.images[0].layers;
    const shifted = ea.flatMap((l, i) => l.entries.filter((e, k) => eb[i].entries[k].mtime - e.mtime === 86400).map((e) => `${i}:${norm(e.path)}`));
    expect(files.map((d) => `${d.scope.layerA}:${d.scope.path}`).sort()).toEqual(shifted.sort());
    // Layer digests, diff_ids, config and manifest digests differ only as consequences.
    expect(bySubject(r, 'layer-blob').every((d) => d.follows && d.facts?.sameDiffId === false)).toBe(true);
    expect(get(r, 'manifest:i0:digest').follows).toMatch(/^file:/);
    expect(get(r, 'config:i0:digest').follows).toMatch(/^file:/);
    expect(r.identicalBytes).toBe(false);
  });

  it('skopeo gzip level 1 ↔ level 9: the same tars in other deflate streams (XFL 04 vs 02)', async () => {
    const r = await pair('skopeo-oci-archive-gzip1.tar', 'skopeo-oci-archive-gzip9.tar');
    expect(inner(r).map((d) => d.subject)).toEqual(['layer-blob', 'layer-blob', 'layer-blob']);
    const la = fx['skopeo-oci-archive-gzip1.tar'].expect.images[0].layers;
    const lb = fx['skopeo-oci-archive-gzip9.tar'].expect.images[0].layers;
    bySubject(r, 'layer-blob').forEach((d, i) => {
      expect(d).toMatchObject({ a: la[i].digest, b: lb[i].digest });
      expect(d.follows).toBeUndefined();
      expect(d.facts).toMatchObject({
        sameDiffId: true,
        algorithmA: 'gzip',
        algorithmB: 'gzip',
        gzip: { xfl: { a: 4, b: 2 } },
        gzipHeaderOnly: false,
        sizeA: la[i].size,
        sizeB: lb[i].size,
        filesEqual: true,
      });
    });
    expect(bySubject(r, 'file')).toEqual([]);
  });

  it('skopeo oci-archive gzip ↔ zstd: the algorithm and the media types', async () => {
    const r = await pair('skopeo-oci-archive.tar', 'skopeo-oci-archive-zstd.tar');
    expect(rootKinds(r).filter((k) => !k.startsWith('outer-'))).toEqual([
      'layer-blob:digest',
      'manifest:layers[0].mediaType',
      'manifest:layers[1].mediaType',
      'manifest:layers[2].mediaType',
    ]);
    const lb = fx['skopeo-oci-archive-zstd.tar'].expect.images[0].layers;
    for (const d of bySubject(r, 'layer-blob'))
      expect(d.facts).toMatchObject({ sameDiffId: true, algorithmA: 'gzip', algorithmB: 'zstd', mediaTypeB: lb[d.scope.layerB!].mediaType });
    expect(bySubject(r, 'config')).toEqual([]);
  });

  it('zstd:chunked ↔ zstd: skippable frames, and the writer defect on layer 3 as an integrity difference', async () => {
    const r = await pair('skopeo-oci-archive-zstd-chunked.tar', 'skopeo-oci-archive-zstd.tar');
    const d = get(r, 'layer-blob:i0:L0-0', 'layer-blob');
    expect(d.facts).toMatchObject({ seekableA: 'zstd:chunked?', seekableB: null, zstd: { skippableFrames: { b: 0 } } });
    expect(d.facts.zstd?.skippableFrames.a).toBeGreaterThan(0);
    const integ = bySubject(r, 'integrity');
    expect(integ.map((x) => [x.field, x.facts?.side])).toEqual([['diff-id', 'a']]);
  });

  it('docker-archive ↔ oci-archive: the layout, and uncompressed vs gzip layers', async () => {
    const r = await pair('skopeo-docker-archive.tar', 'skopeo-oci-archive.tar');
    expect(inner(r).map((d) => `${d.subject}:${d.field}`)).toEqual([
      'layout:layout',
      'layout:label',
      'layer-blob:digest',
      'layer-blob:digest',
      'layer-blob:digest',
    ]);
    expect(get(r, 'layout:layout')).toMatchObject({ a: 'docker-legacy', b: 'oci' });
    for (const d of bySubject(r, 'layer-blob')) expect(d.facts).toMatchObject({ sameDiffId: true, algorithmA: 'none', algorithmB: 'gzip' });
    // Same config bytes on both sides.
    expect(fx['skopeo-docker-archive.tar'].expect.images[0].configDigest).toBe(fx['skopeo-oci-archive.tar'].expect.images[0].configDigest);
    expect(bySubject(r, 'config')).toEqual([]);
  });

  it('docker-archive ↔ the same file gzip-compressed: outer compression only', async () => {
    const r = await pair('skopeo-docker-archive.tar', 'docker-archive.tar.gz');
    expect(r.differences.map((d) => [d.id, d.a, d.b])).toEqual([['outer-compression:algorithm', 'none', 'gzip']]);
    expect(r.identicalBytes).toBe(false);
  });

  it('docker-archive ↔ re-serialised config (one newline less): a config digest root with sameJson', async () => {
    const r = await pair('skopeo-docker-archive.tar', 'skopeo-oci-archive-mislabelled-gzip.tar');
    expect(get(r, 'config:i0:digest')).toMatchObject({
      a: fx['skopeo-docker-archive.tar'].expect.images[0].configDigest,
      b: fx['skopeo-oci-archive-mislabelled-gzip.tar'].expect.images[0].configDigest,
      facts: { sameJson: true },
    });
    expect(get(r, 'config:i0:digest').follows).toBeUndefined();
    expect(bySubject(r, 'layer-blob')).toEqual([]);
  });

  it('umoci layout ↔ the layout still holding tag base: one image added; its index descriptor follows it', async () => {
    const r = await pair('umoci-oci-layout.tar', 'umoci-oci-layout-2images.tar');
    const e = fx['umoci-oci-layout-2images.tar'].expect;
    const base = e.images.find((i) => i.tags.includes('base'))!;
    const added = bySubject(r, 'image');
    expect(added.map((d) => [d.kind, d.facts?.tags, d.facts?.manifest])).toEqual([['added', ['base'], base.manifestDigest]]);
    // Descriptors align by image, not by position: the v1 descriptor does not differ.
    expect(bySubject(r, 'index').length).toBeGreaterThan(0);
    for (const d of bySubject(r, 'index')) expect(d.follows, d.id).toBe(added[0].id);
    // Packed with "./" names: the same entries, spelled differently.
    expect(get(r, 'outer:index.json:rawName')).toMatchObject({ a: 'index.json', b: './index.json', facts: { tarFormat: true } });
    expect(rootKinds(r).filter((k) => !k.startsWith('outer'))).toEqual(['image:added']);
  });

  it('the same file twice', async () => {
    const plain = await pair('plain.tar', 'plain.tar');
    expect(plain.differences).toEqual([]);
    // Every regular file of a plain tar is digested: the content of every entry is known.
    expect(plain.identicalBytes).toBe(true);
    const umoci = await pair('umoci-oci-layout.tar', 'umoci-oci-layout.tar');
    expect(umoci.differences).toEqual([]);
    // oci-layout (and docker's <id>/json, VERSION) carry the sha256 the listing computed
    // (engine toOuterRecord): every entry's content is known, so the bytes are known equal.
    expect(umoci.identicalBytes).toBe(true);
    const docker = await pair('skopeo-docker-archive.tar', 'skopeo-docker-archive.tar');
    expect(docker.differences).toEqual([]);
    expect(docker.identicalBytes).toBe(true);
    const gz = await pair('docker-archive.multi-member.tar.gz', 'docker-archive.multi-member.tar.gz');
    expect(gz.differences).toEqual([]);
  });

  it('plain.tar ↔ plain.tar.gz: compression only; plain.tar ↔ an image: a layout difference', async () => {
    const r = await pair('plain.tar', 'plain.tar.gz');
    expect(r.differences.map((d) => d.id)).toEqual(['outer-compression:algorithm']);
    const s = await pair('plain.tar', 'umoci-oci-layout.tar');
    expect(get(s, 'layout:layout')).toMatchObject({ a: 'plain', b: 'oci' });
  });

  it("B cut short inside a layer blob: the blobs and files the end hides follow input:b, only B's readable differences stay roots", async () => {
    const { readFileSync } = await import('node:fs');
    const { inspect } = await import('./helpers');
    const A = await inspectFile(fx['umoci-oci-layout.tar'].path);
    const bytes = new Uint8Array(readFileSync(fx['umoci-oci-layout-mtime-b.tar'].path));
    const B = await inspect(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'cut.tar');
    expect(B.errors[0].code).toBe('truncated');
    const r = diff(A, B);
    // A blob the manifest names that lies past the cut: not a layout defect of B.
    const missing = bySubject(r, 'integrity').filter((d) => d.facts?.side === 'b');
    expect(missing.length).toBeGreaterThan(0);
    for (const d of missing) expect(d).toMatchObject({ follows: 'input:b', facts: { incomplete: true } });
    // Layers whose B files were never read: their blob difference follows the truncation too.
    const unread = bySubject(r, 'layer-blob').filter((d) => d.facts?.filesUnknown === true);
    expect(unread.length).toBeGreaterThan(0);
    for (const d of unread) expect(d).toMatchObject({ follows: 'input:b', facts: { unreadSide: 'b' } });
    // What remains: the truncation and the mtimes of the layer B could read (fixture: +1 day).
    expect(new Set(rootKinds(r))).toEqual(new Set(['input:error', 'file:mtime']));
  });
});
