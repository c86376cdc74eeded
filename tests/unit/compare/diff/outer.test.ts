/**
 * The outer archive: identical inputs, header fields of the archive's own entries, their
 * order, end-of-archive, the whole file's compression, symlinked layers, layouts, and an
 * input truncated on one side (everything readable still compared).
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildDocker25, buildKanikoTarball, buildLegacySave, buildOciArchive, layerTar, type ImageSpec } from '../../../builders/image';
import { concat, type BuildEntry } from '../../../builders/tar';
import { nodeHooks } from '../../../support/hooks';
import type { InputReport } from '../../../../src/report/types';
import { bySubject, diff, get, inspect, rootKinds, roots, setGzipMtime } from './helpers';
import { noise } from '../../../builders/noise';

const T = 1700000000;
const l0 = layerTar([
  { name: 'etc/', typeflag: '5', mtime: T },
  { name: 'etc/hostname', data: 'box\n', mtime: T },
]);
const l1 = layerTar([
  { name: 'app/', typeflag: '5', mtime: T },
  { name: 'app/run.sh', data: 'echo hi\n'.repeat(300), mode: 0o755, mtime: T },
  { name: 'app/blob.bin', data: noise(16384), mtime: T },
  { name: 'app/last.txt', data: 'the end\n', mtime: T },
]);
const spec: ImageSpec = { tags: ['app:1'], layers: [l0, l1] };
const oci = (transform?: (e: BuildEntry[]) => BuildEntry[]) => buildOciArchive([spec], nodeHooks, { compress: true, transform });
const sorted = (es: BuildEntry[]) => es.every((e, i) => i === 0 || es[i - 1].name.replace(/\/$/, '') <= e.name.replace(/\/$/, ''));
const retime = (mtime: number) => (es: BuildEntry[]) => es.map((e) => ({ ...e, mtime }));

/** What an engine that digests every outer entry would add: sha256 of the bytes the builder wrote. */
function withEntryDigests(input: InputReport, entries: BuildEntry[]): InputReport {
  const data = new Map(entries.map((e) => [e.name.replace(/\/$/, ''), typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data]));
  return {
    ...input,
    entries: input.entries.map((e) => {
      const d = data.get(e.path);
      return e.type === 'file' && d ? { ...e, sha256: createHash('sha256').update(d).digest('hex') } : e;
    }),
  };
}

