/**
 * The real third-party archives in ../shared/corpus-real (CORPUS), with the facts of its
 * SOURCES.md as a typed table, for tests that read them. Never copy these files into the
 * repo. Each fact was transcribed from SOURCES.md and checked against the files with
 * `tar -tvf` and `tar -xOf <file> manifest.json|index.json`; tests/unit/fixtures/
 * corpus-table.test.ts checks them again whenever the corpus is present.
 */
import { join } from 'node:path';
import { CORPUS, hasCorpus } from '../support/tools';

export { CORPUS, hasCorpus };

/**
 * - docker-legacy: `docker save` style, `<id>/layer.tar` + `<config>.json` + manifest.json (+ repositories)
 * - docker-tarball: go-containerregistry tarball writer, `<digest>.tar.gz` layers + config named `sha256:<hex>`
 * - docker-oci-hybrid: Docker 25+ save, OCI layout (index.json, blobs/) plus manifest.json
 * - oci-layout: OCI image layout in a tar (oci-layout, index.json, blobs/)
 * - legacy-no-manifest: pre-Docker-1.10 save, only `repositories` and `<id>/{json,VERSION,layer.tar}`
 * - not-an-image: a tar with no image in it (a README, or a manifest.json holding `null`)
 */
export type CorpusLayout = 'docker-legacy' | 'docker-tarball' | 'docker-oci-hybrid' | 'oci-layout' | 'legacy-no-manifest' | 'not-an-image';

export interface CorpusArchive {
  /** file name in CORPUS */
  name: string;
  /** upstream repository and path it was extracted from */
  repo: string;
  upstreamPath: string;
  bytes: number;
  sha256: string;
  /** who wrote it, as far as SOURCES.md can tell */
  writer: string;
  layout: CorpusLayout;
  outerCompression: 'none' | 'gzip';
  /** compression of the layer blobs as found in their bytes; null when there are no layers */
  layerCompression: 'none' | 'gzip' | 'zstd' | 'estargz' | null;
  /** images declared by manifest.json (docker) or index.json (OCI); 0 for bad inputs */
  imageCount: number;
  /** layers per image, in manifest order */
  layerCounts: number[];
  /** RepoTags / ref names per image ([] when none) */
  tags: string[][];
  /** why a reader should reject it or treat it specially (bad inputs) */
  bad?: string;
  notes?: string;
}

