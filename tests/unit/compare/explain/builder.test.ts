/**
 * detectBuilder on the configs of real images (../shared/corpus-real, SOURCES.md says who wrote
 * each) and on history forms quoted from the builders' own output (the search notes in
 * src/compare/explain/builder.ts). Expectations come from SOURCES.md and the configs as read
 * with `tar -xOf`, not from tarscope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLayout } from '../../../../src/image';
import { builderOfConfig, type BuilderId } from '../../../../src/compare/explain/builder';
import { readOuter } from '../../../support/listing';
import { CORPUS, hasCorpus } from '../../../support/tools';

/** The config JSON of each image of a corpus archive. */
function configs(file: string): unknown[] {
  let b = new Uint8Array(readFileSync(join(CORPUS, file)));
  if (file.endsWith('.gz')) b = new Uint8Array(gunzipSync(b));
  const { listing, contents } = readOuter(b);
  const archive = readLayout(listing);
  return archive.images.map((img) => {
    if (img.config.json) return img.config.json;
    const name = img.config.ref ?? '';
    const bytes = contents.get(name);
    return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  });
}

// [file, builder, a phrase of the evidence]
const CORPUS_CASES: [string, BuilderId, string][] = [
  ['dive__test-docker-image.tar', 'docker-legacy', '/bin/sh -c'], // docker save, Dec 2018, classic builder
  ['containers-image__almostempty.tar', 'docker-legacy', 'docker_version'],
  ['dive__test-kaniko-image.tar', 'kaniko', 'author "kaniko"'], // base busybox layers are /bin/sh -c: the last entries decide
  ['dive__test-oci-gzip-image.tar', 'buildkit', 'buildkit.dockerfile.v0'], // BuildKit --output type=oci
  ['ggcr__hello-world-v25.tar', 'buildkit', 'buildkit.dockerfile.v0'], // Docker 25 (BuildKit)
  ['stereoscope__valid-oci.tar', 'buildkit', 'buildkit.dockerfile.v0'],
  ['ggcr__test_image_1.tar', 'bazel', 'bazel build'], // rules_docker
  ['ggcr__source_image.tar', 'bazel', 'bazel build'],
  ['ggcr__whiteout_dir.tar', 'buildah', 'io.buildah.version=1.42.2'], // buildah writes /bin/sh -c #(nop) forms too
];

describe.runIf(hasCorpus)('detectBuilder: real configs (../shared/corpus-real)', () => {
  it.each(CORPUS_CASES)('%s → %s', (file, id, phrase) => {
    const all = configs(file);
    expect(all.length).toBeGreaterThan(0);
    const b = builderOfConfig(all[0]);
    expect(b.id).toBe(id);
    expect(b.evidence).toContain(phrase);
  });
});

describe('detectBuilder: history forms of each builder', () => {
  const config = (history: object[], labels?: Record<string, string>, extra: object = {}) => ({ config: { Labels: labels }, history, ...extra });
  it.each<[string, unknown, BuilderId]>([
    // ko (kyverno image config): apko base, ko's own entries last
    [
      'ko over apko',
      config([
        { author: 'apko', created_by: 'apko', comment: 'This is an apko single-layer image' },
        {
          author: 'ko',
          created: '0001-01-01T00:00:00Z',
          created_by: 'ko build ko://github.com/kyverno/kyverno/cmd/kyverno',
          comment: 'kodata contents, at $KO_DATA_PATH',
        },
      ]),
      'ko',
    ],
    ['apko alone', config([{ author: 'apko', created_by: 'apko', comment: 'This is an apko single-layer image' }]), 'apko'],
    ['Jib (jib-core form)', config([{ author: 'Jib', created: '1970-01-01T00:00:00Z', created_by: 'jib' }]), 'jib'],
    ['Jib Maven plugin', config([{ created: '1970-01-01T00:00:01Z', created_by: 'jib-maven-plugin:3.4.0', comment: 'classes' }]), 'jib'],
    ['Jib Gradle plugin', config([{ created_by: 'jib-gradle-plugin:3.4.0', comment: 'dependencies' }]), 'jib'],
    // buildah#2996: "FROM <base>" in the comment of the first new entry
    ['buildah FROM comment', config([{ created_by: '/bin/sh -c touch test.txt', comment: 'FROM docker.io/library/alpine:latest' }]), 'buildah'],
    ['buildah label', config([{ created_by: '/bin/sh -c #(nop) COPY file:ab in /app ' }], { 'io.buildah.version': '1.28.2' }), 'buildah'],
    // BuildKit on a base image built by buildah (the label is inherited): the last step decides
    [
      'BuildKit over a buildah base',
      config([{ created_by: '/bin/sh -c #(nop) COPY file:ab in /app ' }, { created_by: 'RUN /bin/sh -c make # buildkit', comment: 'buildkit.dockerfile.v0' }], {
        'io.buildah.version': '1.28.2',
      }),
      'buildkit',
    ],
    [
      'legacy docker build',
      config([{ created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true }], undefined, { docker_version: '20.10.7' }),
      'docker-legacy',
    ],
    ['no history', { config: {} }, 'unknown'],
    ['not an object', null, 'unknown'],
    ['a hand-written history', config([{ created_by: 'layer 0' }]), 'unknown'],
  ])('%s', (_name, cfg, id) => {
    expect(builderOfConfig(cfg).id).toBe(id);
  });
});
