import { describe, expect, it } from 'vitest';
import { buildDocker25, buildKanikoTarball, buildLegacySave, buildOciArchive } from '../../builders/image';
import { buildTar } from '../../builders/tar';
import { listingFromTar } from '../../support/listing';
import { readLayout } from '../../../src/image';
import { MAX_INDEX_DEPTH } from '../../../src/image/layouts/oci-walk';
import { APP, BASE, CLEANUP } from './fixtures';
import { hooks } from './hooks';

const read = (tar: Uint8Array) => readLayout(listingFromTar(tar));
const HIST = [
  { created: '2024-01-01T00:00:00Z', created_by: 'ADD base /' },
  { created: '2024-01-01T00:00:01Z', created_by: 'ENV X=1', empty_layer: true },
  { created: '2024-01-01T00:00:02Z', created_by: 'COPY app /app' },
];

describe('docker save (legacy)', () => {
  it('reads manifest.json, configs, v1 layer dirs and repositories', () => {
    const b = buildLegacySave([{ tags: ['app:1'], layers: [BASE, APP], history: HIST }], hooks);
    const a = read(b.tar);
    expect(a.layout).toBe('docker-legacy');
    expect(a.layoutLabel).toBe('docker save (legacy, Docker < 25)');
    expect(a.errors).toEqual([]);
    expect(a.images).toHaveLength(1);
    const img = a.images[0];
    expect(img.kind).toBe('image');
    expect(img.tags).toEqual(['app:1']);
    expect(img.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(img.config.digest).toBe(b.images[0].configDigest);
    expect(img.config.blob?.entry).toBe(b.images[0].configName);
    expect(img.config.diffIds).toEqual(b.images[0].diffIds);
    expect(img.config.history).toEqual(HIST);
    expect(img.layers.map((l) => l.blob?.entry)).toEqual(b.images[0].layerNames);
    expect(img.layers.map((l) => l.digest)).toEqual([undefined, undefined]); // v1 ids are not digests
    expect(img.layers.map((l) => l.diffId)).toEqual(b.images[0].diffIds);
    expect(img.layers.map((l) => l.historyIndex)).toEqual([0, 2]); // history[1] is empty_layer
    expect(a.repositories).toEqual({ app: { '1': b.images[0].layerNames[1].split('/')[0] } });
    expect(Array.isArray(a.dockerManifest)).toBe(true);
  });

  it('resolves a duplicate layer stored as a symlink', () => {
    const b = buildLegacySave([{ tags: ['dup:1'], layers: [BASE, APP, BASE] }], hooks);
    const a = read(b.tar);
    const [first, , third] = b.images[0].layerNames;
    expect(a.errors).toEqual([]);
    expect(a.images[0].layers[2].blob).toEqual({ entry: first, via: third });
    expect(a.notes).toContain(`duplicate layer stored as a symlink: ${third} -> ${first}`);
  });

  it('reads several images sharing a base layer', () => {
    const b = buildLegacySave(
      [
        { tags: ['a:1'], layers: [BASE, APP] },
        { tags: ['b:2', 'b:latest'], layers: [BASE, CLEANUP] },
      ],
      hooks,
    );
    const a = read(b.tar);
    expect(a.errors).toEqual([]);
    expect(a.images.map((i) => i.tags)).toEqual([['a:1'], ['b:2', 'b:latest']]);
    expect(a.images[1].layers[0].blob?.entry).toBe(a.images[0].layers[0].blob?.entry);
    expect(a.images[1].layers[1].blob?.entry).toBe(b.images[1].layerNames[1]);
  });

  it('skopeo/podman docker-archive: top-level <diff_id>.tar layers with <id>/layer.tar symlinks', () => {
    const b = buildLegacySave([{ tags: ['docker.io/x/y:1'], layers: [BASE, APP] }], hooks, { style: 'containers-image' });
    const a = read(b.tar);
    expect(a.layout).toBe('docker-legacy');
    expect(a.layoutLabel).toBe('docker-archive (containers/image writer: skopeo, podman)');
    expect(a.errors).toEqual([]);
    expect(a.images[0].layers.map((l) => l.blob?.entry)).toEqual(b.images[0].layerNames);
    expect(a.images[0].layers.map((l) => l.digest)).toEqual(b.images[0].diffIds); // the name is the digest
  });

  it('reads an archive without manifest.json (before Docker 1.10) through repositories and parent chains', () => {
    const b = buildLegacySave([{ tags: ['old:1'], layers: [BASE, APP], history: HIST }], hooks, { manifest: false });
    const a = read(b.tar);
    expect(a.layout).toBe('docker-legacy');
    expect(a.layoutLabel).toBe('docker save (before Docker 1.10: no manifest.json)');
    expect(a.errors).toEqual([]);
    const img = a.images[0];
    expect(img.tags).toEqual(['old:1']);
    expect(img.layers.map((l) => l.blob?.entry)).toEqual(b.images[0].layerNames);
    // No image config: the top v1 JSON stands in, history comes from the chain.
    const top = b.images[0].layerNames[1].split('/')[0];
    expect(img.config.blob?.entry).toBe(`${top}/json`);
    expect(img.config.digest).toBeUndefined();
    expect(img.config.diffIds).toEqual([]);
    expect(img.config.history.map((h) => h.created_by)).toEqual(['ADD base /', 'COPY app /app']);
    expect(img.layers.map((l) => l.historyIndex)).toEqual([0, 1]);
  });

  it('attaches a lone top-level config to a manifest-less archive', () => {
    const b = buildLegacySave([{ tags: ['old:1'], layers: [BASE, APP] }], hooks, { manifest: false, configs: true });
    const a = read(b.tar);
    expect(a.errors).toEqual([]);
    expect(a.images[0].config.digest).toBe(b.images[0].configDigest);
    expect(a.images[0].layers.map((l) => l.diffId)).toEqual(b.images[0].diffIds);
    expect(a.notes).toContain(`config ${b.images[0].configName} matched to old:1 by its layer count (no manifest.json names it)`);
  });

  it('reports a missing layer and still returns everything else', () => {
    let dropped = '';
    const b = buildLegacySave([{ tags: ['app:1'], layers: [BASE, APP] }], hooks, {
      transform: (es) => {
        dropped = es.filter((e) => e.name.endsWith('/layer.tar'))[1].name;
        return es.filter((e) => e.name !== dropped);
      },
    });
    const a = read(b.tar);
    expect(a.errors.map((e) => e.message)).toEqual([`docker archive: manifest.json refers to ${dropped} (layer 2 of app:1) which is not in the archive`]);
    expect(a.errors[0]).toMatchObject({ code: 'corrupt', component: 'docker archive', path: dropped });
    expect(a.images[0].layers[1].blob).toBeNull();
    expect(a.images[0].layers[1].ref).toBe(dropped);
    expect(a.images[0].layers[0].blob?.entry).toBe(b.images[0].layerNames[0]);
    expect(a.images[0].config.json).not.toBeNull();
  });

  it('names the file when manifest.json is not JSON, and falls back to the parent chains', () => {
    const b = buildLegacySave([{ tags: ['app:1'], layers: [BASE] }], hooks, {
      transform: (es) => es.map((e) => (e.name === 'manifest.json' ? { ...e, data: '[{"Config": ' } : e)),
    });
    const a = read(b.tar);
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].component).toBe('manifest.json');
    expect(a.errors[0].message).toMatch(/^manifest\.json: not valid JSON: /);
    expect(a.images.map((i) => i.tags)).toEqual([['app:1']]);
  });

  it('gives a clean error for a manifest.json holding null', () => {
    const a = read(buildTar([{ name: 'manifest.json', data: 'null' }]));
    expect(a.layout).toBe('docker-legacy');
    expect(a.images).toEqual([]);
    expect(a.errors.map((e) => e.message)).toEqual(['docker archive: manifest.json holds null, expected a list of images']);
  });
});

