/**
 * The catalogue of comparison pairs: two archives that differ in one known way, with the
 * verdict and the exact set of causes a correct explanation gives (../shared/causes.md).
 * Every cause id of causes.md is covered (golden.test.ts checks that). The expectations
 * were written from how each pair is made, before looking at tarscope's output.
 */
import type { CauseId, IgnoreOptions, Verdict } from '../../src/compare/types';
import type { Source } from './cache';
import type { CauseCheck } from './expect';
import { synthetic } from './synthetic';
import { buildahLayers, indexOrder, legacySave, skopeoCopy, twoImages } from './derived';
import { sparseImage, squashImage } from './layering';
import { embeddedImage } from './embedded';
import { debImage, rpmImage } from './packages';
import { buildahImage, kindImage, skopeoCopyOf } from './remedy-writers';
import { badGzipCrc, compressedImage, gnuImage, LAYER_FLAGS, outerCompressed, POSIX, repack, REPRO, T, truncated, umociEdit } from './writers';

/**
 * The same report re-explained with ignore options. When the options leave no cause, the
 * explainer keeps the best verdict still literally true of the archives and says "same"
 * with the empty cause list and a headline starting "Equivalent when ignoring"
 * (src/compare/explain/verdict.ts).
 */
export interface IgnoreCase {
  options: Partial<IgnoreOptions>;
  verdict: Verdict;
  causes: CauseId[];
  headline?: (string | RegExp)[];
  knownWrong?: { note: string; verdict?: Verdict; causes?: CauseId[] };
}

const EQUIVALENT = [/^Equivalent when ignoring/];
/** All of `--semantic` (src/cli/args.ts): every option but `paths`. */
const SEMANTIC: Partial<IgnoreOptions> = {
  timestamps: true,
  fileOrder: true,
  ownerNames: true,
  tarFormat: true,
  history: true,
  imageName: true,
  modeBits: true,
};

export interface Pair {
  name: string;
  /** what differs, in one line */
  what: string;
  a: Source;
  b: Source;
  verdict: Verdict;
  /** the exact set of cause ids */
  causes: CauseId[];
  checks?: Partial<Record<CauseId, CauseCheck>>;
  headline?: (string | RegExp)[];
  /** the two files are byte-for-byte the same (checked on the files) */
  sameBytes?: boolean;
  /** values that change each time the archive is rebuilt (masked in the golden file) */
  volatile?: RegExp[];
  /** ids of differences that appear in some builds and not in others (a gzip size that the
   *  clock's bytes happen to change): not counted in the golden file's consequences */
  volatileDifferences?: RegExp[];
  ignore?: IgnoreCase[];
  /** What tarscope says today where it is wrong: the test then asserts that it is still
   *  wrong in exactly this way (remove this when the explainer is fixed). */
  knownWrong?: { note: string; verdict?: Verdict; causes?: CauseId[] };
}

// ---- shared sources -------------------------------------------------------------------
const umoci = { fixture: 'umoci-oci-layout.tar' } as const;
const gnu = gnuImage('gnu-layer.tar');
const BUILDAH_A = buildahImage('buildah-a.tar', { delay: 0 });
const synthOci = synthetic('oci.tar', { layout: 'oci' }, 'oci-archive, gzip layers (node zlib)');