describe('outer archive', () => {
  it('identical inputs whose every entry is digest-named or parsed: no differences, identical bytes', async () => {
    const k = buildKanikoTarball(spec, nodeHooks);
    const r = diff(await inspect(k.tar), await inspect(k.tar));
    expect(r.differences).toEqual([]);
    expect(r.identicalBytes).toBe(true);
  });

  it('identical OCI archives: bytes identical only once every entry content is known', async () => {
    const a = oci();
    const input = await inspect(a.tar);
    const r = diff(input, await inspect(a.tar));
    expect(r.differences).toEqual([]);
    expect(r.pairing.layers.map((p) => p.by)).toEqual(['diff_id', 'diff_id']);
    // oci-layout is neither named by its digest nor kept parsed in the report.
    const bare = { ...input, entries: input.entries.map(({ sha256: _, ...e }) => e) };
    expect(diff(bare, bare).identicalBytes).toBe(null);
    expect(diff(bare, bare).uncompared).toEqual([{ where: 'oci-layout', why: 'content in neither report (not named by its digest, not a parsed document)' }]);
    const known = withEntryDigests(input, a.entries);
    expect(diff(known, known).identicalBytes).toBe(true);
  });

  it('outer entry mtimes only', async () => {
    const r = diff(await inspect(oci().tar), await inspect(oci(retime(T)).tar));
    expect(rootKinds(r)).toEqual(['outer-entry:mtime']);
    expect(get(r, 'outer:index.json:mtime')).toMatchObject({ a: 0, b: T, facts: { delta: T } });
    expect(get(r, 'outer:blobs:mtime').facts).toEqual({ isDir: true, delta: T });
    expect(bySubject(r, 'outer-entry')).toHaveLength(oci().entries.length);
    expect(r.identicalBytes).toBe(false);
  });

  it('outer entry owner, mode and tar format', async () => {
    const edit = (es: BuildEntry[]) =>
      es.map((e) => (e.name === 'index.json' ? { ...e, uid: 1000, uname: 'builder', mode: 0o600, format: 'gnu' as const } : e));
    const r = diff(await inspect(oci().tar), await inspect(oci(edit).tar));
    expect(rootKinds(r)).toEqual(['outer-entry:format', 'outer-entry:mode', 'outer-entry:uid', 'outer-entry:uname']);
    expect(get(r, 'outer:index.json:uname')).toMatchObject({ a: '', b: 'builder', facts: { sameId: false } });
    expect(get(r, 'outer:index.json:format')).toMatchObject({ a: 'ustar', b: 'gnu', facts: { tarFormat: true } });
  });

  it('same entries in another order: one outer-order difference', async () => {
    const front = (es: BuildEntry[]) => [...es.filter((e) => !e.name.startsWith('blobs')), ...es.filter((e) => e.name.startsWith('blobs'))];
    const a = oci();
    const r = diff(await inspect(a.tar), await inspect(oci(front).tar));
    expect(rootKinds(r)).toEqual(['outer-order:order']);
    expect(get(r, 'outer-order')).toMatchObject({
      kind: 'reordered',
      a: 'blobs',
      b: 'index.json',
      facts: {
        common: a.entries.length,
        moved: a.entries.length,
        aSorted: sorted(a.entries),
        bSorted: false,
        firstMismatch: { index: 0, a: 'blobs', b: 'index.json' },
      },
    });
  });

  it('end of archive: zero padding after the end marker, then trailing garbage', async () => {
    const a = oci().tar;
    const A = await inspect(a);
    // The reader counts the two-block end marker; padding after it is trailing bytes (zeros).
    const zeros = diff(A, await inspect(concat([a, new Uint8Array(1024)])));
    expect(zeros.differences.map((d) => [d.id, d.a, d.b])).toEqual([['outer-end:trailingBytes', 0, 1024]]);
    const junk = new TextEncoder().encode('junk after the end');
    const garbage = diff(A, await inspect(concat([a, junk])));
    expect(get(garbage, 'outer-end:trailingBytes')).toMatchObject({ a: 0, b: junk.length });
    expect(get(garbage, 'outer-end:trailingGarbage')).toMatchObject({ a: false, b: true });
  });

  it('whole-file gzip differing in header MTIME only', async () => {
    const tar = oci().tar;
    const gz = new Uint8Array(gzipSync(tar));
    const r = diff(await inspect(gz, 'a.tar.gz'), await inspect(setGzipMtime(gz, T), 'b.tar.gz'));
    expect(r.differences.map((d) => d.id)).toEqual(['outer-compression:gzip.mtime:m0']);
    expect(r.differences[0]).toMatchObject({ subject: 'outer-compression', field: 'gzip.mtime', a: 0, b: T, facts: { member: 0, header: true } });
    expect(r.identicalBytes).toBe(false);
  });

  it('whole-file compression algorithm', async () => {
    const tar = oci().tar;
    const r = diff(await inspect(tar), await inspect(new Uint8Array(gzipSync(tar)), 'b.tar.gz'));
    expect(r.differences.map((d) => [d.id, d.a, d.b])).toEqual([['outer-compression:algorithm', 'none', 'gzip']]);
  });

  it('a duplicate layer stored as a symlink on one side only', async () => {
    const s: ImageSpec = { tags: ['app:1'], layers: [l0, l1, l0] };
    const a = buildLegacySave([s], nodeHooks, { symlinkDuplicates: true });
    const b = buildLegacySave([s], nodeHooks, { symlinkDuplicates: false });
    const r = diff(await inspect(a.tar), await inspect(b.tar));
    const link = a.images[0].layerNames[2];
    expect(get(r, `outer:${link}:type`)).toMatchObject({
      a: 'symlink',
      b: 'file',
      facts: { symlinkedLayer: true, linknameA: `../${a.images[0].layerNames[0]}` },
    });
    expect(rootKinds(r)).toEqual(['outer-entry:type']);
    // Same blob either way: the layers pair by diff_id and do not differ.
    expect(bySubject(r, 'layer-blob')).toEqual([]);
  });

  it('layouts: docker save (legacy) vs Docker 25+ of the same image', async () => {
    const a = buildLegacySave([spec], nodeHooks);
    const b = buildDocker25(spec, nodeHooks, { store: 'graphdriver' });
    const r = diff(await inspect(a.tar), await inspect(b.tar));
    expect(get(r, 'layout:layout')).toMatchObject({ a: 'docker-legacy', b: 'docker-oci' });
    expect(get(r, 'index:index.json:$')).toMatchObject({ kind: 'added', follows: 'layout:layout' });
    for (const d of bySubject(r, 'outer-entry').filter((d) => d.kind !== 'changed')) expect(d.follows, d.id).toBe('layout:layout');
    for (const d of bySubject(r, 'index')) expect(d.follows, d.id).toBe('layout:layout');
    // The same config bytes and the same uncompressed layers: nothing below the packaging.
    expect(r.differences.filter((d) => ['config', 'history', 'layer', 'layer-blob', 'file', 'merged'].includes(d.subject))).toEqual([]);
    expect(rootKinds(r).filter((k) => !k.startsWith('outer-entry:'))).toEqual(['layout:label', 'layout:layout']);
  });

  // index.json, the manifest and the config first, the larger layer blob last.
  const lastLayer = (): { full: ReturnType<typeof oci>; name: string } => {
    const name = oci().images[0].layerNames[1];
    return { full: oci((es) => [...es.filter((e) => e.name !== name), ...es.filter((e) => e.name === name)]), name };
  };

  it('an input truncated inside a layer blob: everything read is still compared', async () => {
    const { full, name } = lastLayer();
    const A = await inspect(full.tar);
    const entry = A.entries.find((e) => e.path === name)!;
    const B = await inspect(full.tar.subarray(0, entry.dataOffset + Math.floor(entry.size / 2)), 'cut.tar');
    expect(B.errors[0].code).toBe('truncated');
    const r = diff(A, B);
    expect(get(r, 'input:b')).toMatchObject({
      subject: 'input',
      field: 'error',
      b: B.error,
      facts: { side: 'b', code: 'truncated', component: B.errors[0].component },
    });
    // The image, its config, its manifest and the first layer are read on both sides and equal;
    // the cut layer is not scanned (seek mode scans whole blobs only): nothing to compare there.
    expect(r.pairing.images).toEqual([{ a: 0, b: 0, label: 'app:1 (linux/amd64)', by: 'only' }]);
    expect(r.pairing.layers.map((p) => [p.a, p.b, p.by])).toEqual([
      [0, 0, 'diff_id'],
      [1, 1, 'diff_id'],
    ]);
    expect(r.differences.map((d) => d.id)).toEqual(['input:b']);
    expect(r.uncompared).toContainEqual({ where: 'layer 2 ↔ 2 of app:1 (linux/amd64)', why: 'files not read on side B' });
    expect(r.identicalBytes).toBe(false);
  });

  it('an input truncated inside its manifest: what B lacks follows the truncation', async () => {
    const front = (es: BuildEntry[]) => [...es.filter((e) => !e.name.startsWith('blobs')), ...es.filter((e) => e.name.startsWith('blobs'))];
    const full = oci(front);
    const A = await inspect(full.tar);
    const manifest = A.entries.find((e) => e.path === `blobs/sha256/${full.images[0].manifestDigest!.slice(7)}`)!;
    const B = await inspect(full.tar.subarray(0, manifest.dataOffset + 10), 'cut.tar');
    const r = diff(A, B);
    expect(r.pairing.images).toEqual([{ a: 0, b: 0, label: 'app:1 (linux/amd64)', by: 'only' }]);
    expect(get(r, 'config:i0:created')).toMatchObject({ kind: 'removed', follows: 'input:b', facts: { incomplete: true } });
    expect(get(r, 'layer:i0:L1-')).toMatchObject({ kind: 'removed', follows: 'input:b' });
    expect(roots(r).map((d) => d.id)).toEqual(['input:b']);
  });
});
