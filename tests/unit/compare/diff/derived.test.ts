/**
 * Derived bookkeeping folds under its root (docs/causes.md "Derivation rules"): legacy v1
 * folders and `repositories` follow what changed the layer chain (legacy-ids.ts); images pair
 * by identity, and the order a document lists them in is one difference (image-order.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildLegacySave, buildOciArchive, layerTar, type ImageSpec } from '../../../builders/image';
import { nodeHooks } from '../../../support/hooks';
import { alignItems, movedItems } from '../../../../src/compare/diff/image-order';
import { bySubject, diff, get, inspect, roots, rootKinds } from './helpers';

const T = 1700000000;
const base = layerTar([
  { name: 'etc/', typeflag: '5', mtime: T },
  { name: 'etc/hostname', data: 'box\n', mtime: T },
]);
const mid = (mtime: number) =>
  layerTar([
    { name: 'app/', typeflag: '5', mtime },
    { name: 'app/run.sh', data: 'echo hi\n', mode: 0o755, mtime },
  ]);
const top = layerTar([{ name: 'opt/top.txt', data: 'top\n', mtime: T }]);
const spec = (over: Partial<ImageSpec> = {}): ImageSpec => ({ tags: ['app:1'], layers: [base, mid(T), top], ...over });

describe('legacy v1 ids follow the root that changed the chain', () => {
  for (const style of ['docker', 'containers-image'] as const) {
    it(`${style}: the middle layer's mtimes change the ids of layers 2 and 3; their folders and repositories follow the file roots`, async () => {
      const a = buildLegacySave([spec()], nodeHooks, { style, symlinkDuplicates: false });
      const b = buildLegacySave([spec({ layers: [base, mid(T + 60), top] })], nodeHooks, { style, symlinkDuplicates: false });
      const r = diff(await inspect(a.tar), await inspect(b.tar));
      expect(rootKinds(r)).toEqual(['file:mtime']);
      const fileRoot = roots(r)[0].id;
      // every <v1 id>/ entry of layers 2 and 3 is added/removed, and none is a root
      const folders = bySubject(r, 'outer-entry').filter((d) => /^[0-9a-f]{64}\//.test(d.scope.path ?? ''));
      expect(folders.filter((d) => d.kind === 'removed').length).toBeGreaterThanOrEqual(4);
      for (const d of folders) expect(d.follows, d.id).toBe(fileRoot);
      const repo = bySubject(r, 'index').filter((d) => d.facts.file === 'repositories');
      expect(repo.length).toBe(1);
      expect(repo[0].follows).toBe(fileRoot);
    });
  }
});

describe('images pair by identity', () => {
  const two = (order: 'ab' | 'ba') => {
    const one = spec({ tags: ['app:1'] });
    const other = spec({ tags: ['app:2'], layers: [base, mid(T + 60), top] });
    // duplicates copied: a symlink would swap sides with the order (archive.symlinked-layer)
    return buildLegacySave(order === 'ab' ? [one, other] : [other, one], nodeHooks, { symlinkDuplicates: false });
  };

  it('two images listed in the other order pair by config digest; the order is one index difference, nothing else differs', async () => {
    const r = diff(await inspect(two('ab').tar), await inspect(two('ba').tar));
    expect(r.pairing.images.map((p) => [p.a, p.b, p.by])).toEqual([
      [0, 1, 'config'],
      [1, 0, 'config'],
    ]);
    const order = get(r, 'index:manifest.json:order', 'index');
    expect(order).toMatchObject({
      kind: 'reordered',
      field: 'order',
      a: ['app:1', 'app:2'],
      b: ['app:2', 'app:1'],
      facts: { file: 'manifest.json', moved: 1 },
    });
    // no "RepoTags app:1 → app:2", no Config/Layers leaf compared across images
    expect(bySubject(r, 'index').filter((d) => d.facts.file === 'manifest.json' && d.kind !== 'reordered')).toEqual([]);
    expect(
      roots(r)
        .filter((d) => d.subject !== 'outer-order')
        .map((d) => d.id),
    ).toEqual(['index:manifest.json:order']);
  });

  it('images sharing a config digest (one image under two tags) pair by tag among them', async () => {
    const a = buildLegacySave([spec({ tags: ['app:1'] }), spec({ tags: ['app:latest'] })], nodeHooks);
    const b = buildLegacySave([spec({ tags: ['app:latest'] }), spec({ tags: ['app:1'] })], nodeHooks);
    const r = diff(await inspect(a.tar), await inspect(b.tar));
    expect(r.pairing.images.map((p) => [p.a, p.b, p.by])).toEqual([
      [0, 1, 'config'],
      [1, 0, 'config'],
    ]);
  });

  it('alignItems: partner first, then equal JSON, then order; movedItems counts what left its relative order', () => {
    const al = alignItems(['x', 'y', 'z'], ['z', 'w', 'x'], [(it, free) => (it === 'x' ? free((y) => y === 'x') : undefined)]);
    expect(al.partnerOf).toEqual([2, 1, 0]);
    expect(al.b).toEqual(['x', 'w', 'z']);
    expect(movedItems([0, 1, 2])).toBe(0);
    expect(movedItems([1, 0])).toBe(1);
    expect(movedItems([2, 0, 1, -1])).toBe(1);
  });
});

describe('ids of intermediate images follow the steps before them', () => {
  const hex = (c: string) => c.repeat(64);
  /** Two-step history, buildah --layers style: step 1 names the intermediate image of step 0. */
  const buildah = (t: string, from: string, layers = [base, mid(T)]) =>
    buildOciArchive(
      [
        spec({
          layers,
          config: (c) => {
            c.history = [
              { created: t, created_by: '/bin/sh -c #(nop) ADD file:x in / ' },
              { created: t, created_by: '/bin/sh -c #(nop) COPY file:y in /app ', comment: `FROM ${from}` },
            ];
          },
        }),
      ],
      nodeHooks,
    ).tar;

  it("buildah's FROM <id> comment follows the time of the step before it", async () => {
    const r = diff(await inspect(buildah('2024-01-01T00:00:00Z', 'aaaaaaaaaaaa')), await inspect(buildah('2024-01-01T00:01:00Z', 'bbbbbbbbbbbb')));
    expect(get(r, 'history:i0:history[1].comment').follows).toBe('history:i0:history[0].created');
    expect(roots(r).map((d) => d.id)).toEqual(['history:i0:history[0].created', 'history:i0:history[1].created']);
  });

  it('…and stays a root when nothing before it differs (another base image)', async () => {
    const r = diff(await inspect(buildah('2024-01-01T00:00:00Z', 'aaaaaaaaaaaa')), await inspect(buildah('2024-01-01T00:00:00Z', 'bbbbbbbbbbbb')));
    expect(roots(r).map((d) => d.id)).toEqual(['history:i0:history[1].comment']);
  });

  it("the legacy builder's config.Image follows the layer below the last step; Hostname follows the build container id", async () => {
    const legacy = (layer0: Uint8Array, image: string, container: string) =>
      buildOciArchive(
        [
          spec({
            layers: [layer0, mid(T)],
            config: (c) => {
              c.config = { Image: `sha256:${image}` };
              c.container = container;
              c.container_config = { Hostname: container.slice(0, 12), Image: `sha256:${image}` };
            },
          }),
        ],
        nodeHooks,
      ).tar;
    const other = layerTar([
      { name: 'etc/', typeflag: '5', mtime: T },
      { name: 'etc/hostname', data: 'other\n', mtime: T },
    ]);
    const r = diff(await inspect(legacy(base, hex('1'), hex('c'))), await inspect(legacy(other, hex('2'), hex('d'))));
    const fileRoot = get(r, 'config:i0:rootfs.diff_ids[0]').follows;
    expect(fileRoot).toMatch(/^file:i0:L0-0:etc\/hostname/);
    expect(get(r, 'config:i0:config.Image').follows).toBe(fileRoot);
    expect(get(r, 'config:i0:container_config.Image').follows).toBe(fileRoot);
    expect(get(r, 'config:i0:container_config.Hostname').follows).toBe('config:i0:container');
    expect(get(r, 'config:i0:container').follows).toBeUndefined();
  });
});
