/**
 * Files inside paired layers: each header field on its own, order, whiteouts, content, and the
 * consequences a file change has up the chain (layer blob, diff_id, manifest, config, index),
 * which must follow it instead of standing as causes of their own.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { buildOciArchive, layerTar, type OciOptions } from '../../../builders/image';
import type { BuildEntry } from '../../../builders/tar';
import { nodeHooks } from '../../../support/hooks';
import { bySubject, diff, get, inspect, rootKinds, roots } from './helpers';

const T = 1700000000;
const base = (): BuildEntry[] => [
  { name: 'etc/', typeflag: '5', mtime: T },
  { name: 'etc/hostname', data: 'box\n', mtime: T },
  { name: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\n', mtime: T, uname: 'root', gname: 'root' },
  { name: 'usr/', typeflag: '5', mtime: T },
  { name: 'usr/bin/', typeflag: '5', mtime: T },
  { name: 'usr/bin/tool', data: 'tool binary', mode: 0o755, mtime: T },
];
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function pair(a: BuildEntry[][], b: BuildEntry[][], opts: OciOptions = { compress: true }) {
  const ba = buildOciArchive([{ tags: ['app:1'], layers: a.map(layerTar) }], nodeHooks, opts);
  const bb = buildOciArchive([{ tags: ['app:1'], layers: b.map(layerTar) }], nodeHooks, opts);
  return { built: [ba, bb] as const, result: diff(await inspect(ba.tar), await inspect(bb.tar)) };
}

function edit(list: BuildEntry[], name: string, change: Partial<BuildEntry>): BuildEntry[] {
  return list.map((e) => (e.name === name ? { ...e, ...change } : e));
}

describe('files of paired layers', () => {
  it('every mtime shifted: one file.mtime root per entry, everything above follows', async () => {
    const { result } = await pair([base()], [base().map((e) => ({ ...e, mtime: T + 86400 }))]);
    expect(rootKinds(result)).toEqual(['file:mtime']);
    const files = bySubject(result, 'file');
    expect(files.map((d) => d.scope.path)).toEqual(['etc', 'etc/hostname', 'etc/passwd', 'usr', 'usr/bin', 'usr/bin/tool']);
    for (const d of files) expect(d).toMatchObject({ kind: 'changed', field: 'mtime', a: T, b: T + 86400, facts: { delta: 86400 } });
    expect(get(result, 'file:i0:L0-0:etc:mtime').facts).toEqual({ isDir: true, delta: 86400 });
    // The layer blob, diff_id, config, manifest and index digests all follow a file difference.
    const layerBlob = get(result, 'layer-blob:i0:L0-0');
    expect(layerBlob.facts).toMatchObject({ sameDiffId: false });
    expect(layerBlob.follows).toMatch(/^file:i0:L0-0:/);
    for (const id of [
      'config:i0:rootfs.diff_ids[0]',
      'config:i0:digest',
      'manifest:i0:layers[0].digest',
      'manifest:i0:layers[0].size',
      'manifest:i0:digest',
      'index:index.json:manifests[0].digest',
    ]) {
      expect(get(result, id).follows, id).toBe(layerBlob.follows);
    }
    // Merged-fs differences restate the file differences: they follow them one to one.
    for (const m of bySubject(result, 'merged')) expect(m.follows).toBe(`file:i0:L0-0:${m.scope.path}:mtime`);
    expect(result.identicalBytes).toBe(false);
  });

  it('same entries in another order: one file-order difference', async () => {
    const { result } = await pair([base()], [base().reverse()]);
    expect(rootKinds(result)).toEqual(['file-order:order']);
    expect(get(result, 'file-order:i0:L0-0')).toMatchObject({
      kind: 'reordered',
      a: 'etc',
      b: 'usr/bin/tool',
      facts: { common: 6, moved: 6, aSorted: true, bSorted: false, firstMismatch: { index: 0, a: 'etc', b: 'usr/bin/tool' } },
    });
  });

  it('numeric owner', async () => {
    const { result } = await pair([base()], [edit(base(), 'etc/passwd', { uid: 1000, gid: 100 })]);
    expect(rootKinds(result)).toEqual(['file:gid', 'file:uid']);
    expect(get(result, 'file:i0:L0-0:etc/passwd:uid')).toMatchObject({ a: 0, b: 1000 });
    expect(get(result, 'file:i0:L0-0:etc/passwd:gid')).toMatchObject({ a: 0, b: 100 });
  });

  it('owner names only (same uid/gid)', async () => {
    const { result } = await pair([base()], [edit(base(), 'etc/passwd', { uname: 'admin', gname: 'wheel' })]);
    expect(rootKinds(result)).toEqual(['file:gname', 'file:uname']);
    expect(get(result, 'file:i0:L0-0:etc/passwd:uname')).toMatchObject({ a: 'root', b: 'admin', facts: { sameId: true } });
    // The merged fs keeps no owner names: nothing to restate there.
    expect(bySubject(result, 'merged')).toEqual([]);
  });

  it('mode, and mode differing only in the redundant file-type bits', async () => {
    const { result } = await pair([base()], [edit(edit(base(), 'usr/bin/tool', { mode: 0o700 }), 'etc/hostname', { mode: 0o100644 })]);
    expect(get(result, 'file:i0:L0-0:usr/bin/tool:mode')).toMatchObject({ a: 0o755, b: 0o700 });
    expect(get(result, 'file:i0:L0-0:usr/bin/tool:mode').facts).toBeUndefined();
    expect(get(result, 'file:i0:L0-0:etc/hostname:mode')).toMatchObject({ a: 0o644, b: 0o100644, facts: { typeBitsOnly: true } });
  });

  it('pax atime/ctime on one side', async () => {
    const { result } = await pair([base()], [edit(base(), 'etc/passwd', { pax: { atime: `${T + 1}.5`, ctime: `${T + 2}` } })]);
    const atime = get(result, 'file:i0:L0-0:etc/passwd:atime');
    expect(atime).toMatchObject({ kind: 'changed', b: T + 1.5 });
    expect(atime.a).toBeUndefined();
    expect(get(result, 'file:i0:L0-0:etc/passwd:ctime')).toMatchObject({ b: T + 2 });
    // The pax header itself: its name is an encoding detail; the atime/ctime records are the fields.
    expect(rootKinds(result)).toEqual(['file:atime', 'file:ctime', 'file:paxHeaderName']);
    expect(get(result, 'file:i0:L0-0:etc/passwd:paxHeaderName').facts).toMatchObject({ tarFormat: true });
  });

  it('a pax mtime record that restates the header mtime is an encoding difference', async () => {
    const { result } = await pair([edit(base(), 'etc/hostname', { pax: { mtime: `${T}.000` }, paxHeaderName: 'PaxHeaders.42/hostname' })], [base()]);
    expect(rootKinds(result)).toEqual(['file:pax.mtime', 'file:paxHeaderName']);
    expect(get(result, 'file:i0:L0-0:etc/hostname:pax.mtime')).toMatchObject({ a: `${T}.000`, facts: { tarFormat: true, pax: true } });
    expect(get(result, 'file:i0:L0-0:etc/hostname:paxHeaderName')).toMatchObject({ a: 'PaxHeaders.42/hostname' });
  });

  it('xattrs, key by key', async () => {
    const a = edit(base(), 'usr/bin/tool', { pax: { 'SCHILY.xattr.user.origin': 'a' } });
    const b = edit(base(), 'usr/bin/tool', { pax: { 'SCHILY.xattr.user.origin': 'b', 'SCHILY.xattr.security.capability': 'cap' } });
    const { result } = await pair([a], [b]);
    expect(rootKinds(result)).toEqual(['file:xattrs.security.capability', 'file:xattrs.user.origin']);
    // Values are canonical base64 of the attribute bytes (src/formats/tar/types.ts).
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(get(result, 'file:i0:L0-0:usr/bin/tool:xattrs.user.origin')).toMatchObject({ a: b64('a'), b: b64('b'), facts: { xattr: 'user.origin' } });
    const cap = get(result, 'file:i0:L0-0:usr/bin/tool:xattrs.security.capability');
    expect(cap.a).toBeUndefined();
    expect(cap.b).toBe(b64('cap'));
  });

  it("one file's content: one root, the digest chain follows it", async () => {
    const text = 'root:x:0:0:root:/root:/bin/bash\n';
    const { result } = await pair([base()], [edit(base(), 'etc/passwd', { data: text })]);
    expect(rootKinds(result)).toEqual(['file:content']);
    const content = get(result, 'file:i0:L0-0:etc/passwd:content');
    expect(content).toMatchObject({
      a: sha('root:x:0:0:root:/root:/bin/sh\n'),
      b: sha(text),
      facts: { sizeA: 30, sizeB: 32 },
      scope: { image: 'app:1 (linux/amd64)', imageA: 0, imageB: 0, layerA: 0, layerB: 0, path: 'etc/passwd' },
    });
    // No root difference at the manifest, config or index level.
    expect(roots(result).filter((d) => ['manifest', 'config', 'index', 'outer-entry', 'layer-blob'].includes(d.subject))).toEqual([]);
    for (const d of result.differences) if (d !== content) expect(d.follows, d.id).toBe(content.id);
    expect(get(result, 'merged:i0:etc/passwd:version')).toMatchObject({ facts: { fields: ['content'] }, follows: content.id });
  });

  it('a whiteout in one image only: a file difference, and the merged fs follows it', async () => {
    const top = (): BuildEntry[] => [{ name: 'etc/motd', data: 'hi\n', mtime: T }];
    const { result } = await pair([base(), top()], [base(), [...top(), { name: 'etc/.wh.hostname', mtime: T }, { name: 'usr/bin/.wh..wh..opq', mtime: T }]]);
    const wh = get(result, 'file:i0:L1-1:etc/.wh.hostname:+');
    expect(wh).toMatchObject({ kind: 'added', b: { type: 'file', size: 0 }, facts: { whiteout: 'file' } });
    expect(get(result, 'file:i0:L1-1:usr/bin/.wh..wh..opq:+').facts).toEqual({ whiteout: 'opaque' });
    expect(get(result, 'merged:i0:etc/hostname:-')).toMatchObject({ kind: 'removed', a: { layer: 0, type: 'file' }, follows: wh.id });
    expect(get(result, 'merged:i0:usr/bin/tool:-').follows).toBe('file:i0:L1-1:usr/bin/.wh..wh..opq:+');
    expect(rootKinds(result)).toEqual(['file:added']);
    // The lower layer is the same blob on both sides: paired by diff_id, no difference there.
    expect(result.pairing.layers).toEqual([
      { image: 0, a: 0, b: 0, by: 'diff_id' },
      { image: 0, a: 1, b: 1, by: 'position' },
    ]);
    expect(result.differences.filter((d) => d.scope.layerA === 0 && d.subject !== 'merged')).toEqual([]);
  });

  it('type and link target', async () => {
    const a = [
      ...base(),
      { name: 'etc/localtime', typeflag: '2', linkname: '/usr/share/zoneinfo/UTC', mtime: T },
      { name: 'bin', typeflag: '2', linkname: 'usr/bin', mtime: T },
    ];
    const b = [...base(), { name: 'etc/localtime', typeflag: '2', linkname: '/usr/share/zoneinfo/CET', mtime: T }, { name: 'bin', typeflag: '5', mtime: T }];
    const { result } = await pair([a], [b]);
    expect(get(result, 'file:i0:L0-0:etc/localtime:linkname')).toMatchObject({ a: '/usr/share/zoneinfo/UTC', b: '/usr/share/zoneinfo/CET' });
    expect(get(result, 'file:i0:L0-0:bin:type')).toMatchObject({ a: 'symlink', b: 'dir', facts: { isDir: true, linknameA: 'usr/bin' } });
    expect(result.differences.filter((d) => d.scope.path === 'bin' && d.subject === 'file').map((d) => d.field)).toEqual(['type']);
  });

  it('added and removed files', async () => {
    const { result } = await pair([base()], [[...base().filter((e) => e.name !== 'etc/hostname'), { name: 'etc/new', data: 'x', mtime: T }]]);
    expect(get(result, 'file:i0:L0-0:etc/hostname:-')).toMatchObject({ kind: 'removed', a: { type: 'file', size: 4 } });
    expect(get(result, 'file:i0:L0-0:etc/new:+')).toMatchObject({ kind: 'added', b: { type: 'file', size: 1 } });
    expect(get(result, 'merged:i0:etc/hostname:-').follows).toBe('file:i0:L0-0:etc/hostname:-');
    expect(get(result, 'merged:i0:etc/new:+').follows).toBe('file:i0:L0-0:etc/new:+');
  });
});
