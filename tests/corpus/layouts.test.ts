/**
 * Layouts of the real third-party archives in ../shared/corpus-real (SOURCES.md).
 * Expectations were read from the archives with GNU tar (`tar -tvf`, `tar -xOf manifest.json`,
 * index.json and the manifests they list); where GNU tar is available, the docker ones are
 * also cross-checked against manifest.json extracted by GNU tar at test time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, mergeLayers, readLayout } from '../../src/image';
import type { ImageArchive, LayoutId } from '../../src/image/model';
import { LABELS } from '../../src/image/layouts/docker-oci';
import { factsFor, layerRecords, readOuter } from '../support/listing';
import { CORPUS, hasCorpus, have } from '../support/tools';

interface Expect {
  layout: LayoutId;
  label?: string;
  /** per image: tags and layer count */
  images: [string[], number][];
  platform?: string;
  errors?: string[];
}

const LEGACY = 'docker save (legacy, Docker < 25)';
const TARBALL = 'image tarball (go-containerregistry writer: crane, kaniko, ko)';

const CASES: Record<string, Expect> = {
  'containers-image__almostempty.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['emptyimage:latest'], 1]] },
  'dive__test-docker-image.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['dive-test:latest'], 14]] },
  'dive__test-gzip-image.tar': { layout: 'plain', images: [] },
  'dive__test-kaniko-image.tar': { layout: 'docker-tarball', label: TARBALL, images: [[['dive-test:kaniko-latest'], 14]] },
  'dive__test-oci-estargz-image.tar': { layout: 'oci', label: 'OCI image layout', images: [[[], 1]], platform: 'linux/arm64' },
  'dive__test-oci-gzip-image.tar': { layout: 'oci', label: 'OCI image layout', images: [[[], 1]], platform: 'linux/arm64' },
  'dive__test-oci-uncompressed-image.tar': { layout: 'oci', label: 'OCI image layout', images: [[[], 1]], platform: 'linux/arm64' },
  'dive__test-oci-zstd-image.tar': { layout: 'oci', label: 'OCI image layout', images: [[[], 1]], platform: 'linux/arm64' },
  'ggcr__hello-world-v25.tar': { layout: 'docker-oci', label: LABELS.graphdriver, images: [[[], 1]], platform: 'linux/arm64' },
  'ggcr__no_manifest.tar': {
    layout: 'docker-legacy',
    label: 'docker save (before Docker 1.10: no manifest.json)',
    images: [[['bazel/v1/tarball:test_image'], 1]],
  },
  'ggcr__null_manifest.tar': { layout: 'docker-legacy', images: [], errors: ['docker archive: manifest.json holds null, expected a list of images'] },
  'ggcr__overwritten_file.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/pkg/v1/mutate:overwritten_file'], 3]] },
  'ggcr__source_image.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/pkg/v1/mutate:source_image'], 1]] },
  'ggcr__source_image_with_empty_layer_history.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/pkg/v1/mutate:source_image'], 1]] },
  'ggcr__test_bundle.tar': {
    layout: 'docker-legacy',
    label: LEGACY,
    images: [
      [['test_image_2'], 1],
      [['test_image_1'], 1],
    ],
  },
  'ggcr__test_image_1.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/v1/tarball:test_image_1'], 1]] },
  'ggcr__test_image_2.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/v1/tarball:test_image_2'], 1]] },
  'ggcr__test_link.tar': {
    layout: 'docker-legacy',
    label: LEGACY,
    images: [
      [['bazel/v1/tarball:test_image_1'], 1],
      [['bazel/v1/tarball:test_image_3'], 2],
    ],
  },
  'ggcr__test_load_manifest.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/v1/tarball:test_image_1'], 1]] },
  'ggcr__whiteout_dir.tar': { layout: 'docker-tarball', label: TARBALL, images: [[['localhost:5000/whiteout:latest'], 4]] },
  'ggcr__whiteout_image.tar': { layout: 'docker-legacy', label: LEGACY, images: [[['bazel/pkg/v1/mutate:whiteout_image'], 3]] },
  'stereoscope__valid-oci.tar': { layout: 'oci', label: 'OCI image layout', images: [[['sample:latest'], 1]], platform: 'linux/amd64' },
  'trivy__alpine-310.tar.gz': { layout: 'docker-legacy', label: LEGACY, images: [[['alpine:3.10'], 1]] },
  'trivy__alpine-311.tar.gz': { layout: 'docker-legacy', label: LEGACY, images: [[['alpine:3.11'], 1]] },
};

