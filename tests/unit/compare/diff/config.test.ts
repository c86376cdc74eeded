/**
 * Config, history, manifest and index, compared as JSON leaf by leaf with hints; image
 * pairing (tags, platforms, attestations); and the reusable JSON diff itself.
 */
import { describe, it, expect } from 'vitest';
import { buildLegacySave, buildOciArchive, layerTar, type ImageSpec, type OciOptions } from '../../../builders/image';
import { nodeHooks } from '../../../support/hooks';
import { jsonLeaves } from '../../../../src/compare/diff/json-diff';
import { jsonHints } from '../../../../src/compare/diff/values';
import { bySubject, diff, get, inspect, rootKinds } from './helpers';

const T = 1700000000;
const l0 = layerTar([
  { name: 'etc/', typeflag: '5', mtime: T },
  { name: 'etc/hostname', data: 'box\n', mtime: T },
]);
const l1 = layerTar([{ name: 'app/run.sh', data: 'echo hi\n', mode: 0o755, mtime: T }]);
const spec = (over: Partial<ImageSpec> = {}): ImageSpec => ({ tags: ['app:1'], layers: [l0, l1], ...over });

async function pair(a: ImageSpec[], b: ImageSpec[], oa: OciOptions = {}, ob: OciOptions = oa) {
  const ba = buildOciArchive(a, nodeHooks, { compress: true, ...oa });
  const bb = buildOciArchive(b, nodeHooks, { compress: true, ...ob });
  return { ba, bb, r: diff(await inspect(ba.tar), await inspect(bb.tar)) };
}