export const PAIRS: Pair[] = [
  // ---- the outer tar ----------------------------------------------------------------
  {
    name: 'identical',
    what: 'umoci-oci-layout.tar and the same layout unpacked and packed again with the same GNU tar flags',
    a: umoci,
    b: repack('repacked.tar', { fixture: 'umoci-oci-layout.tar', flags: REPRO() }),
    verdict: 'identical',
    causes: [],
    sameBytes: true,
  },
  {
    name: 'outer-mtime',
    what: 'the same layout packed with --mtime=@T and --mtime=@T+3600',
    a: repack('outer-t.tar', { fixture: 'umoci-oci-layout.tar', flags: REPRO() }),
    b: repack('outer-t1h.tar', { fixture: 'umoci-oci-layout.tar', flags: REPRO(T + 3600) }),
    verdict: 'same-image',
    causes: ['archive.entry-mtime'],
    checks: { 'archive.entry-mtime': { level: 'outer tar', count: 9, summary: ['1 h'] } },
    ignore: [{ options: SEMANTIC, verdict: 'same-image', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'outer-order',
    what: 'the same layout packed as `oci-layout index.json blobs` and as `blobs index.json oci-layout`',
    a: umoci,
    b: repack('outer-order.tar', { fixture: 'umoci-oci-layout.tar', flags: REPRO(), members: 'blobs index.json oci-layout' }),
    verdict: 'same-image',
    causes: ['archive.entry-order'],
    ignore: [
      { options: { fileOrder: true }, verdict: 'same-image', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'same-image', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'outer-owner',
    what: 'the same layout packed with --owner=0 --group=0 and --owner=1000 --group=1000',
    a: umoci,
    b: repack('outer-owner.tar', { fixture: 'umoci-oci-layout.tar', flags: `--sort=name --mtime=@${T} --owner=1000 --group=1000 --numeric-owner` }),
    verdict: 'same-image',
    causes: ['archive.entry-owner'],
    checks: { 'archive.entry-owner': { count: 18, summary: ['9 archive entries'] } }, // uid and gid of 9 entries
  },
  {
    name: 'outer-mode',
    what: 'the same layout packed with and without --mode=g+w',
    a: umoci,
    b: repack('outer-mode.tar', { fixture: 'umoci-oci-layout.tar', flags: `${REPRO()} --mode=g+w` }),
    verdict: 'same-image',
    causes: ['archive.entry-mode'],
  },
  {
    name: 'outer-tar-format',
    what: 'the same layout packed with --format=gnu (GNU tar default) and --format=ustar',
    a: umoci,
    b: repack('outer-ustar.tar', { fixture: 'umoci-oci-layout.tar', flags: `${REPRO()} --format=ustar` }),
    verdict: 'same-image',
    causes: ['archive.tar-format'],
    ignore: [{ options: SEMANTIC, verdict: 'same-image', causes: [], headline: EQUIVALENT }],
  },
  // ---- the whole file's compression ---------------------------------------------------
  {
    name: 'outer-gzip-mtime',
    what: 'a docker-archive compressed by `gzip -n` and by `gzip` (header MTIME = the input file time)',
    a: { fixture: 'docker-archive.tar.gz' },
    b: outerCompressed('docker-archive-mtime.tar.gz', 'skopeo-docker-archive.tar', 'gzip -c'),
    verdict: 'same-image',
    causes: ['archive.outer-compression'],
    checks: { 'archive.outer-compression': { summary: [/mtime/i] } },
    ignore: [{ options: SEMANTIC, verdict: 'same-image', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'outer-gzip-vs-zstd',
    what: 'a docker-archive compressed by `gzip -n` and by `zstd`',
    a: { fixture: 'docker-archive.tar.gz' },
    b: { fixture: 'docker-archive.tar.zst' },
    verdict: 'same-image',
    causes: ['archive.outer-compression'],
    checks: { 'archive.outer-compression': { summary: ['gzip', 'zstd'] } },
  },
  {
    name: 'outer-gzip-members',
    what: 'a docker-archive as one `gzip -n` member and as two concatenated `pigz -n` members (RFC 1952 §2.2)',
    a: { fixture: 'docker-archive.tar.gz' },
    b: { fixture: 'docker-archive.multi-member.tar.gz' },
    verdict: 'same-image',
    causes: ['archive.outer-compression'],
    checks: { 'archive.outer-compression': { summary: [/member/i] } },
  },
  // ---- layouts --------------------------------------------------------------------------
  {
    name: 'docker-vs-oci-archive',
    what: 'skopeo copy of one image to docker-archive (plain-tar layers) and to oci-archive (gzip layers)',
    a: { fixture: 'skopeo-docker-archive.tar' },
    b: { fixture: 'skopeo-oci-archive.tar' },
    verdict: 'same-filesystem',
    causes: ['archive.layout', 'layer.compression'],
    checks: { 'layer.compression': { count: 3 } },
  },
  {
    name: 'docker25-vs-legacy',
    what: 'one image as a legacy `docker save` and as a Docker 25+ (graphdriver) save',
    a: synthetic('legacy.tar', { layout: 'legacy' }, 'legacy docker save'),
    b: synthetic('docker25.tar', { layout: 'docker25' }, 'Docker 25+ docker save (graphdriver)'),
    verdict: 'same-image',
    causes: ['archive.layout'],
  },
  {
    name: 'docker25-graphdriver-vs-containerd',
    what: 'one image saved by Docker 25+ from the graphdriver store (plain-tar layers, flat index) and from the containerd image store (gzip layers, nested index, provenance attestation)',
    a: synthetic('docker25.tar', { layout: 'docker25' }, 'Docker 25+ docker save (graphdriver)'),
    b: synthetic('docker25-containerd.tar', { layout: 'docker25', store: 'containerd' }, 'Docker 25+ docker save (containerd image store)'),
    verdict: 'same-filesystem',
    causes: ['archive.layout', 'layer.compression', 'index.attestations'],
    checks: { 'layer.compression': { summary: ['layers 1 and 2', 'gzip'] }, 'archive.layout': { summary: ['containerd'] } },
  },
  {
    name: 'symlinked-layer',
    what: 'a legacy save with a repeated layer stored as a symlink, and as a second copy',
    a: synthetic('legacy-dup-symlink.tar', { layout: 'legacy', duplicateLayer: true, symlinkDuplicates: true }, 'legacy save, duplicate layer as a symlink'),
    b: synthetic('legacy-dup-copy.tar', { layout: 'legacy', duplicateLayer: true, symlinkDuplicates: false }, 'legacy save, duplicate layer copied'),
    verdict: 'same-image',
    causes: ['archive.symlinked-layer'],
  },
  // ---- derived bookkeeping: v1 ids, repositories, image order (docs/causes.md "Derivation rules") --
  {
    name: 'skopeo-docker-archive-mtime',
    what: 'skopeo copy to docker-archive of a 3-layer image whose middle layer is packed by GNU tar with --mtime=@T and --mtime=@T+147: the v1 ids of layers 2 and 3 (their <id>/ folders) and repositories change with the chain',
    a: skopeoCopy('skopeo-da3.tar', {}),
    b: skopeoCopy('skopeo-da3-mtime.tar', { flags: LAYER_FLAGS({ mtime: T + 147 }) }),
    verdict: 'metadata-only',
    causes: ['file.mtime'],
    checks: { 'file.mtime': { summary: ['layer 2', '2 min 27 s'] } },
    headline: [/^(?!.*other cause)/],
    // the v1 ids, repositories and layer digests follow the file roots: ignoring the times ignores them
    ignore: [
      { options: { timestamps: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'legacy-save-mtime',
    what: 'a legacy docker save (tests/builders) of the same 3-layer image, middle layer packed with --mtime=@T and --mtime=@T+147: the v1 ids of layers 2 and 3 and repositories change with the chain',
    a: legacySave('legacy3.tar', {}),
    b: legacySave('legacy3-mtime.tar', { flags: LAYER_FLAGS({ mtime: T + 147 }) }),
    verdict: 'metadata-only',
    causes: ['file.mtime'],
    checks: { 'file.mtime': { summary: ['layer 2', '2 min 27 s'] } },
    headline: [/^(?!.*other cause)/],
    // the v1 ids, repositories and layer digests follow the file roots: ignoring the times ignores them
    ignore: [
      { options: { timestamps: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'image-order',
    what: 'a legacy save of app:1 and app:2 whose manifest.json lists them in the other order (python3 rewrite, same members packed by GNU tar)',
    a: twoImages('two-images.tar', false),
    b: twoImages('two-images-reversed.tar', true),
    verdict: 'same-image',
    causes: ['archive.image-order'],
    ignore: [{ options: { fileOrder: true }, verdict: 'same-image', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'docker25-v1-configs-xattr',
    what: "Docker 25+ graphdriver saves (tests/builders, with moby's per-layer v1 image JSON blobs that nothing refers to) of layers [L0, L1, L0]: L1's usr/bin/tool gains security.capability in B, so the v1 ids of layers 2 and 3, and their JSON blobs' names, change with the chain",
    a: synthetic('docker25-v1-dup.tar', { layout: 'docker25', v1Configs: true, duplicateLayer: true }, 'Docker 25+ save (graphdriver) with v1 JSON blobs'),
    b: synthetic(
      'docker25-v1-dup-cap.tar',
      { layout: 'docker25', v1Configs: true, duplicateLayer: true, capability: true },
      'Docker 25+ save (graphdriver) with v1 JSON blobs, security.capability on usr/bin/tool',
    ),
    verdict: 'metadata-only',
    causes: ['file.xattrs'],
  },
  {
    name: 'index-order',
    what: 'a umoci OCI layout with two images (base, v1) whose index.json lists them in the other order (python3 rewrite, same members packed by GNU tar)',
    a: indexOrder('umoci-2images.tar', false),
    b: indexOrder('umoci-2images-reversed.tar', true),
    verdict: 'same-image',
    causes: ['archive.image-order'],
    checks: { 'archive.image-order': { summary: ['index.json', 'base', 'v1'] } },
    ignore: [{ options: { fileOrder: true }, verdict: 'same-image', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'containerd-attestation-changed',
    what: "Docker 25+ containerd-store saves of one image whose provenance attestation records another build start time: the attestation's layer, config and manifest, the nested image index blob that lists it, and index.json's descriptor of that index all change with it",
    a: synthetic('docker25-containerd.tar', { layout: 'docker25', store: 'containerd' }, 'Docker 25+ docker save (containerd image store)'),
    b: synthetic(
      'docker25-containerd-prov.tar',
      { layout: 'docker25', store: 'containerd', buildStartedOn: '2024-05-05T10:00:00Z' },
      'Docker 25+ docker save (containerd image store), provenance buildStartedOn set',
    ),
    verdict: 'same-filesystem',
    causes: ['index.attestations'],
  },
  {
    name: 'buildah-layers-rebuild',
    what: 'two real `buildah build --layers` of one three-step Containerfile with --timestamp T and T+60 (archives repacked by GNU tar): created, history and new file mtimes differ by 1 min; the history comments "FROM <intermediate id>" and the base.digest annotation name intermediate images whose configs hold that time, so they differ with it',
    a: buildahLayers('buildah-layers-t.tar', T),
    b: buildahLayers('buildah-layers-t60.tar', T + 60),
    verdict: 'metadata-only',
    causes: ['config.created', 'config.history', 'file.mtime'],
    // the 3 steps' created times are the history's causes; the 2 comments follow them
    checks: {
      'config.history': { count: 3, notSummary: [/comment/] },
      'config.created': { summary: ['1 min'] },
      // each layer is named by the Containerfile line that made it (buildah writes no empty_layer here)
      'file.mtime': {
        steps: [/^layer 1: ADD file:\w+ in \/$/, /^layer 2: COPY file:\w+ in \/app\/app\.conf$/, /^layer 3: COPY file:\w+ in \/app\/extra\.conf$/],
      },
    },
    // what --semantic ignores: no cause is left (the folded comments and base.digest go with the times)
    ignore: [{ options: { timestamps: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT }],
  },
  // ---- index and manifests ------------------------------------------------------------
  {
    name: 'attestations',
    what: 'an oci-archive without and with a provenance attestation manifest',
    a: synthOci,
    b: synthetic('oci-attest.tar', { layout: 'oci', attestations: true }, 'oci-archive with a provenance attestation'),
    verdict: 'same-filesystem',
    causes: ['index.attestations'],
  },
  {
    name: 'index-annotations',
    what: 'an oci-archive whose index descriptor gains io.containerd.image.name',
    a: synthOci,
    b: synthetic(
      'oci-ann.tar',
      { layout: 'oci', indexAnnotations: { 'io.containerd.image.name': 'docker.io/library/app:v1' } },
      'index annotation io.containerd.image.name',
    ),
    verdict: 'same-filesystem',
    causes: ['index.annotations'],
    // an image name (diffoci --ignore-image-name, part of --semantic)
    ignore: [
      { options: { imageName: true }, verdict: 'same-filesystem', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'same-filesystem', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'index-platforms',
    what: 'an oci-archive with linux/amd64 and linux/arm64, and with linux/amd64 only',
    a: synthetic('oci-2platforms.tar', { layout: 'oci', arm64: true }, 'oci-archive, linux/amd64 + linux/arm64'),
    b: synthOci,
    verdict: 'content-differs',
    causes: ['index.platforms'],
  },
  {
    name: 'manifest-media-type',
    what: 'the same image with OCI and with Docker v2 schema 2 media types',
    a: synthOci,
    b: synthetic('oci-docker-mt.tar', { layout: 'oci', dockerMediaTypes: true }, 'Docker v2 schema 2 media types'),
    verdict: 'same-filesystem',
    causes: ['manifest.media-type'],
  },
  {
    name: 'manifest-annotations',
    what: 'the same image, the manifest of B with an org.opencontainers.image.base.name annotation',
    a: synthOci,
    b: synthetic(
      'oci-mann.tar',
      { layout: 'oci', manifestAnnotations: { 'org.opencontainers.image.base.name': 'docker.io/library/alpine:3.19' } },
      'manifest annotation',
    ),
    verdict: 'same-filesystem',
    causes: ['manifest.annotations'],
    // the base-image annotation: the FROM line, not BuildKit's rewritten-epoch
    checks: { 'manifest.annotations': { remedy: ['FROM', 'by digest'], notRemedy: ['rewrite-timestamp', 'BuildKit'] } },
    // a base image's name is not the image's own name: --semantic keeps it
    ignore: [{ options: SEMANTIC, verdict: 'same-filesystem', causes: ['manifest.annotations'] }],
  },
  // ---- config ---------------------------------------------------------------------------
  {
    name: 'config-created',
    what: 'umoci config --no-history --created of the fixture image',
    a: umoci,
    b: umociEdit('umoci-created.tar', ['umoci config --image L:v1 --no-history --created 2024-05-01T12:00:00Z']),
    verdict: 'metadata-only',
    causes: ['config.created'],
  },
  {
    name: 'config-created-history',
    what: 'the same layers, config created and every history created time later (no SOURCE_DATE_EPOCH)',
    a: synthOci,
    b: synthetic(
      'oci-later.tar',
      { layout: 'oci', created: '2024-03-05T10:02:27Z', historyCreated: '2024-03-05T10:02:27Z' },
      'config and history created later',
    ),
    verdict: 'metadata-only',
    causes: ['config.created', 'config.history'],
    checks: { 'config.history': { count: 2 } },
    // history's changed values are its `created` times: timestamps alone reach "same"
    ignore: [
      { options: { timestamps: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'config-field',
    what: 'umoci config --no-history --config.label of the fixture image',
    a: umoci,
    b: umociEdit('umoci-label.tar', ['umoci config --image L:v1 --no-history --config.label org.example.fixture=changed']),
    verdict: 'content-differs',
    causes: ['config.field'],
    checks: { 'config.field': { count: 1, evidence: ['org.example.fixture'] } },
  },
  // ---- layers ---------------------------------------------------------------------------
  {
    name: 'extra-layer',
    what: 'umoci raw add-layer of a GNU tar layer (/opt/extra.txt) on top of the fixture image',
    a: umoci,
    b: umociEdit('umoci-extra-layer.tar', [
      "umoci raw add-layer --image L:v1 --history.created 2023-11-14T22:18:20Z --history.created_by 'add opt/extra.txt' extra.tar",
    ]),
    verdict: 'content-differs',
    causes: ['layer.added'],
    checks: { 'layer.added': { count: 1 } },
  },
  {
    name: 'layer-removed',
    what: 'the extra-layer pair the other way round',
    a: umociEdit('umoci-extra-layer.tar', [
      "umoci raw add-layer --image L:v1 --history.created 2023-11-14T22:18:20Z --history.created_by 'add opt/extra.txt' extra.tar",
    ]),
    b: umoci,
    verdict: 'content-differs',
    causes: ['layer.removed'],
    checks: { 'layer.removed': { count: 1 } },
  },
  {
    name: 'layer-gzip-mtime',
    what: 'the same layer tars compressed by `gzip -n` and by `gzip` (header MTIME only)',
    a: compressedImage('gzip-n.tar', 'gzip -n -c'),
    b: compressedImage('gzip-mtime.tar', 'gzip -c'),
    verdict: 'same-filesystem',
    causes: ['layer.compression'],
    checks: { 'layer.compression': { count: 2, summary: [/mtime/i] } },
    ignore: [{ options: SEMANTIC, verdict: 'same-filesystem', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'layer-gzip-level',
    what: 'the same layer tars compressed by `gzip -1 -n` and `gzip -9 -n`',
    a: compressedImage('gzip-1.tar', 'gzip -1 -n -c'),
    b: compressedImage('gzip-9.tar', 'gzip -9 -n -c'),
    verdict: 'same-filesystem',
    causes: ['layer.compression'],
    checks: { 'layer.compression': { count: 2 } },
  },
  {
    name: 'layer-gzip-vs-pigz',
    what: 'the same layer tars compressed by `gzip -6 -n` and `pigz -6 -n` (another deflate implementation at the same level); for the 10 KiB base layer both write the same bytes (checked with gzip/pigz directly), so only layer 2 differs',
    a: compressedImage('gzip-6.tar', 'gzip -6 -n -c'),
    b: compressedImage('pigz-6.tar', 'pigz -6 -n -c'),
    verdict: 'same-filesystem',
    causes: ['layer.compression'],
    checks: { 'layer.compression': { count: 1, summary: ['layer 2', /deflate/i] } },
  },
  {
    name: 'layer-gzip-level-skopeo',
    what: 'skopeo --dest-compress-level 1 and 9 (Go compress/flate), outer tars repacked by GNU tar',
    a: repack('skopeo-gzip1.tar', { fixture: 'skopeo-oci-archive-gzip1.tar', flags: REPRO() }),
    b: repack('skopeo-gzip9.tar', { fixture: 'skopeo-oci-archive-gzip9.tar', flags: REPRO() }),
    verdict: 'same-filesystem',
    causes: ['layer.compression'],
    checks: { 'layer.compression': { count: 3 } },
  },
  {
    name: 'layer-gzip-vs-zstd',
    what: 'umoci gzip layers and skopeo --dest-compress-format zstd (both outer tars packed by GNU tar, modes normalised: umoci writes 0600, skopeo 0644); skopeo also writes oci-layout with a space after the colon',
    a: repack('umoci-0644.tar', { fixture: 'umoci-oci-layout.tar', flags: `${REPRO()} --mode=a+rX,u+w,go-w` }),
    b: repack('skopeo-zstd-0644.tar', { fixture: 'skopeo-oci-archive-zstd.tar', flags: `${REPRO()} --mode=a+rX,u+w,go-w` }),
    verdict: 'same-filesystem',
    causes: ['layer.compression', 'archive.entry-content'],
    checks: { 'layer.compression': { summary: ['layers 1, 2 and 3', 'gzip', 'zstd'] }, 'archive.entry-content': { evidence: ['oci-layout'] } },
  },
  {
    name: 'missing-blob',
    what: 'an oci-archive without the blob of layer 1',
    a: synthOci,
    b: synthetic('oci-missing-blob.tar', { layout: 'oci', dropLayerBlob: 1 }, 'layer 1 blob dropped'),
    // B is read to its end (not unreadable); the engine's input error for the missing blob follows
    // the reference check, and an image lacking a layer cannot be "the same" anything.
    verdict: 'content-differs',
    causes: ['layer.missing-blob'],
  },
  {
    name: 'digest-mismatch',
    what: "an oci-archive with plain-tar layers, layer 1's blob with one byte flipped in its end-of-archive blocks (same files, bytes that do not match the digest)",
    a: synthetic('oci-plain.tar', { layout: 'oci', uncompressed: true }, 'oci-archive, plain-tar layers'),
    b: synthetic(
      'oci-plain-bad-digest.tar',
      { layout: 'oci', uncompressed: true, corruptLayerBlob: 1 },
      'plain-tar layer 1 with a flipped byte in its end blocks',
    ),
    // B reads to its end (not unreadable) and its files equal A's, but a blob is not what its
    // digest promises: no "same" verdict can hold.
    verdict: 'content-differs',
    causes: ['layer.digest-mismatch'],
  },
  // ---- files ----------------------------------------------------------------------------
  {
    name: 'file-mtime',
    what: 'umoci-oci-layout.tar and the same build with every tree mtime one day later',
    a: umoci,
    b: { fixture: 'umoci-oci-layout-mtime-b.tar' },
    verdict: 'metadata-only',
    causes: ['file.mtime'],
    checks: { 'file.mtime': { summary: ['1 day'] } },
    ignore: [
      { options: { timestamps: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'file-mtime-shift',
    what: 'layer 1 packed by GNU tar with --mtime=@T and --mtime=@T+147',
    a: gnu,
    b: gnuImage('gnu-mtime.tar', { flags: LAYER_FLAGS({ mtime: T + 147 }) }),
    verdict: 'metadata-only',
    causes: ['file.mtime'],
    checks: { 'file.mtime': { summary: ['2 min 27 s'] } },
  },
  {
    name: 'file-order',
    what: 'layer 1 members in name order and in reverse name order',
    a: gnu,
    b: gnuImage('gnu-reverse.tar', { reverse: true }),
    verdict: 'metadata-only',
    causes: ['file.order'],
    ignore: [
      { options: { fileOrder: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'file-owner',
    what: 'layer 1 packed with --owner=0 --group=0 and --owner=1000 --group=1000',
    a: gnu,
    b: gnuImage('gnu-owner.tar', { flags: LAYER_FLAGS({ owner: '--owner=1000 --group=1000 --numeric-owner' }) }),
    verdict: 'metadata-only',
    causes: ['file.owner'],
  },
  {
    name: 'file-owner-name',
    what: 'layer 1 packed with --owner=root:0 --group=root:0 and --owner=builder:0 --group=builder:0',
    a: gnuImage('gnu-names-root.tar', { flags: LAYER_FLAGS({ owner: '--owner=root:0 --group=root:0' }) }),
    b: gnuImage('gnu-names-builder.tar', { flags: LAYER_FLAGS({ owner: '--owner=builder:0 --group=builder:0' }) }),
    verdict: 'metadata-only',
    causes: ['file.owner-name'],
    ignore: [
      { options: { ownerNames: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'file-mode',
    what: 'layer 1 packed with and without --mode=g+w',
    a: gnu,
    b: gnuImage('gnu-mode.tar', { flags: LAYER_FLAGS({ extra: '--mode=g+w' }) }),
    verdict: 'metadata-only',
    causes: ['file.mode'],
  },
  {
    name: 'file-atime-ctime',
    what: "layer 1 in pax format with atime/ctime records deleted, and with GNU tar's default atime/ctime records",
    a: gnuImage('gnu-pax.tar', { flags: LAYER_FLAGS({ format: POSIX(false) }) }),
    b: gnuImage('gnu-pax-times.tar', { flags: LAYER_FLAGS({ format: POSIX(true) }) }),
    verdict: 'metadata-only',
    causes: ['file.atime-ctime'],
    checks: { 'file.atime-ctime': { summary: ['28 files', 'pax header'] } },
    volatile: [/\b1[7-9]\d{8}(\.\d+)?\b/g, /\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g],
    ignore: [
      { options: { timestamps: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'file-tar-format',
    what: 'layer 1 in GNU format and in pax format (no atime/ctime)',
    a: gnu,
    b: gnuImage('gnu-pax.tar', { flags: LAYER_FLAGS({ format: POSIX(false) }) }),
    verdict: 'metadata-only',
    causes: ['file.tar-format'],
    // the tree's paths over 100 bytes: a GNU ././@LongLink entry in A, a pax `path` record in B
    checks: { 'file.tar-format': { summary: ['longName', 'pax.path'] } },
    ignore: [
      { options: { tarFormat: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
      { options: SEMANTIC, verdict: 'metadata-only', causes: [], headline: EQUIVALENT },
    ],
  },
  // ---- same files, other representation (the merged filesystem is the same) --------------
  {
    name: 'long-name-gnu-vs-ustar',
    what: 'layer 1 (without the one name ustar cannot hold) packed by GNU tar --format=gnu and --format=ustar: the 136-byte path is a ././@LongLink entry in A and a prefix/name split in B',
    a: gnuImage('gnu-short-names.tar', { edits: ['short-names'] }),
    b: gnuImage('ustar-short-names.tar', { edits: ['short-names'], flags: LAYER_FLAGS({ format: '--format=ustar' }) }),
    verdict: 'metadata-only',
    causes: ['file.tar-format'],
    checks: { 'file.tar-format': { summary: ['longName'] } },
    headline: [/merged filesystem is the same/],
    ignore: [{ options: { tarFormat: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'sparse-gnu-vs-dense',
    what: 'var/lib/sparse.img (data in its first block and at 56 KiB, a hole between) packed by GNU tar --format=gnu without and with -S (an old GNU sparse entry, typeflag S)',
    a: sparseImage('sparse-gnu-dense.tar', { format: 'gnu', sparse: false }),
    b: sparseImage('sparse-gnu-S.tar', { format: 'gnu', sparse: true }),
    verdict: 'metadata-only',
    causes: ['file.tar-format'],
    checks: { 'file.tar-format': { count: 1, summary: [/sparse/], evidence: ['var/lib/sparse.img'] } },
    headline: [/merged filesystem is the same/],
    ignore: [{ options: { tarFormat: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'sparse-pax-vs-dense',
    what: 'the same file packed by GNU tar --format=posix without and with -S --sparse-version=1.0 (pax GNU.sparse records, the map at the start of the data, a GNUSparseFile header name)',
    a: sparseImage('sparse-pax-dense.tar', { format: 'pax', sparse: false }),
    b: sparseImage('sparse-pax-S.tar', { format: 'pax', sparse: true }),
    verdict: 'metadata-only',
    causes: ['file.tar-format'],
    checks: { 'file.tar-format': { summary: [/sparse/], evidence: ['var/lib/sparse.img'] } },
    headline: [/merged filesystem is the same/],
    ignore: [{ options: { tarFormat: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'hardlink-vs-copy',
    what: 'layer 1 packed by GNU tar with --hard-dereference (data/motd.hardlink and etc/motd two copies) and without (etc/motd a hard link to data/motd.hardlink, the first in name order)',
    a: gnu,
    b: gnuImage('gnu-hardlinks.tar', { flags: LAYER_FLAGS({ hardlinks: true }) }),
    verdict: 'metadata-only',
    causes: ['file.tar-format'],
    checks: { 'file.tar-format': { count: 1, summary: [/hard link/], evidence: ['etc/motd'] } },
    headline: [/merged filesystem is the same/],
    ignore: [{ options: { tarFormat: true }, verdict: 'metadata-only', causes: [], headline: EQUIVALENT }],
  },
  {
    name: 'opaque-vs-whiteouts',
    what: "layer 1 deletes layer 0's only etc/ entry (etc/os-release) by making etc/ opaque (etc/.wh..wh..opq) in A, by a whiteout (etc/.wh.os-release) in B: the same merged filesystem",
    a: gnuImage('gnu-opaque.tar', { edits: ['opaque'] }),
    b: gnuImage('gnu-whiteout.tar', { edits: ['whiteout'] }),
    verdict: 'metadata-only',
    causes: ['layer.layering'],
    checks: { 'layer.layering': { count: 2, summary: [/merged filesystem is the same/], evidence: ['.wh..wh..opq', '.wh.os-release'] } },
    headline: [/merged filesystem is the same/],
  },
  {
    name: 'squashed-vs-layered',
    what: 'three GNU tar layers (base; the fixture tree; etc/extra.txt and a whiteout of tmp/delete-me.txt), and the same three extracted in order by GNU tar and packed again as one layer',
    a: squashImage('layered-3.tar', { squashed: false }),
    b: squashImage('squashed-1.tar', { squashed: true }),
    verdict: 'metadata-only',
    causes: ['layer.layering'],
    checks: { 'layer.layering': { summary: [/merged filesystem is the same/, 'A has 3 layers, B 1 layer'] } },
    headline: [/merged filesystem is the same/],
  },
  {
    name: 'file-xattrs',
    what: 'usr/bin/tool without and with security.capability (cap_net_bind_service)',
    a: synthOci,
    b: synthetic('oci-cap.tar', { layout: 'oci', capability: true }, 'security.capability xattr on usr/bin/tool'),
    verdict: 'metadata-only',
    causes: ['file.xattrs'],
    checks: { 'file.xattrs': { summary: ['1 file', 'security.capability'], evidence: ['usr/bin/tool'] } },
    headline: [/^(?!.*\bfile' )/],
  },
  {
    name: 'file-content',
    what: 'one file of layer 1 (etc/app.conf) with other content',
    a: gnu,
    b: gnuImage('gnu-content.tar', { edits: ['content'] }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: {
      'file.content': {
        count: 1,
        evidence: ['etc/app.conf'],
        remedy: ['a real change in etc/app.conf'],
        notRemedy: ['PYTHONDONTWRITEBYTECODE', '/var/log', 'apt-get'],
      },
    },
  },
  {
    name: 'file-added',
    what: 'layer 1 of B has etc/extra.txt',
    a: gnu,
    b: gnuImage('gnu-added.tar', { edits: ['added'] }),
    verdict: 'content-differs',
    causes: ['file.added'],
    checks: { 'file.added': { count: 1, evidence: ['etc/extra.txt'] } },
  },
  {
    name: 'file-removed',
    what: 'layer 1 of A has etc/extra.txt',
    a: gnuImage('gnu-added.tar', { edits: ['added'] }),
    b: gnu,
    verdict: 'content-differs',
    causes: ['file.removed'],
    checks: { 'file.removed': { count: 1, evidence: ['etc/extra.txt'] } },
  },
  {
    name: 'file-type',
    what: 'data/link-to-hostname a symlink in A, a regular file in B',
    a: gnu,
    b: gnuImage('gnu-type.tar', { edits: ['type'] }),
    verdict: 'content-differs',
    causes: ['file.type'],
    checks: { 'file.type': { count: 1, evidence: ['data/link-to-hostname'] } },
  },
  {
    name: 'whiteout',
    what: "layer 1 of B deletes layer 0's etc/os-release (etc/.wh.os-release)",
    a: gnu,
    b: gnuImage('gnu-whiteout.tar', { edits: ['whiteout'] }),
    verdict: 'content-differs',
    causes: ['file.whiteout'],
    checks: { 'file.whiteout': { evidence: ['os-release'] } },
  },
  {
    name: 'opaque-dir',
    what: "layer 1 of B makes etc/ opaque (etc/.wh..wh..opq), hiding layer 0's etc/os-release",
    a: gnu,
    b: gnuImage('gnu-opaque.tar', { edits: ['opaque'] }),
    verdict: 'content-differs',
    causes: ['file.whiteout'],
    checks: { 'file.whiteout': { evidence: ['etc'] } },
  },
  {
    name: 'pyc-mtime',
    what: 'python3 py_compile of the same module from sources with mtimes T and T+1: the .pyc embeds the mtime',
    a: gnuImage('gnu-pyc-a.tar', { edits: [`pyc:${T}`] }),
    b: gnuImage('gnu-pyc-b.tar', { edits: [`pyc:${T + 1}`] }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: {
      'file.content': {
        count: 1,
        evidence: ['mod.pyc'],
        remedy: ['PYTHONDONTWRITEBYTECODE', 'compileall'],
        notRemedy: ['/var/log', 'apt-get', 'strip-nondeterminism', 'real change'],
      },
    },
    // the bytes differ only in the header's source mtime: a timestamp (facts.timestampOnly); the
    // verdict stays the literal one (a file's bytes differ), "same" is the empty cause list
    ignore: [
      { options: { paths: ['**/*.pyc'] }, verdict: 'content-differs', causes: [], headline: EQUIVALENT },
      { options: { timestamps: true }, verdict: 'content-differs', causes: [], headline: [/^Equivalent when ignoring timestamps:/] },
      { options: SEMANTIC, verdict: 'content-differs', causes: [], headline: EQUIVALENT },
      { options: { fileOrder: true, ownerNames: true, tarFormat: true, history: true }, verdict: 'content-differs', causes: ['file.content'] },
    ],
  },
  {
    name: 'zip-entry-times',
    what: 'a jar written by python3 zipfile with every entry dated T and T+1 day (DOS time and date of its local and central headers)',
    a: embeddedImage('jar-t.tar', { zip: T }),
    b: embeddedImage('jar-t1d.tar', { zip: T + 86400 }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: { 'file.content': { count: 1, evidence: ['lib.jar'] } },
    ignore: [
      { options: { timestamps: true }, verdict: 'content-differs', causes: [], headline: [/^Equivalent when ignoring timestamps:/] },
      { options: SEMANTIC, verdict: 'content-differs', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'zip-entry-content',
    what: 'the jar of zip-entry-times, B dated T+1 day and its stored entry app/version.txt 1.1 instead of 1.0 (same size): not only timestamps',
    a: embeddedImage('jar-t.tar', { zip: T }),
    b: embeddedImage('jar-t1d-v11.tar', { zip: T + 86400, zipVersion: '1.1' }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: { 'file.content': { count: 1, evidence: ['lib.jar'] } },
    ignore: [{ options: SEMANTIC, verdict: 'content-differs', causes: ['file.content'] }],
  },
  {
    name: 'gzip-file-mtime',
    what: 'usr/share/doc/app/changelog.gz written by GNU gzip -9 (without -n) from an input with mtime T and T+1 h: the member header MTIME',
    a: embeddedImage('gz-t.tar', { gz: T }),
    b: embeddedImage('gz-t1h.tar', { gz: T + 3600 }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: { 'file.content': { count: 1, evidence: ['changelog.gz'] } },
    ignore: [
      { options: { timestamps: true }, verdict: 'content-differs', causes: [], headline: [/^Equivalent when ignoring timestamps:/] },
      { options: SEMANTIC, verdict: 'content-differs', causes: [], headline: EQUIVALENT },
    ],
  },
  {
    name: 'semantic-only',
    what: 'one layer with a .pyc, a jar and a .gz, B built later (source mtime +1 s, jar entries +1 day, gzip input +1 h), packed with --mtime T+147, owner name builder instead of none, pax instead of GNU format, members in reverse order: only what --semantic ignores',
    a: embeddedImage('embedded-a.tar', { pyc: T, zip: T, gz: T }),
    b: embeddedImage('embedded-b.tar', {
      pyc: T + 1,
      zip: T + 86400,
      gz: T + 3600,
      flags: LAYER_FLAGS({ mtime: T + 147, owner: '--owner=builder:0 --group=builder:0', format: POSIX(false) }),
      reverse: true,
    }),
    verdict: 'content-differs',
    causes: ['file.content', 'file.mtime', 'file.order', 'file.owner-name', 'file.tar-format'],
    checks: { 'file.content': { count: 3 } },
    ignore: [
      { options: SEMANTIC, verdict: 'content-differs', causes: [], headline: EQUIVALENT },
      // each option alone leaves the others
      { options: { timestamps: true }, verdict: 'metadata-only', causes: ['file.order', 'file.owner-name', 'file.tar-format'] },
      { options: { fileOrder: true, ownerNames: true, tarFormat: true, history: true }, verdict: 'content-differs', causes: ['file.content', 'file.mtime'] },
    ],
  },
  // ---- packages (src/packages: the layers' package databases) ----------------------------
  {
    name: 'deb-package-upgraded',
    what: 'layer 2 holds a dpkg database: zlib1g 1:1.2.13.dfsg-1 in A, 1:1.2.13.dfsg-1+b1 in B (var/lib/dpkg/status), and the library its info/zlib1g:amd64.list names with other bytes',
    a: debImage('deb-zlib-a.tar', { zlibVersion: '1:1.2.13.dfsg-1', zlibBuild: 'a' }),
    b: debImage('deb-zlib-b.tar', { zlibVersion: '1:1.2.13.dfsg-1+b1', zlibBuild: 'b' }),
    verdict: 'content-differs',
    // the status file itself belongs to no package: it stays a file.content of its own
    causes: ['package.upgraded', 'file.content'],
    checks: {
      'package.upgraded': {
        count: 1,
        summary: ['1 of 2 changed files belongs to 1 deb package: 1 upgraded (zlib1g 1:1.2.13.dfsg-1 → 1:1.2.13.dfsg-1+b1); 1 belongs to none'],
        evidence: ['zlib1g 1:1.2.13.dfsg-1 → 1:1.2.13.dfsg-1+b1: 1 file (usr/lib/x86_64-linux-gnu/libz.so.1.2.13)'],
        remedy: ['apt-get install zlib1g=1:1.2.13.dfsg-1+b1', 'snapshot.debian.org'],
      },
      'file.content': { count: 1, evidence: ['var/lib/dpkg/status'] },
    },
  },
  {
    name: 'deb-package-rebuilt',
    what: 'the same dpkg database (zlib1g 1:1.2.13.dfsg-1 on both sides) and the library it lists with other bytes: the same version built twice',
    a: debImage('deb-zlib-a.tar', { zlibVersion: '1:1.2.13.dfsg-1', zlibBuild: 'a' }),
    b: debImage('deb-zlib-rebuilt.tar', { zlibVersion: '1:1.2.13.dfsg-1', zlibBuild: 'rebuilt' }),
    verdict: 'content-differs',
    causes: ['package.rebuilt'],
    checks: { 'package.rebuilt': { count: 1, summary: ['Rebuilt at the same version: zlib1g 1:1.2.13.dfsg-1', 'not reproducible'] } },
  },
  {
    name: 'python-package-added',
    what: 'B has a pip-installed package more: six-1.16.0.dist-info (METADATA, RECORD) and six.py in layer 2',
    a: debImage('deb-zlib-a.tar', { zlibVersion: '1:1.2.13.dfsg-1', zlibBuild: 'a' }),
    b: debImage('deb-zlib-a-six.tar', { zlibVersion: '1:1.2.13.dfsg-1', zlibBuild: 'a', python: true }),
    verdict: 'content-differs',
    // the dist-info directory is listed by no RECORD: a file.added of its own
    causes: ['package.added', 'file.added'],
    checks: {
      'package.added': { count: 3, summary: ['1 python package installed in B only: six 1.16.0 (3 files)'] },
      'file.added': { count: 1, summary: ['six-1.16.0.dist-info'] },
    },
  },
  {
    name: 'rpm-package-upgraded',
    what: 'layer 2 holds an rpm database (var/lib/rpm/rpmdb.sqlite, written by rpm 4.18): tarscope-beta 2:0.9-1.el9 in A, 2:0.10-1.el9 in B, and the library it lists with other bytes; tarscope-alpha the same on both sides',
    a: rpmImage('rpm-beta-a.tar', { betaVersion: '0.9' }),
    b: rpmImage('rpm-beta-b.tar', { betaVersion: '0.10' }),
    verdict: 'content-differs',
    // the database itself belongs to no package: a file.content of its own
    causes: ['package.upgraded', 'file.content'],
    checks: {
      'package.upgraded': {
        count: 1,
        summary: ['1 of 2 changed files belongs to 1 rpm package: 1 upgraded (tarscope-beta 2:0.9-1.el9 → 2:0.10-1.el9); 1 belongs to none'],
        evidence: ['tarscope-beta 2:0.9-1.el9 → 2:0.10-1.el9: 1 file (usr/lib64/libbeta.so.0)'],
        remedy: ['dnf install tarscope-beta-2:0.10-1.el9'],
      },
      'file.content': { count: 1, evidence: ['var/lib/rpm/rpmdb.sqlite'] },
    },
  },
  // ---- remedies chosen from the evidence and the builder (src/compare/explain/remedy.ts) ----
  {
    name: 'remedy-yaml-edit',
    what: 'etc/app/config.yaml with `workers: 4` and with `workers: 8` (a plain config edit)',
    a: kindImage('kinds.tar', {}),
    b: kindImage('kinds-workers8.tar', { workers: 8 }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: {
      'file.content': {
        count: 1,
        evidence: ['etc/app/config.yaml'],
        remedy: ['a real change in etc/app/config.yaml', 'compare the build inputs'],
        remedyFor: { kinds: ['other'] },
        notRemedy: ['PYTHONDONTWRITEBYTECODE', 'compileall', '/var/log', 'apt-get', 'strip-nondeterminism', 'BuildKit'],
      },
    },
  },
  {
    name: 'remedy-jar-times',
    what: 'usr/share/app/app.jar written by python3 zipfile with the same entries, their times @T and @T+3600',
    a: kindImage('kinds.tar', {}),
    b: kindImage('kinds-jar1h.tar', { jarTime: T + 3600 }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: {
      'file.content': {
        count: 1,
        evidence: ['usr/share/app/app.jar'],
        remedy: ['project.build.outputTimestamp', 'preserveFileTimestamps', 'strip-nondeterminism'],
        remedyFor: { kinds: ['jar'] },
        notRemedy: ['PYTHONDONTWRITEBYTECODE', 'compileall', '/var/log', 'apt-get', 'real change'],
      },
    },
  },
  {
    name: 'remedy-dpkg-upgrade',
    what: 'var/lib/dpkg/status with package hello at version 2.10-3 and at 2.10-4 (a Debian package upgrade)',
    a: kindImage('kinds.tar', {}),
    b: kindImage('kinds-dpkg.tar', { dpkgVersion: '2.10-4' }),
    verdict: 'content-differs',
    causes: ['file.content'],
    checks: {
      'file.content': {
        count: 1,
        evidence: ['var/lib/dpkg/status'],
        remedy: ['apt-get install pkg=version', 'snapshot.debian.org'],
        remedyFor: { kinds: ['dpkg'] },
        notRemedy: ['PYTHONDONTWRITEBYTECODE', 'compileall', '/var/log', 'strip-nondeterminism', 'real change'],
      },
    },
  },
  {
    name: 'buildah-rebuild',
    what: 'two real buildah builds of one Containerfile (FROM scratch, ADD a tar, COPY a file), the second 2 s later, each pushed to oci-archive by buildah',
    a: BUILDAH_A,
    b: buildahImage('buildah-b.tar', { delay: 2 }),
    verdict: 'metadata-only',
    causes: ['config.created', 'config.history', 'file.mtime', 'archive.entry-mtime'],
    checks: {
      'file.mtime': {
        evidence: ['app'],
        // buildah without --layers writes one layer and marks the ADD step empty_layer: the
        // layer is the COPY step's (OCI config.md: the i-th layer is the i-th non-empty entry)
        steps: [/^layer 1: COPY file:\w+ in \/app\/app\.conf$/],
        remedy: ['buildah', '--timestamp'],
        notRemedy: ['BuildKit', 'rewrite-timestamp=true', 'kaniko', 'docker'],
        remedyFor: { builders: { a: 'buildah', b: 'buildah' } },
      },
      'config.created': { remedy: ['buildah', '--timestamp'], notRemedy: ['BuildKit', 'kaniko', 'docker'] },
      'config.history': { remedy: ['buildah', '--timestamp'], notRemedy: ['BuildKit', 'kaniko', 'docker'] },
      'archive.entry-mtime': { remedy: ['buildah push', 'skopeo'], notRemedy: ['BuildKit', 'containerd', 'docker'] },
    },
    volatile: [
      /\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g,
      /\b\d+ (s|min|h|days?)\b( \d+ (s|min|h))?/g,
      /sha256:[0-9a-f]{12}…/g,
      /\b[0-9a-f]{12}…/g,
      /\b1\.\d+\.\d+\b/g,
      // the pattern of the times depends on which second each write fell in
      /(every B (m)?time is|all (m)?times in [AB] are clamped to|B (m)?times are|B's (m)?time is)[^;()]*/g,
    ],
    // the gzipped layer holds the clock's mtime: its size is 216 in one build and 217 in the
    // next, or the same in both (CI, 2026-12-07), so the manifest's layers[0].size follows
    // file.mtime only sometimes
    volatileDifferences: [/^manifest:i\d+:layers\[\d+\]\.size$/],
  },
  {
    name: 'buildah-push-vs-skopeo-copy',
    what: 'a real buildah image pushed to oci-archive by buildah, and that archive copied 1 s later by `skopeo copy` to another oci-archive',
    a: BUILDAH_A,
    b: skopeoCopyOf('buildah-a-skopeo.tar', BUILDAH_A, 1),
    verdict: 'same-image',
    causes: ['archive.entry-mtime'],
    checks: {
      'archive.entry-mtime': {
        remedy: ['buildah push', 'skopeo copy'],
        notRemedy: ['BuildKit', 'rewrite-timestamp', 'containerd', 'docker'],
        remedyFor: { writer: 'containers-image' },
      },
    },
    volatile: [
      /\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g,
      /\b[0-9a-f]{64}\b/g, // the blobs of a real build (its times are in them)
      /(every B (m)?time is|all (m)?times in [AB] are clamped to|B (m)?times are|B's (m)?time is)[^;()]*/g,
    ],
  },
  // ---- bad inputs -------------------------------------------------------------------------
  {
    name: 'truncated',
    what: 'umoci-oci-layout.tar and its first 60 %',
    a: umoci,
    b: truncated('umoci-60pct.tar', 'umoci-oci-layout.tar', 0.6),
    verdict: 'unreadable',
    causes: ['input.truncated'],
  },
  {
    name: 'corrupt-gzip-crc',
    what: 'docker-archive.tar.gz and the same file with its gzip CRC32 inverted',
    a: { fixture: 'docker-archive.tar.gz' },
    b: badGzipCrc('docker-archive-badcrc.tar.gz', 'docker-archive.tar.gz'),
    verdict: 'unreadable',
    causes: ['input.corrupt'],
  },
  {
    name: 'unsupported-xz',
    what: 'a docker-archive and the same archive compressed by xz',
    a: { fixture: 'skopeo-docker-archive.tar' },
    b: outerCompressed('docker-archive.tar.xz', 'skopeo-docker-archive.tar', 'xz -c'),
    verdict: 'unreadable',
    causes: ['input.unsupported'],
    // the summary must name the format itself (the file name B carries does not count)
    checks: { 'input.unsupported': { summary: [/xz-compressed|\bxz\b(?!\))/i], evidence: ['xz-compressed'] } },
  },
];