describe('docker save (Docker 25+)', () => {
  it('graphdriver store: OCI layout + manifest.json + LayerSources + repositories', () => {
    const b = buildDocker25({ tags: ['app:1'], layers: [BASE, APP], history: HIST }, hooks, { store: 'graphdriver' });
    const a = read(b.tar);
    expect(a.layout).toBe('docker-oci');
    expect(a.layoutLabel).toBe('docker save (Docker 25+, graphdriver store)');
    expect(a.errors).toEqual([]);
    expect(a.images).toHaveLength(1);
    const img = a.images[0];
    expect(img.tags).toEqual(['app:1']); // RepoTags; docker.io/library/app:1 is the same name
    expect(img.manifest?.digest).toBe(b.images[0].manifestDigest);
    expect(img.config.digest).toBe(b.images[0].configDigest);
    expect(img.layers.map((l) => l.digest)).toEqual(b.images[0].diffIds); // uncompressed: digest == diff_id
    expect(img.layers.map((l) => l.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar', 'application/vnd.oci.image.layer.v1.tar']);
    expect(img.layers.map((l) => l.historyIndex)).toEqual([0, 2]);
    expect(a.index?.manifests.map((m) => m.digest)).toEqual([b.images[0].manifestDigest]);
    expect(a.repositories).toBeDefined();
  });

  it('containerd image store: nested index, compressed layers, attestation manifest', () => {
    const b = buildDocker25({ tags: ['app:1'], layers: [BASE, APP] }, hooks, { store: 'containerd' });
    const a = read(b.tar);
    expect(a.layout).toBe('docker-oci');
    expect(a.layoutLabel).toBe('docker save (Docker 25+, containerd image store)');
    expect(a.errors).toEqual([]);
    expect(a.index?.children.map((c) => c.digest)).toEqual([b.nestedIndexDigest]);
    expect(a.images.map((i) => i.kind)).toEqual(['image', 'attestation']);
    const [img, att] = a.images;
    expect(img.tags).toEqual(['app:1']);
    expect(img.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(img.layers.map((l) => l.digest)).toEqual(b.images[0].layerDigests);
    expect(img.layers.map((l) => l.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar+gzip', 'application/vnd.oci.image.layer.v1.tar+gzip']);
    expect(img.layers.map((l) => l.diffId)).toEqual(b.images[0].diffIds);
    expect(att.attests).toBe(b.images[0].manifestDigest);
    expect(att.manifest?.digest).toBe(b.attestationDigests?.[0]);
    expect(att.platform).toEqual({ os: 'unknown', architecture: 'unknown' });
    expect(att.tags).toEqual([]);
    expect(att.layers[0].mediaType).toBe('application/vnd.in-toto+json');
  });

  it('containerd image store with platforms that were not pulled: one error each, records kept', () => {
    const b = buildDocker25({ tags: ['app:1'], layers: [BASE] }, hooks, {
      store: 'containerd',
      missingPlatforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8' }],
    });
    const a = read(b.tar);
    const missing = a.images[2];
    expect(missing.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(missing.manifest?.blob).toBeNull();
    const nested = `blobs/sha256/${b.nestedIndexDigest!.slice(7)}`;
    const path = `blobs/sha256/${missing.manifest!.digest.slice(7)}`;
    expect(a.errors.map((e) => e.message)).toEqual([
      `docker archive: index ${nested} refers to ${path} (manifest for linux/arm64/v8) which is not in the archive`,
    ]);
    expect(a.images[0].layers[0].blob).not.toBeNull();
  });
});

describe('OCI image layout', () => {
  it('oci-archive: one image, tag from org.opencontainers.image.ref.name', () => {
    const b = buildOciArchive([{ tags: ['latest'], layers: [BASE, APP] }], hooks, { compress: true });
    const a = read(b.tar);
    expect(a.layout).toBe('oci');
    expect(a.layoutLabel).toBe('OCI image layout');
    expect(a.errors).toEqual([]);
    expect(a.images[0].tags).toEqual(['latest']);
    expect(a.images[0].manifest?.digest).toBe(b.images[0].manifestDigest);
    expect(a.images[0].layers.map((l) => l.blob?.entry)).toEqual(b.images[0].layerNames);
    expect(a.images[0].layers.map((l) => l.blob?.expectedDigest)).toEqual(b.images[0].layerDigests);
    expect(a.images[0].layers.map((l) => l.digest)).toEqual(b.images[0].layerDigests);
  });

  it('multi-platform index: one image per platform manifest, attestations as kind attestation', () => {
    const b = buildOciArchive(
      [
        { tags: ['multi:1'], layers: [BASE], architecture: 'amd64' },
        { tags: ['multi:1'], layers: [BASE, APP], architecture: 'arm64', variant: 'v8' },
      ],
      hooks,
      { compress: true, index: 'nested', attestations: true },
    );
    const a = read(b.tar);
    expect(a.errors).toEqual([]);
    expect(a.images.map((i) => [i.kind, i.platform?.architecture, i.tags])).toEqual([
      ['image', 'amd64', ['multi:1']],
      ['attestation', 'unknown', []],
      ['image', 'arm64', ['multi:1']],
      ['attestation', 'unknown', []],
    ]);
    expect(a.images[1].attests).toBe(b.images[0].manifestDigest);
    expect(a.images[3].attests).toBe(b.images[1].manifestDigest);
    expect(a.images[2].layers).toHaveLength(2);
    expect(a.notes).toContain('multi-platform: linux/amd64, linux/arm64/v8');
    expect(a.notes).toContain('2 attestation manifests (BuildKit provenance/SBOM)');
  });

  it('one manifest listed once per tag is one image with both tags', () => {
    const b = buildOciArchive([{ tags: ['v1'], layers: [BASE] }], hooks, {
      transform: (es) =>
        es.map((e) => {
          if (e.name !== 'index.json') return e;
          const idx = JSON.parse(new TextDecoder().decode(e.data as Uint8Array)) as { manifests: { annotations?: Record<string, string> }[] };
          idx.manifests.push({ ...idx.manifests[0], annotations: { 'org.opencontainers.image.ref.name': 'latest' } });
          return { ...e, data: JSON.stringify(idx) };
        }),
    });
    const a = read(b.tar);
    expect(a.errors).toEqual([]);
    expect(a.images.map((i) => i.tags)).toEqual([['v1', 'latest']]);
  });

  it('flat multi-platform index (platform manifests listed in index.json)', () => {
    const b = buildOciArchive(
      [
        { layers: [BASE], architecture: 'amd64' },
        { layers: [APP], architecture: 's390x' },
      ],
      hooks,
    );
    const a = read(b.tar);
    expect(a.errors).toEqual([]);
    expect(a.index?.children).toEqual([]);
    expect(a.images.map((i) => i.manifest?.digest)).toEqual(b.images.map((i) => i.manifestDigest));
  });

  it('missing layer blob: an error naming manifest, blob and layer; blob null', () => {
    const b = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks);
    const gone = b.images[0].layerNames[1];
    const t = buildOciArchive([{ tags: ['x'], layers: [BASE, APP] }], hooks, { transform: (es) => es.filter((e) => e.name !== gone) });
    const a = read(t.tar);
    const m = `blobs/sha256/${b.images[0].manifestDigest!.slice(7)}`;
    expect(a.errors.map((e) => e.message)).toEqual([`OCI layout: manifest ${m} refers to ${gone} (layer 2 of x [linux/amd64]) which is not in the archive`]);
    expect(a.images[0].layers[1].blob).toBeNull();
    expect(a.images[0].layers[1].digest).toBe(b.images[0].layerDigests[1]);
  });

  it('does not follow an index that lists itself', () => {
    const hexC = 'c'.repeat(64);
    const nested = JSON.stringify({ manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${hexC}` }] });
    const a = read(
      buildTar([
        { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
        { name: 'index.json', data: nested },
        { name: `blobs/sha256/${hexC}`, data: nested },
      ]),
    );
    expect(a.errors.map((e) => e.message)).toEqual([
      `OCI layout: index blobs/sha256/${hexC} refers to itself (a cycle: index blobs/sha256/${hexC} lists it again); not followed`,
    ]);
  });

  it('a descriptor digest that is not a valid sha256 (sha256:zz) is an invalid digest, not a missing blob', () => {
    const a = read(
      buildTar([
        { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
        {
          name: 'index.json',
          data: JSON.stringify({ manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:zz', size: 2 }] }),
        },
      ]),
    );
    expect(a.errors.map((e) => e.message)).toEqual(['OCI layout: index.json lists manifest with an invalid digest "sha256:zz"']);
  });

  it('two manifest.json entries for one config that disagree are noted (issue 12: the last won silently)', () => {
    const b = buildLegacySave([{ tags: ['app:1'], layers: [BASE] }], hooks, {
      transform: (es) =>
        es.map((e) => {
          if (e.name !== 'manifest.json') return e;
          const [entry] = JSON.parse(String(e.data instanceof Uint8Array ? new TextDecoder().decode(e.data) : e.data));
          return { ...e, data: JSON.stringify([entry, { ...entry, RepoTags: ['app:2'] }]) };
        }),
    });
    const a = read(b.tar);
    expect(a.notes).toContain(`manifest.json[0] and manifest.json[1] both describe config ${b.images[0].configName} but disagree on RepoTags`);
  });

  /** A chain of `levels` nested indexes over one image (issue 12: 50 levels were refused as "too deeply or refers to itself"). */
  function chain(levels: number): ReturnType<typeof read> {
    const b = buildOciArchive([{ tags: ['v1'], layers: [BASE] }], hooks);
    const entries = [...b.entries];
    const index = entries.find((e) => e.name === 'index.json')!;
    let top = String(index.data instanceof Uint8Array ? new TextDecoder().decode(index.data) : index.data);
    for (let i = 0; i < levels; i++) {
      const digest = hooks.sha256(new TextEncoder().encode(top));
      entries.push({ name: `blobs/sha256/${digest.slice(7)}`, data: top });
      top = JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest, size: top.length }] });
    }
    return read(buildTar(entries.map((e) => (e.name === 'index.json' ? { ...e, data: top } : e))));
  }

  it(`follows a chain of 50 nested indexes; past ${MAX_INDEX_DEPTH} levels it says so, with the limit`, () => {
    const ok = chain(50);
    expect(ok.errors).toEqual([]);
    expect(ok.images).toHaveLength(1);
    const deep = chain(MAX_INDEX_DEPTH + 2);
    expect(deep.images).toHaveLength(0);
    expect(deep.errors.map((e) => e.message)[0]).toMatch(
      new RegExp(
        `^OCI layout: index blobs/sha256/[0-9a-f]{64} is nested too deeply: more than ${MAX_INDEX_DEPTH} levels of image indexes \\(limit ${MAX_INDEX_DEPTH}\\); not followed$`,
      ),
    );
  });

  it('accepts Docker v2 schema 2 media types', () => {
    const b = buildOciArchive(
      [
        {
          layers: [BASE],
          manifest: (m) => {
            m.mediaType = 'application/vnd.docker.distribution.manifest.v2+json';
            (m.config as Record<string, unknown>).mediaType = 'application/vnd.docker.container.image.v1+json';
            for (const l of m.layers as Record<string, unknown>[]) l.mediaType = 'application/vnd.docker.image.rootfs.diff.tar';
          },
        },
      ],
      hooks,
    );
    const a = read(b.tar);
    expect(a.errors).toEqual([]);
    expect(a.images[0].kind).toBe('image');
    expect(a.images[0].config.mediaType).toBe('application/vnd.docker.container.image.v1+json');
    expect(a.images[0].layers[0].diffId).toBe(b.images[0].diffIds[0]);
  });
});

describe('ggcr / kaniko tarball', () => {
  it('reads sha256:<hex> config and <hex>.tar.gz layers, digests from the names', () => {
    const b = buildKanikoTarball({ tags: ['k:latest'], layers: [BASE, APP, CLEANUP] }, hooks);
    const a = read(b.tar);
    expect(a.layout).toBe('docker-tarball');
    expect(a.errors).toEqual([]);
    expect(a.images[0].tags).toEqual(['k:latest']);
    expect(a.images[0].config.digest).toBe(b.images[0].configDigest);
    expect(a.images[0].layers.map((l) => l.digest)).toEqual(b.images[0].layerDigests);
    expect(a.images[0].layers.map((l) => l.diffId)).toEqual(b.images[0].diffIds);
  });
});

describe('not an image', () => {
  it('a plain tar is read as plain', () => {
    const a = read(buildTar([{ name: 'README.md', data: '# hi\n' }]));
    expect(a).toMatchObject({ layout: 'plain', images: [], errors: [] });
  });
  it("a web app's manifest.json (an object) does not make it a docker archive", () => {
    const a = read(
      buildTar([
        { name: 'index.html', data: '<!doctype html>' },
        { name: 'manifest.json', data: '{"name":"app","icons":[]}' },
      ]),
    );
    expect(a.layout).toBe('plain');
  });
});

describe('large plain tars', () => {
  it('detects a 200,000-entry tar of a filesystem as plain without capturing anything', () => {
    const base = listingFromTar(buildTar([{ name: 'x', data: '' }])).entries[0];
    const entries = Array.from({ length: 200_000 }, (_, i) => ({ ...base, name: `usr/lib/pkg${i % 500}/file${i}.json`, index: i }));
    const a = readLayout({ entries, files: new Map() });
    expect(a.layout).toBe('plain');
    expect(a.notes).toEqual(['no manifest.json, index.json, oci-layout or repositories: read as a plain tar of 200000 entries']);
  });
});

describe('read never throws', () => {
  const oci = (index: string, extra: { name: string; data: string }[] = []) =>
    buildTar([{ name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' }, { name: 'index.json', data: index }, ...extra]);
  const docker = (manifest: string, extra: { name: string; data: string }[] = []) =>
    buildTar([{ name: 'manifest.json', data: manifest }, { name: 'x/layer.tar', data: '' }, ...extra]);
  const cases: [string, Uint8Array][] = [
    ['manifest.json fields of the wrong types', docker('[{"Config": 5, "Layers": "x", "RepoTags": [1]}]')],
    ['manifest.json entry null', docker('[null]')],
    ['layers that are not strings', docker('[{"Config":"c.json","Layers":[1, null]}]', [{ name: 'c.json', data: '{"rootfs":{"diff_ids":"no"}}' }])],
    ['manifest.json a string', docker('"hello"')],
    ['index.json manifests not a list', oci('{"manifests":"x"}')],
    ['index.json descriptor without digest', oci('{"manifests":[{"digest":5},{}]}')],
    ['index.json a list', oci('[]')],
    ['index.json null', oci('null')],
    ['index.json not JSON', oci('{')],
    ['invalid digest', oci('{"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:XYZ!!"}]}')],
    [
      'manifest blob without config',
      oci('{"manifests":[{"digest":"sha256:' + 'a'.repeat(64) + '"}]}', [
        { name: 'blobs/sha256/' + 'a'.repeat(64), data: '{"layers":5,"config":{"digest":7}}' },
      ]),
    ],
    [
      'repositories not an object',
      buildTar([
        { name: 'repositories', data: '[1,2]' },
        { name: 'a/json', data: '{"parent":"a"}' },
        { name: 'a/layer.tar', data: '' },
      ]),
    ],
    [
      'an index blob that lists itself (its bytes do not match its name)',
      (() => {
        const self = `sha256:${'c'.repeat(64)}`;
        const nested = JSON.stringify({ manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: self }] });
        return oci(JSON.stringify({ manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: self }] }), [
          { name: `blobs/sha256/${'c'.repeat(64)}`, data: nested },
        ]);
      })(),
    ],
    [
      'parent chain loop',
      buildTar([
        { name: 'repositories', data: '{"r":{"t":"a"}}' },
        { name: 'a/json', data: '{"parent":"b"}' },
        { name: 'b/json', data: '{"parent":"a"}' },
        { name: 'a/layer.tar', data: '' },
        { name: 'b/layer.tar', data: '' },
      ]),
    ],
  ];
  it.each(cases)('%s', (_, tar) => {
    const a = read(tar);
    expect(a.errors.length).toBeGreaterThan(0);
    for (const e of a.errors) expect(e.message.startsWith(`${e.component}:`)).toBe(true);
  });
});