describe('config and history', () => {
  it('created and history times: timestamp roots; config, manifest and index digests follow', async () => {
    const hist = (t: string) => [
      { created: t, created_by: 'ADD rootfs' },
      { created: t, created_by: 'COPY app' },
    ];
    const { r, ba, bb } = await pair(
      [spec({ created: '2024-01-01T00:00:00Z', history: hist('2024-01-01T00:00:00Z') })],
      [spec({ created: '2024-05-05T10:00:00Z', history: hist('2024-05-05T10:00:00Z') })],
    );
    expect(rootKinds(r)).toEqual(['config:created', 'history:history[0].created', 'history:history[1].created']);
    expect(get(r, 'config:i0:created')).toMatchObject({ subject: 'config', a: '2024-01-01T00:00:00Z', b: '2024-05-05T10:00:00Z', facts: { timestamp: true } });
    expect(get(r, 'history:i0:history[1].created')).toMatchObject({ subject: 'history', facts: { timestamp: true } });
    const cfg = get(r, 'config:i0:digest');
    expect(cfg).toMatchObject({ a: ba.images[0].configDigest, b: bb.images[0].configDigest, follows: 'config:i0:created' });
    expect(get(r, 'manifest:i0:config.digest').follows).toBe('config:i0:created');
    expect(get(r, 'manifest:i0:digest').follows).toBe('config:i0:created');
    expect(get(r, 'index:index.json:manifests[0].digest')).toMatchObject({ a: ba.images[0].manifestDigest, follows: 'config:i0:created' });
    expect(bySubject(r, 'layer-blob')).toEqual([]);
  });

  it('other config fields, leaf by leaf: Env entries, labels, created_by', async () => {
    const { r } = await pair(
      [spec({ config: (c) => ((c.config as Record<string, unknown>).Labels = { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z', team: 'a' }) })],
      [
        spec({
          config: (c) => {
            const cc = c.config as Record<string, unknown>;
            cc.Env = ['PATH=/usr/bin:/bin', 'DEBUG=1'];
            cc.Labels = { 'org.opencontainers.image.created': '2024-02-02T00:00:00Z', team: 'b' };
          },
          history: [
            { created: '2024-01-01T00:00:00Z', created_by: 'layer 0' },
            { created: '2024-01-01T00:00:00Z', created_by: 'COPY app' },
          ],
        }),
      ],
    );
    expect(get(r, 'config:i0:config.Env[1]')).toMatchObject({ kind: 'added', b: 'DEBUG=1' });
    expect(get(r, 'config:i0:config.Labels.team')).toMatchObject({ a: 'a', b: 'b', facts: { label: true } });
    expect(get(r, 'config:i0:config.Labels.org.opencontainers.image.created').facts).toEqual({ timestamp: true, label: true });
    expect(get(r, 'history:i0:history[1].created_by')).toMatchObject({ a: 'layer 1', b: 'COPY app' });
  });
});

describe('annotations', () => {
  it('index annotations and manifest annotations, with hints', async () => {
    const ann = (t: string) => () => ({ 'org.opencontainers.image.ref.name': 'app:1', 'org.opencontainers.image.created': t });
    const { r } = await pair(
      [spec({ manifest: (m) => (m.annotations = { 'buildkit/rewritten-epoch': 'false' }) })],
      [spec({ manifest: (m) => (m.annotations = { 'buildkit/rewritten-epoch': 'true' }) })],
      { annotate: ann('2024-01-01T00:00:00Z') },
      { annotate: ann('2024-03-03T00:00:00Z') },
    );
    const idx = get(r, 'index:index.json:manifests[0].annotations.org.opencontainers.image.created');
    expect(idx).toMatchObject({
      subject: 'index',
      a: '2024-01-01T00:00:00Z',
      b: '2024-03-03T00:00:00Z',
      facts: { file: 'index.json', timestamp: true, annotation: true },
    });
    expect(idx.follows).toBeUndefined();
    const man = get(r, 'manifest:i0:annotations.buildkit/rewritten-epoch');
    expect(man).toMatchObject({ subject: 'manifest', a: 'false', b: 'true', facts: { annotation: true } });
    expect(get(r, 'manifest:i0:digest').follows).toBe(man.id);
    expect(get(r, 'index:index.json:manifests[0].digest').follows).toBe(man.id);
    expect(rootKinds(r)).toEqual(['index:manifests[0].annotations.org.opencontainers.image.created', 'manifest:annotations.buildkit/rewritten-epoch']);
  });
});

describe('image pairing', () => {
  it('an attestation present in one archive only', async () => {
    const { r, ba } = await pair([spec()], [spec()], { attestations: true }, { attestations: false });
    expect(r.pairing.images).toEqual([
      { a: 0, b: 0, label: 'app:1 (linux/amd64)', by: 'only' },
      { a: 1, b: null, label: 'attestation of app:1 (linux/amd64)', by: 'unpaired' },
    ]);
    const img = get(r, 'image:i1:-');
    expect(img).toMatchObject({ kind: 'removed', facts: { kind: 'attestation', attests: ba.images[0].manifestDigest, manifest: ba.attestationDigests![0] } });
    for (const d of bySubject(r, 'index')) expect(d.follows, d.id).toBe(img.id);
    for (const d of bySubject(r, 'outer-entry')) expect(d.follows, d.id).toBe(img.id);
    expect(rootKinds(r)).toEqual(['image:removed']);
  });

  it('attestations pair with the attestation of the paired image', async () => {
    // B's configs are newer (another created time), so the images pair by platform, not by config digest
    const later = { created: '2024-05-05T00:00:00Z' };
    const { r } = await pair(
      [spec(), spec({ tags: ['app:2'], architecture: 'arm64' })],
      [spec({ tags: ['app:2'], architecture: 'arm64', ...later }), spec(later)],
      { attestations: true },
    );
    expect(r.pairing.images.map((p) => [p.a, p.b, p.by])).toEqual([
      [0, 2, 'platform'],
      [1, 3, 'attests'],
      [2, 0, 'platform'],
      [3, 1, 'attests'],
    ]);
  });

  it('images pair by tag across spellings of the same reference', async () => {
    // docker save writes RepoTags for every image (the OCI builder tags the first one only).
    const a = buildLegacySave([spec({ tags: ['docker.io/library/app:1'] }), spec({ tags: ['other:2'], layers: [l1] })], nodeHooks);
    // B's configs are newer, so tags (not config digests) pair them
    const later = { created: '2024-05-05T00:00:00Z' };
    const b = buildLegacySave([spec({ tags: ['other:2'], layers: [l1], ...later }), spec({ tags: ['app:1'], ...later })], nodeHooks);
    const r = diff(await inspect(a.tar), await inspect(b.tar));
    expect(r.pairing.images.map((p) => [p.a, p.b, p.by])).toEqual([
      [0, 1, 'tag'],
      [1, 0, 'tag'],
    ]);
  });
});

describe('json diff', () => {
  it('one leaf per path; one-sided subtrees walk down to their leaves', () => {
    const a = { created: 'x', config: { Env: ['A=1', 'B=2'] }, history: [{ created_by: 'a' }], keep: [1] };
    const b = {
      created: 'y',
      config: { Env: ['A=1'], Labels: { x: '1', y: {} } },
      history: [{ created_by: 'b' }, { created_by: 'c', empty_layer: true }],
      keep: [1],
    };
    expect(jsonLeaves(a, b)).toEqual([
      { path: 'created', kind: 'changed', a: 'x', b: 'y' },
      { path: 'config.Env[1]', kind: 'removed', a: 'B=2' },
      { path: 'config.Labels.x', kind: 'added', b: '1' },
      { path: 'config.Labels.y', kind: 'added', b: {} },
      { path: 'history[0].created_by', kind: 'changed', a: 'a', b: 'b' },
      { path: 'history[1].created_by', kind: 'added', b: 'c' },
      { path: 'history[1].empty_layer', kind: 'added', b: true },
    ]);
    expect(jsonLeaves({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: 'a', kind: 'changed', a: [1], b: { 0: 1 } }]);
    expect(jsonLeaves(null, { x: 1 })).toEqual([{ path: '', kind: 'changed', a: null, b: { x: 1 } }]);
  });

  it('hints', () => {
    expect(jsonHints('history[3].created', '2024-01-01T00:00:00Z', undefined)).toEqual({ timestamp: true });
    expect(jsonHints('manifests[0].digest', 'sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64))).toEqual({ digest: true });
    expect(jsonHints('rootfs.diff_ids[1]', 'x', 'y')).toEqual({ digest: true });
    expect(jsonHints('annotations.org.opencontainers.image.created', 'x', 'y')).toEqual({ timestamp: true, annotation: true });
    expect(jsonHints('config.Labels.org.label-schema.build-date', 'x', 'y')).toEqual({ timestamp: true, label: true });
    expect(jsonHints('config.Cmd[0]', 'sh', 'bash')).toEqual({});
  });
});