export const CORPUS_ARCHIVES: readonly CorpusArchive[] = [
  {
    name: 'dive__test-docker-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-docker-image.tar',
    bytes: 1523200,
    sha256: '155830e8292e8dbeb0d3b0612276ef41cb48680a45e09dda90df765eb7538eb8',
    writer: 'docker save (Docker of Dec 2018, version not recorded)',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [14],
    tags: [['dive-test:latest']],
    notes: 'chmod/chown/rm steps: mode and owner changes, whiteouts; entries mtime 2018-12-28, manifest.json/repositories mtime 1970',
  },
  {
    name: 'dive__test-kaniko-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-kaniko-image.tar',
    bytes: 822784,
    sha256: '19d54594a4b04b35e78d609e0a4152e20b7361564da3574a61a60ded31c2078d',
    writer: 'kaniko --tarPath (go-containerregistry tarball writer, inferred)',
    layout: 'docker-tarball',
    outerCompression: 'none',
    layerCompression: 'gzip',
    imageCount: 1,
    layerCounts: [14],
    tags: [['dive-test:kaniko-latest']],
    notes: 'config member named sha256:<hex>; all mtimes 1970',
  },
  {
    name: 'dive__test-gzip-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-gzip-image.tar',
    bytes: 12800,
    sha256: '92532989db11499446078035c53bee46d507df8dc35be53baf5558f692feb185',
    writer: 'placeholder committed in the dive repo',
    layout: 'not-an-image',
    outerCompression: 'none',
    layerCompression: null,
    imageCount: 0,
    layerCounts: [],
    tags: [],
    bad: 'a valid tar holding only README.md: not an image',
  },
  {
    name: 'dive__test-oci-estargz-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-oci-estargz-image.tar',
    bytes: 11776,
    sha256: '106213ac29be0a1098f127d06822b4cd342e5268d663a70d9ff882ebb69a6659',
    writer: 'BuildKit --output type=oci,compression=estargz (2025-01-26, arm64)',
    layout: 'oci-layout',
    outerCompression: 'none',
    layerCompression: 'estargz',
    imageCount: 1,
    layerCounts: [1],
    tags: [[]],
    notes:
      'gzip media type with containerd.io/snapshot/stargz/toc.digest annotation; the stargz.index.json entry follows zero blocks (tar -t stops before it without -i); diff_id differs from the gzip/zstd/uncompressed siblings',
  },
  {
    name: 'dive__test-oci-gzip-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-oci-gzip-image.tar',
    bytes: 11264,
    sha256: '371cf5b4bf21d2195fa83cc47d610145e47332eb6fab9dbc2fbf5d9266910bf7',
    writer: 'BuildKit --output type=oci,compression=gzip (2025-01-26, arm64)',
    layout: 'oci-layout',
    outerCompression: 'none',
    layerCompression: 'gzip',
    imageCount: 1,
    layerCounts: [1],
    tags: [[]],
    notes: 'index entry has platform and org.opencontainers.image.created, no ref.name; blobs mode 0444, mtime 1970',
  },
  {
    name: 'dive__test-oci-uncompressed-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-oci-uncompressed-image.tar',
    bytes: 19456,
    sha256: '27d299fad92f2afaad79e5edd2e29422733124603e3ce836e9b81c39f2ee6803',
    writer: 'BuildKit --output type=oci,compression=uncompressed (2025-01-26, arm64)',
    layout: 'oci-layout',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [[]],
    notes: 'media type application/vnd.oci.image.layer.v1.tar; layer digest == diff_id',
  },
  {
    name: 'dive__test-oci-zstd-image.tar',
    repo: 'wagoodman/dive',
    upstreamPath: '.data/test-oci-zstd-image.tar',
    bytes: 11264,
    sha256: '752da13188596f2202ff1f910d251a2b34d41057cbb2392794bf1261e3c650b7',
    writer: 'BuildKit --output type=oci,compression=zstd (2025-01-26, arm64)',
    layout: 'oci-layout',
    outerCompression: 'none',
    layerCompression: 'zstd',
    imageCount: 1,
    layerCounts: [1],
    tags: [[]],
  },
  {
    name: 'ggcr__hello-world-v25.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/hello-world-v25.tar',
    bytes: 20480,
    sha256: '487f5ad2ace32507803def7613d21b81886dbf1a89c3abd6ee37aef63fae86b7',
    writer: 'docker save, Docker 25 (2024-01)',
    layout: 'docker-oci-hybrid',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [[]],
    notes: 'manifest.json (RepoTags null, LayerSources) names the image; index.json has "manifests": null; mixed mtimes 2023/2024/1970',
  },
  {
    name: 'ggcr__no_manifest.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/no_manifest.tar',
    bytes: 20480,
    sha256: '6488f2d5ac6f9a1cb86b4f9880b406a9ebec226015f03c4ef0f093d21f640b27',
    writer: 'pre-1.10 style docker save',
    layout: 'legacy-no-manifest',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 0,
    layerCounts: [],
    tags: [],
    bad: 'no manifest.json; only repositories and one <id>/{VERSION,json,layer.tar}',
  },
  {
    name: 'ggcr__null_manifest.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/null_manifest.tar',
    bytes: 2048,
    sha256: '3b5b0b001ddaf02e6514fba1210af4c5754713b0e99224fef1d9d24bf36b1b5e',
    writer: 'hand-made',
    layout: 'not-an-image',
    outerCompression: 'none',
    layerCompression: null,
    imageCount: 0,
    layerCounts: [],
    tags: [],
    bad: 'the only member is manifest.json containing null',
  },
  {
    name: 'ggcr__overwritten_file.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/mutate/testdata/overwritten_file.tar',
    bytes: 51200,
    sha256: '912e73ff0adacb9745629f69ffa4d2c22d66901b8b80113996f9bec890e72573',
    writer: 'Bazel rules_docker',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [3],
    tags: [['bazel/pkg/v1/mutate:overwritten_file']],
    notes: 'symlink foo.txt -> bar.txt overwrites a file; layer dirs without directory entries',
  },
  {
    name: 'ggcr__source_image.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/mutate/testdata/source_image.tar',
    bytes: 20480,
    sha256: '9d5756dab05699bec24939f9e0324c385a095b75544b27422f0e51a011d6343d',
    writer: 'Bazel rules_docker',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['bazel/pkg/v1/mutate:source_image']],
  },
  {
    name: 'ggcr__source_image_with_empty_layer_history.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/mutate/testdata/source_image_with_empty_layer_history.tar',
    bytes: 20480,
    sha256: 'c838a5f4c6ce1da90583c70280985b398d00ad925e5a9ada39680a57cf6a5a2c',
    writer: 'Bazel, re-packed by a contributor',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['bazel/pkg/v1/mutate:source_image']],
    notes: 'config entry owned by miguel/miguel, mtime 2022-12-26, last in the archive; config history gains an empty_layer entry',
  },
  {
    name: 'ggcr__test_bundle.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/test_bundle.tar',
    bytes: 40960,
    sha256: '5289df2015ed5af4a2ac381386cceba85425b3e328594aee78992f3e7ce0d45e',
    writer: 'Bazel; manifest.json re-packed by a contributor',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 2,
    layerCounts: [1, 1],
    tags: [['test_image_2'], ['test_image_1']],
    notes: 'multi-image docker-archive; the first entry has LayerSources claiming a gzip layer while layer.tar is a plain tar',
  },
  {
    name: 'ggcr__test_image_1.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/test_image_1.tar',
    bytes: 20480,
    sha256: 'd7c6f714b51ed5fa83fe3dbf9b520650a1d9a68114de6bb736aa49063981cfaa',
    writer: 'Bazel rules_docker',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['bazel/v1/tarball:test_image_1']],
  },
  {
    name: 'ggcr__test_image_2.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/test_image_2.tar',
    bytes: 20480,
    sha256: '0ccf58298607d04d4141d2f67f7a07a4f9c42b30535e2c4940b36deae98e8cf6',
    writer: 'Bazel rules_docker',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['bazel/v1/tarball:test_image_2']],
  },
  {
    name: 'ggcr__test_link.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/test_link.tar',
    bytes: 29696,
    sha256: '3f58c7e5208db0f2688a5d814123451a757a482de76863805944f8d6114a62d1',
    writer: 'origin not recorded (2021 entries look docker-saved, others 1970)',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 2,
    layerCounts: [1, 2],
    tags: [['bazel/v1/tarball:test_image_1'], ['bazel/v1/tarball:test_image_3']],
    notes:
      "one <id>/layer.tar is a symlink to another directory's layer.tar (dedup by symlink); two images (SOURCES.md lists the 3 layer dirs, manifest.json declares 2 images); the second has a Parent field",
  },
  {
    name: 'ggcr__test_load_manifest.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/tarball/testdata/test_load_manifest.tar',
    bytes: 20480,
    sha256: 'd7c6f714b51ed5fa83fe3dbf9b520650a1d9a68114de6bb736aa49063981cfaa',
    writer: 'Bazel rules_docker',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['bazel/v1/tarball:test_image_1']],
    notes: 'byte-identical to ggcr__test_image_1.tar',
  },
  {
    name: 'ggcr__whiteout_dir.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/mutate/testdata/whiteout_dir.tar',
    bytes: 8704,
    sha256: 'c28dd1d6893e0f96419a78708a3caa58160703171d77a3b1de81afa995e0879a',
    writer: 'go-containerregistry tarball writer',
    layout: 'docker-tarball',
    outerCompression: 'none',
    layerCompression: 'gzip',
    imageCount: 1,
    layerCounts: [4],
    tags: [['localhost:5000/whiteout:latest']],
    notes: 'opaque-directory whiteout test',
  },
  {
    name: 'ggcr__whiteout_image.tar',
    repo: 'google/go-containerregistry',
    upstreamPath: 'pkg/v1/mutate/testdata/whiteout_image.tar',
    bytes: 51200,
    sha256: '32bca9d1c437ceeb883fba123f4c820795b102325943ed61b4fa3682674a1499',
    writer: 'Bazel rules_docker',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [3],
    tags: [['bazel/pkg/v1/mutate:whiteout_image']],
    notes: 'whiteout .wh.foo.txt in layer 2',
  },
  {
    name: 'containers-image__almostempty.tar',
    repo: 'containers/image',
    upstreamPath: 'docker/archive/fixtures/almostempty.tar',
    bytes: 10752,
    sha256: '077239a61cc3992a8781eb8f1251666f4dfc7c2b37485a6dc8df42a58a88f95f',
    writer: 'docker save (2017)',
    layout: 'docker-legacy',
    outerCompression: 'none',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['emptyimage:latest']],
    notes: 'one 1536-byte layer',
  },
  {
    name: 'trivy__alpine-310.tar.gz',
    repo: 'aquasecurity/trivy',
    upstreamPath: 'pkg/fanal/test/testdata/alpine-310.tar.gz',
    bytes: 2707725,
    sha256: '6f4b98c1fec35808d1275a158f7dfe2d5c53e1276d9acbd056931a77e84beea3',
    writer: 'docker save alpine:3.10, then gzip',
    layout: 'docker-legacy',
    outerCompression: 'gzip',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['alpine:3.10']],
    notes: 'outer entries carry uname/gname root/root',
  },
  {
    name: 'trivy__alpine-311.tar.gz',
    repo: 'aquasecurity/trivy',
    upstreamPath: 'pkg/fanal/test/testdata/alpine-311.tar.gz',
    bytes: 2721520,
    sha256: '54b65c6b45e9ab3fcba1043d0ecef41cb9b544aefef20e1c24aa4fbac3d585ef',
    writer: 'docker save alpine:3.11 (another Docker version), then gzip',
    layout: 'docker-legacy',
    outerCompression: 'gzip',
    layerCompression: 'none',
    imageCount: 1,
    layerCounts: [1],
    tags: [['alpine:3.11']],
    notes: 'outer entries without uname/gname (0/0)',
  },
  {
    name: 'stereoscope__valid-oci.tar',
    repo: 'anchore/stereoscope',
    upstreamPath: 'pkg/image/oci/testdata/valid-oci.tar',
    bytes: 7168,
    sha256: '512c6900707529995749d889fc50be6e07c5f113b0a70aedabceaa87a26030d2',
    writer: 'hand-tarred OCI layout on macOS (owner kzantow/wheel, mtime 2024-02-07)',
    layout: 'oci-layout',
    outerCompression: 'none',
    layerCompression: 'gzip',
    imageCount: 1,
    layerCounts: [1],
    tags: [['sample:latest']],
  },
];

