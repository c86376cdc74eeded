import { describe, expect, it } from 'vitest';
import { buildDocker25, buildKanikoTarball, buildLegacySave, buildOciArchive, type BuiltArchive } from '../../builders/image';
import type { BuildEntry } from '../../builders/tar';
import { readOuter, factsFor, sha256 } from '../../support/listing';
import { checkIntegrity, readLayout } from '../../../src/image';
import { APP, BASE, CLEANUP } from './fixtures';
import { failing, hooks, inspect } from './hooks';

const bytesOf = (e: BuildEntry) => (typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data!);
const replaceData = (name: string, f: (b: Uint8Array) => Uint8Array) => (es: BuildEntry[]) =>
  es.map((e) => (e.name === name ? { ...e, data: f(bytesOf(e)) } : e));
const p = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;

describe('healthy archives pass every check', () => {
  const cases: [string, BuiltArchive][] = [
    [
      'legacy',
      buildLegacySave(
        [
          { tags: ['a:1'], layers: [BASE, APP, BASE] },
          { tags: ['b:1'], layers: [BASE, CLEANUP] },
        ],
        hooks,
      ),
    ],
    ['Docker 25 graphdriver', buildDocker25({ tags: ['a:1'], layers: [BASE, APP] }, hooks, { store: 'graphdriver' })],
    ['Docker 25 containerd', buildDocker25({ tags: ['a:1'], layers: [BASE, APP] }, hooks, { store: 'containerd' })],
    [
      'OCI multi-platform',
      buildOciArchive([{ layers: [BASE] }, { layers: [APP], architecture: 'arm64' }], hooks, { compress: true, index: 'nested', attestations: true }),
    ],
    ['kaniko', buildKanikoTarball({ tags: ['k:1'], layers: [BASE, APP] }, hooks)],
  ];
  it.each(cases)('%s', (_, b) => {
    const { checks } = inspect(b.tar);
    expect(failing(checks)).toEqual([]);
    const kinds = new Set(checks.map((c) => c.kind));
    expect(kinds.has('reference')).toBe(true);
    expect(kinds.has('diff-id')).toBe(true);
    expect(kinds.has('layer-count')).toBe(true);
  });

  it('checks each descriptor digest and size in OCI layouts', () => {
    const b = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks, { compress: true });
    const { checks } = inspect(b.tar);
    const digests = checks.filter((c) => c.kind === 'blob-digest').map((c) => c.expected);
    expect(digests.sort()).toEqual([b.images[0].manifestDigest, b.images[0].configDigest, ...b.images[0].layerDigests].sort());
    expect(checks.filter((c) => c.kind === 'blob-size')).toHaveLength(4);
  });
});