/** The outer tar's bytes (trivy's archives are `docker save | gzip`). */
function outerTar(file: string): Uint8Array {
  const b = new Uint8Array(readFileSync(join(CORPUS, file)));
  return file.endsWith('.gz') ? new Uint8Array(gunzipSync(b)) : b;
}

const cache = new Map<string, ReturnType<typeof load>>();
function load(file: string) {
  const { listing, contents } = readOuter(outerTar(file));
  const archive = readLayout(listing);
  return { archive, contents, checks: checkIntegrity(archive, factsFor(archive, contents)) };
}
function get(file: string) {
  if (!cache.has(file)) cache.set(file, load(file));
  return cache.get(file)!;
}

const platform = (a: ImageArchive, i: number) => {
  const p = a.images[i].platform;
  return p && [p.os, p.architecture, p.variant].filter(Boolean).join('/');
};

describe.runIf(hasCorpus)('corpus: layouts of real archives', () => {
  it('covers every archive in the corpus', () => {
    const listed = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8')
      .match(/^\| `([^`]+\.tar(?:\.gz)?)` \|/gm)!
      .map((l) => l.slice(3, -3));
    expect(Object.keys(CASES).sort()).toEqual([...new Set(listed)].sort());
  });

  it.each(Object.entries(CASES))('%s', (file, e) => {
    const { archive } = get(file);
    expect(archive.layout).toBe(e.layout);
    if (e.label) expect(archive.layoutLabel).toBe(e.label);
    expect(archive.errors.map((x) => x.message)).toEqual(e.errors ?? []);
    expect(archive.images.map((i) => [i.tags, i.layers.length])).toEqual(e.images);
    for (const img of archive.images) {
      expect(img.kind).toBe('image');
      // every layer resolved, and (except pre-1.10 v1 configs) tied to a diff_id and a history entry
      for (const l of img.layers) {
        expect(l.blob).not.toBeNull();
        expect(l.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(l.historyIndex).toBeTypeOf('number');
      }
    }
    if (e.platform) expect(platform(archive, 0)).toBe(e.platform);
  });

  it.runIf(have('tar'))('docker layouts agree with manifest.json as GNU tar extracts it', () => {
    for (const [file, e] of Object.entries(CASES)) {
      if (e.layout !== 'docker-legacy' && e.layout !== 'docker-tarball') continue;
      if (file.endsWith('.gz') || file === 'ggcr__no_manifest.tar' || file === 'ggcr__null_manifest.tar') continue;
      const m = JSON.parse(execFileSync('tar', ['-xOf', join(CORPUS, file), 'manifest.json'], { encoding: 'utf8' })) as {
        RepoTags: string[] | null;
        Layers: string[];
        Config: string;
      }[];
      const { archive } = get(file);
      expect(
        archive.images.map((i) => i.tags),
        file,
      ).toEqual(m.map((x) => x.RepoTags ?? []));
      expect(
        archive.images.map((i) => i.layers.map((l) => l.ref)),
        file,
      ).toEqual(m.map((x) => x.Layers));
      expect(
        archive.images.map((i) => i.config.ref),
        file,
      ).toEqual(m.map((x) => x.Config));
    }
  });
});

describe.runIf(hasCorpus)('corpus: details', () => {
  it('test_link: the duplicate layer is a symlink resolved to the other layer directory', () => {
    const l = get('ggcr__test_link.tar').archive.images[1].layers[0];
    expect(l.blob).toEqual({
      entry: '6e77476643c3155b1e9ae07dd5a4c8288bdb6590c131c222b7a3f277dec1e266/layer.tar',
      via: 'b159278ac0c8813245b6c3b22cbbe7abefe3b2ec3fac6c7e87138811e1ef2a88/layer.tar',
    });
  });

  it('hello-world-v25: index.json lists nothing; the manifest is found among the blobs', () => {
    const a = get('ggcr__hello-world-v25.tar').archive;
    expect(a.index?.manifests).toEqual([]);
    expect(a.images[0].manifest?.digest).toBe('sha256:411caf340c828657e915a83ed561a79d2b8150dabad4dc079d881cbfe6f86afe');
    expect(a.images[0].layers[0].mediaType).toBe('application/vnd.oci.image.layer.v1.tar'); // from LayerSources
  });

  it('no_manifest: the lone top-level config is attached', () => {
    const img = get('ggcr__no_manifest.tar').archive.images[0];
    expect(img.config.ref).toBe('47b20a5c857d1adc47d5ee911b1e73f8fdd17e81459f7d241a918ff797d3ef9e.json');
    expect(img.layers[0].blob?.entry).toBe('c47412cb682fcf4ae43f536a788069f78552f928a55eeb09ba1455e0f9a2306e/layer.tar');
  });

  it('dive oci gzip / zstd / uncompressed share config and diff_id; estargz does not', () => {
    const cfg = (f: string) => get(f).archive.images[0].config.digest;
    const diff = (f: string) => get(f).archive.images[0].layers[0].diffId;
    expect(cfg('dive__test-oci-zstd-image.tar')).toBe(cfg('dive__test-oci-gzip-image.tar'));
    expect(cfg('dive__test-oci-uncompressed-image.tar')).toBe(cfg('dive__test-oci-gzip-image.tar'));
    expect(diff('dive__test-oci-estargz-image.tar')).not.toBe(diff('dive__test-oci-gzip-image.tar'));
    expect(get('dive__test-oci-uncompressed-image.tar').archive.images[0].layers[0].digest).toBe(diff('dive__test-oci-uncompressed-image.tar'));
  });

  it('integrity: every archive verifies, except the re-packed config of source_image_with_empty_layer_history', () => {
    for (const file of Object.keys(CASES)) {
      if (file === 'dive__test-oci-zstd-image.tar' && !have('zstd')) continue;
      const bad = get(file).checks.filter((c) => !c.ok);
      if (file === 'ggcr__source_image_with_empty_layer_history.tar') {
        // SOURCES.md: a contributor edited this config (history gained an empty_layer entry)
        // without renaming it, so it no longer hashes to its name.
        expect(bad.map((c) => [c.kind, c.subject])).toEqual([
          ['blob-digest', 'config of bazel/pkg/v1/mutate:source_image [linux/amd64] (6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e.json)'],
        ]);
      } else expect(bad, file).toEqual([]);
    }
  });

  const merged = (file: string) => {
    const { archive, contents } = get(file);
    return mergeLayers(archive.images[0].layers.map((l) => layerRecords(contents.get(l.blob!.entry)!)));
  };

  it('whiteout_image: .wh.foo.txt removes foo.txt', () => {
    const m = merged('ggcr__whiteout_image.tar');
    expect(m.files.map((f) => [f.path, f.layer])).toEqual([['bar.txt', 0]]);
    expect(m.deleted).toEqual([{ path: 'foo.txt', layer: 0, size: 4, byLayer: 1 }]);
    expect(m.wastedBytes).toBe(4);
  });

  it('overwritten_file: a symlink overwrites foo.txt', () => {
    const m = merged('ggcr__overwritten_file.tar');
    expect(m.files.map((f) => [f.path, f.type, f.layer, f.overwrites ?? []])).toEqual([
      ['bar.txt', 'file', 1, []],
      ['foo.txt', 'symlink', 1, [0]],
    ]);
    expect(m.wastedBytes).toBe(4);
  });

  it('whiteout_dir: a directory deleted, then re-created with other contents', () => {
    const m = merged('ggcr__whiteout_dir.tar');
    expect(m.files.map((f) => [f.path, f.layer])).toEqual([
      ['a', 3],
      ['a/baz', 3],
      ['b', 1],
      ['b/bar', 1],
    ]);
    expect(m.deleted.map((d) => [d.path, d.layer, d.byLayer]).sort()).toEqual([
      ['a', 0, 2],
      ['a/foo', 0, 2],
    ]);
  });
});