export type CorpusVerdict = 'identical' | 'same-image' | 'same-filesystem' | 'metadata-only' | 'content-differs';

export interface CorpusPair {
  a: string;
  b: string;
  /** what differs, from SOURCES.md "Natural pairs worth using" */
  relation: string;
  /** the verdict of causes.md, only where the facts leave no doubt */
  verdict?: CorpusVerdict;
}

export const CORPUS_PAIRS: readonly CorpusPair[] = [
  {
    a: 'dive__test-oci-gzip-image.tar',
    b: 'dive__test-oci-zstd-image.tar',
    relation: 'same config and diff_id; only layer compression, manifest and the index created annotation differ',
    verdict: 'same-filesystem',
  },
  {
    a: 'dive__test-oci-gzip-image.tar',
    b: 'dive__test-oci-uncompressed-image.tar',
    relation: 'same config and diff_id; gzip vs no layer compression',
    verdict: 'same-filesystem',
  },
  {
    a: 'dive__test-oci-zstd-image.tar',
    b: 'dive__test-oci-uncompressed-image.tar',
    relation: 'same config and diff_id; zstd vs no layer compression',
    verdict: 'same-filesystem',
  },
  {
    a: 'dive__test-oci-gzip-image.tar',
    b: 'dive__test-oci-estargz-image.tar',
    relation: 'same files; eStargz rewrites the tar stream (diff_id differs, TOC entry added)',
  },
  { a: 'dive__test-docker-image.tar', b: 'dive__test-kaniko-image.tar', relation: 'same Dockerfile, different builder and archive format' },
  {
    a: 'trivy__alpine-310.tar.gz',
    b: 'trivy__alpine-311.tar.gz',
    relation: 'two versions of one base image, both docker save, outer gzip',
    verdict: 'content-differs',
  },
  {
    a: 'ggcr__test_image_1.tar',
    b: 'ggcr__test_image_2.tar',
    relation: "one layer's content differs (./bar,./foo vs ./bat,./baz); config differs only in diff_id; RepoTags differ",
    verdict: 'content-differs',
  },
  { a: 'ggcr__test_image_1.tar', b: 'ggcr__test_load_manifest.tar', relation: 'byte-identical', verdict: 'identical' },
  {
    a: 'ggcr__source_image.tar',
    b: 'ggcr__source_image_with_empty_layer_history.tar',
    relation: 'config history gains an empty_layer entry; outer member order, owner and mtime of the config entry differ; layers identical',
  },
  {
    a: 'ggcr__whiteout_image.tar',
    b: 'ggcr__overwritten_file.tar',
    relation: 'whiteout .wh.foo.txt vs symlink foo.txt -> bar.txt overwriting a file',
    verdict: 'content-differs',
  },
];

export function corpusPath(name: string): string {
  return join(CORPUS, name);
}

export function corpusArchive(name: string): CorpusArchive {
  const a = CORPUS_ARCHIVES.find((x) => x.name === name);
  if (!a) throw new Error(`corpus: no archive named ${name} in the table`);
  return a;
}