describe('each fault yields exactly one failing check with the exact subject', () => {
  it('a layer blob renamed (OCI)', () => {
    const clean = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks, { compress: true });
    const name = clean.images[0].layerNames[1];
    const b = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks, {
      compress: true,
      transform: (es) => es.map((e) => (e.name === name ? { ...e, name: `${name}.orig` } : e)),
    });
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'reference', subject: `layer 2 of x [linux/amd64] (${name})`, expected: name });
    expect(bad[0].message).toBe(`the manifest refers to ${name}, which is not in the archive`);
  });

  it('a layer missing (legacy docker save)', () => {
    const clean = buildLegacySave([{ tags: ['app:1'], layers: [BASE, APP] }], hooks);
    const name = clean.images[0].layerNames[0];
    const b = buildLegacySave([{ tags: ['app:1'], layers: [BASE, APP] }], hooks, { transform: (es) => es.filter((e) => e.name !== name) });
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'reference', subject: `layer 1 of app:1 [linux/amd64] (${name})` });
  });

  it('a blob whose bytes do not match its digest (gzip header MTIME changed: same diff_id, same size)', () => {
    const clean = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks, { compress: true });
    const name = clean.images[0].layerNames[0];
    let changed = new Uint8Array();
    const b = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks, {
      compress: true,
      transform: replaceData(name, (d) => {
        changed = d.slice();
        changed.set([0x01, 0x02, 0x03, 0x04], 4); // RFC 1952 MTIME: not covered by the CRC
        return changed;
      }),
    });
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({
      kind: 'blob-digest',
      subject: `layer 1 of x [linux/amd64] (${name})`,
      expected: clean.images[0].layerDigests[0],
      actual: sha256(changed),
    });
  });

  it('a legacy config whose bytes do not match its <hex>.json name', () => {
    const clean = buildLegacySave([{ tags: ['app:1'], layers: [BASE] }], hooks);
    const name = clean.images[0].configName;
    const b = buildLegacySave([{ tags: ['app:1'], layers: [BASE] }], hooks, { transform: replaceData(name, (d) => new Uint8Array([...d, 0x0a])) });
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'blob-digest', subject: `config of app:1 [linux/amd64] (${name})`, expected: clean.images[0].configDigest });
  });

  it('a diff_id that does not match the uncompressed layer', () => {
    const wrong = sha256(new TextEncoder().encode('not this layer'));
    const b = buildOciArchive(
      [
        {
          tags: ['x'],
          layers: [BASE, APP],
          config: (c) => {
            (c.rootfs as { diff_ids: string[] }).diff_ids[1] = wrong;
          },
        },
      ],
      hooks,
      { compress: true },
    );
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({
      kind: 'diff-id',
      subject: `layer 2 of x [linux/amd64] (${b.images[0].layerNames[1]})`,
      expected: wrong,
      actual: sha256(APP),
    });
    expect(bad[0].message).toBe(`uncompressed ${b.images[0].layerNames[1]} hashes to ${sha256(APP)}, but config rootfs.diff_ids[1] is ${wrong}`);
  });

  it('a size that does not match the descriptor', () => {
    let size = 0;
    const b = buildOciArchive(
      [
        {
          tags: ['x'],
          layers: [BASE, APP],
          manifest: (m) => {
            const l = (m.layers as { size: number }[])[0];
            size = l.size;
            l.size += 1;
          },
        },
      ],
      hooks,
      { compress: true },
    );
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({
      kind: 'blob-size',
      subject: `layer 1 of x [linux/amd64] (${b.images[0].layerNames[0]})`,
      expected: String(size + 1),
      actual: String(size),
    });
  });

  it('fewer diff_ids than layers', () => {
    const b = buildLegacySave(
      [
        {
          tags: ['app:1'],
          layers: [BASE, APP],
          config: (c) => {
            (c.rootfs as { diff_ids: string[] }).diff_ids.pop();
          },
        },
      ],
      hooks,
    );
    const bad = failing(inspect(b.tar).checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'layer-count', subject: 'layers of app:1 [linux/amd64]', expected: '1', actual: '2' });
  });

  it('a nested index that is missing (containerd store)', () => {
    const clean = buildDocker25({ tags: ['app:1'], layers: [BASE] }, hooks, { store: 'containerd' });
    const nested = p(clean.nestedIndexDigest!);
    const b = buildDocker25({ tags: ['app:1'], layers: [BASE] }, hooks, { store: 'containerd', transform: (es) => es.filter((e) => e.name !== nested) });
    const { archive, checks } = inspect(b.tar);
    const bad = failing(checks);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'reference', subject: `nested index ${clean.nestedIndexDigest} (${nested})` });
    // manifest.json still describes the image; its manifest is found among the blobs.
    expect(archive.images.map((i) => i.manifest?.digest)).toEqual([clean.images[0].manifestDigest]);
  });
});

describe('facts from the engine', () => {
  it('a symlinked duplicate layer is checked through the entry it resolves to', () => {
    const b = buildLegacySave([{ tags: ['d:1'], layers: [BASE, APP, BASE] }], hooks);
    const { checks } = inspect(b.tar);
    expect(failing(checks)).toEqual([]);
    const ref = checks.find((c) => c.kind === 'reference' && c.subject.startsWith('layer 3 '));
    expect(ref?.actual).toBe(`${b.images[0].layerNames[2]} -> ${b.images[0].layerNames[0]}`);
  });

  it('a layer that could not be decompressed fails its diff-id check with the reason', () => {
    const b = buildOciArchive([{ tags: ['x'], layers: [BASE] }], hooks, { compress: true });
    const { listing, contents } = readOuter(b.tar);
    const archive = readLayout(listing);
    const facts = factsFor(archive, contents);
    const name = b.images[0].layerNames[0];
    const f = facts.get(name)!;
    facts.set(name, { size: f.size, sha256: f.sha256, error: { code: 'corrupt', component: 'gzip', message: 'gzip: CRC32 mismatch in member 1' } });
    const bad = failing(checkIntegrity(archive, facts));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'diff-id', actual: 'unreadable: gzip: CRC32 mismatch in member 1' });
  });

  it('blobs nobody refers to are still checked against their names', () => {
    const b = buildOciArchive([{ tags: ['x'], layers: [BASE] }], hooks);
    const { listing, contents } = readOuter(b.tar);
    const archive = readLayout(listing);
    const facts = factsFor(archive, contents);
    const orphan = `blobs/sha256/${'f'.repeat(64)}`;
    facts.set(orphan, { size: 3, sha256: sha256(new Uint8Array([1, 2, 3])) });
    const bad = failing(checkIntegrity(archive, facts));
    expect(bad.map((c) => [c.kind, c.subject])).toEqual([['blob-digest', `blob ${orphan}`]]);
  });
});
