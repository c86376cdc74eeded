/**
 * In-memory builders of whole image archives as tar bytes, one per layout src/image reads:
 * legacy `docker save` (with symlinked duplicate layers, or without manifest.json as before
 * Docker 1.10), Docker 25+ `docker save` (graphdriver and containerd image store),
 * OCI layouts (oci-archive, multi-platform, nested index, attestations) and the ggcr/kaniko
 * tarball. Layers are real tars (`layerTar`).
 *
 * Browser-safe: hashing and compression come in through `ImageHooks` (tests pass
 * node:crypto and node:zlib; a browser test could pass hash-wasm and CompressionStream).
 * Digests and sizes are computed from the bytes written, never invented; corruption is
 * applied afterwards with `transform` (rename, drop or replace outer entries).
 * One module (a little over 400 lines) because the layouts share the config, blob and
 * OCI-index helpers; each builder is a single function.
 */
import { buildTar, type BuildEntry } from './tar';

export interface ImageHooks {
  /** 'sha256:<hex>' of the bytes. */
  sha256(bytes: Uint8Array): string;
  /** Layer compressor for layouts that store compressed layers (gzip). */
  gzip?(bytes: Uint8Array): Uint8Array;
}

export interface HistorySpec {
  created?: string;
  created_by?: string;
  empty_layer?: boolean;
}

export interface ImageSpec {
  /** "repo:tag" (docker layouts) or the OCI ref name. */
  tags?: string[];
  /** Uncompressed layer tars, bottom first. */
  layers: Uint8Array[];
  /** Default: one entry per layer, "layer <i>". */
  history?: HistorySpec[];
  os?: string;
  architecture?: string;
  variant?: string;
  created?: string;
  /** Edits the config object before it is serialised (and hashed). */
  config?(c: Record<string, unknown>): void;
  /** Edits the manifest object before it is serialised (OCI layouts). */
  manifest?(m: Record<string, unknown>): void;
}

export interface BuiltImage {
  tags: string[];
  configName: string;
  configDigest: string;
  diffIds: string[];
  /** Outer names of the layer blobs, in manifest order (links not resolved). */
  layerNames: string[];
  /** Digests of the layer blobs as stored (compressed where compressed). */
  layerDigests: string[];
  manifestDigest?: string;
  platform?: { os: string; architecture: string; variant?: string };
}

export interface BuiltArchive {
  tar: Uint8Array;
  entries: BuildEntry[];
  images: BuiltImage[];
  /** OCI layouts: digests of nested indexes / attestation manifests. */
  nestedIndexDigest?: string;
  attestationDigests?: string[];
}

export interface CommonOptions {
  /** Rewrites the outer entries before the tar is written (rename, drop, replace). */
  transform?(entries: BuildEntry[]): BuildEntry[];
}

const enc = new TextEncoder();
const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  intoto: 'application/vnd.in-toto+json',
};

/** A layer tar from entries (ustar, mtime 0 unless given). */
export function layerTar(files: BuildEntry[]): Uint8Array {
  return buildTar(files);
}

const hex = (digest: string) => digest.slice('sha256:'.length);
const json = (v: unknown) => enc.encode(JSON.stringify(v));
const file = (name: string, data: Uint8Array | string, extra: Partial<BuildEntry> = {}): BuildEntry => ({ name, data, mode: 0o644, ...extra });

function history(spec: ImageSpec): HistorySpec[] {
  return spec.history ?? spec.layers.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `layer ${i}` }));
}

function makeConfig(spec: ImageSpec, diffIds: string[], hooks: ImageHooks): { bytes: Uint8Array; digest: string } {
  const c: Record<string, unknown> = {
    architecture: spec.architecture ?? 'amd64',
    os: spec.os ?? 'linux',
    ...(spec.variant ? { variant: spec.variant } : {}),
    created: spec.created ?? '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/bin:/bin'] },
    history: history(spec),
    rootfs: { type: 'layers', diff_ids: [...diffIds] },
  };
  spec.config?.(c);
  const bytes = json(c);
  return { bytes, digest: hooks.sha256(bytes) };
}

function finish(entries: BuildEntry[], opts: CommonOptions): { tar: Uint8Array; entries: BuildEntry[] } {
  const out = opts.transform ? opts.transform(entries) : entries;
  return { tar: buildTar(out), entries: out };
}

function repoTag(t: string): [string, string] {
  const i = t.lastIndexOf(':');
  return i > t.lastIndexOf('/') ? [t.slice(0, i), t.slice(i + 1)] : [t, 'latest'];
}

// ---------------------------------------------------------------------------------------
// docker save < 25
// ---------------------------------------------------------------------------------------

export interface LegacyOptions extends CommonOptions {
  /** Write manifest.json (Docker >= 1.10). Default true. */
  manifest?: boolean;
  /** Write top-level <hex>.json configs. Default: same as `manifest`. */
  configs?: boolean;
  /** Store a repeated layer as a symlink to its first copy (moby/moby#42766). Default true. */
  symlinkDuplicates?: boolean;
  /**
   * 'containers-image': skopeo/podman docker-archive — layers stored once as `<diff_id hex>.tar`
   * at the top level, manifest.json names those, each `<id>/layer.tar` is a symlink to one.
   */
  style?: 'docker' | 'containers-image';
}

/**
 * `docker save` before Docker 25: `<id>/{VERSION,json,layer.tar}`, `<config hex>.json`,
 * manifest.json, repositories. v1 ids are derived from the parent id and diff_id, as
 * docker's v1 compatibility ids are.
 */
export function buildLegacySave(images: ImageSpec[], hooks: ImageHooks, opts: LegacyOptions = {}): BuiltArchive {
  const withManifest = opts.manifest ?? true;
  const withConfigs = opts.configs ?? withManifest;
  const entries: BuildEntry[] = [];
  const written = new Set<string>();
  const firstCopy = new Map<string, string>(); // diff_id -> v1 id holding the bytes
  const manifest: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  const built: BuiltImage[] = [];
  for (const spec of images) {
    const diffIds = spec.layers.map((l) => hooks.sha256(l));
    const cfg = makeConfig(spec, diffIds, hooks);
    const configName = `${hex(cfg.digest)}.json`;
    if (withConfigs && !written.has(configName)) {
      entries.push(file(configName, cfg.bytes));
      written.add(configName);
    }
    const hist = history(spec).filter((h) => !h.empty_layer);
    let parent: string | undefined;
    const layerNames: string[] = [];
    const ci = opts.style === 'containers-image';
    spec.layers.forEach((layer, i) => {
      const id = hex(hooks.sha256(enc.encode(`${parent ?? ''}\n${diffIds[i]}`)));
      const name = `${id}/layer.tar`;
      const top = `${hex(diffIds[i])}.tar`;
      layerNames.push(ci ? top : name);
      if (ci && !written.has(top)) {
        written.add(top);
        entries.push(file(top, layer));
      }
      if (!written.has(id)) {
        written.add(id);
        entries.push({ name: `${id}/`, typeflag: '5', mode: 0o755 });
        entries.push(file(`${id}/VERSION`, '1.0'));
        const v1: Record<string, unknown> = {
          id,
          created: hist[i]?.created ?? '2024-01-01T00:00:00Z',
          container_config: { Cmd: [hist[i]?.created_by ?? `layer ${i}`] },
          os: spec.os ?? 'linux',
          architecture: spec.architecture ?? 'amd64',
        };
        if (parent) v1.parent = parent;
        entries.push(file(`${id}/json`, json(v1)));
        const first = firstCopy.get(diffIds[i]);
        if (ci) {
          entries.push({ name, typeflag: '2', linkname: `../${top}`, mode: 0o777 });
        } else if (first && (opts.symlinkDuplicates ?? true)) {
          entries.push({ name, typeflag: '2', linkname: `../${first}/layer.tar`, mode: 0o777 });
        } else {
          entries.push(file(name, layer));
          if (!first) firstCopy.set(diffIds[i], id);
        }
      }
      parent = id;
    });
    manifest.push({ Config: configName, RepoTags: spec.tags ?? null, Layers: layerNames });
    for (const t of spec.tags ?? []) {
      const [repo, tag] = repoTag(t);
      (repositories[repo] ??= {})[tag] = parent!;
    }
    built.push({ tags: spec.tags ?? [], configName, configDigest: cfg.digest, diffIds, layerNames, layerDigests: diffIds });
  }
  if (withManifest) entries.push(file('manifest.json', json(manifest)));
  if (Object.keys(repositories).length) entries.push(file('repositories', json(repositories)));
  return { ...finish(entries, opts), images: built };
}

// ---------------------------------------------------------------------------------------
// OCI layouts (shared by Docker 25+ and oci-archive)
// ---------------------------------------------------------------------------------------

interface Blobs {
  entries: BuildEntry[];
  seen: Set<string>;
}

function putBlob(b: Blobs, bytes: Uint8Array, hooks: ImageHooks): { digest: string; size: number; name: string } {
  const digest = hooks.sha256(bytes);
  const name = `blobs/sha256/${hex(digest)}`;
  if (!b.seen.has(name)) {
    b.seen.add(name);
    b.entries.push(file(name, bytes, { mode: 0o444 }));
  }
  return { digest, size: bytes.length, name };
}

interface OciImage {
  built: BuiltImage;
  manifest: { digest: string; size: number };
  platform: { os: string; architecture: string; variant?: string };
}

function ociImage(spec: ImageSpec, blobs: Blobs, hooks: ImageHooks, compress: boolean): OciImage {
  const diffIds = spec.layers.map((l) => hooks.sha256(l));
  const cfg = makeConfig(spec, diffIds, hooks);
  const cfgBlob = putBlob(blobs, cfg.bytes, hooks);
  if (compress && !hooks.gzip) throw new Error('image builder: compressed layers need hooks.gzip');
  const layers = spec.layers.map((l) => putBlob(blobs, compress ? hooks.gzip!(l) : l, hooks));
  const m: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: MT.manifest,
    config: { mediaType: MT.config, digest: cfgBlob.digest, size: cfgBlob.size },
    layers: layers.map((l) => ({ mediaType: compress ? MT.layerGzip : MT.layer, digest: l.digest, size: l.size })),
  };
  spec.manifest?.(m);
  const mBlob = putBlob(blobs, json(m), hooks);
  const platform = { os: spec.os ?? 'linux', architecture: spec.architecture ?? 'amd64', ...(spec.variant ? { variant: spec.variant } : {}) };
  return {
    built: {
      tags: spec.tags ?? [],
      configName: cfgBlob.name,
      configDigest: cfgBlob.digest,
      diffIds,
      layerNames: layers.map((l) => l.name),
      layerDigests: layers.map((l) => l.digest),
      manifestDigest: mBlob.digest,
      platform,
    },
    manifest: mBlob,
    platform,
  };
}

/** A BuildKit-style provenance attestation manifest for `subject` (platform unknown/unknown). */
function attestation(
  subject: string,
  blobs: Blobs,
  hooks: ImageHooks,
  predicate: Record<string, unknown> = {},
): { desc: Record<string, unknown>; digest: string } {
  const statement = json({
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject: [{ digest: { sha256: hex(subject) } }],
    predicate,
  });
  const layer = putBlob(blobs, statement, hooks);
  const cfg = putBlob(blobs, json({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [layer.digest] } }), hooks);
  const m = putBlob(
    blobs,
    json({
      schemaVersion: 2,
      mediaType: MT.manifest,
      config: { mediaType: MT.config, digest: cfg.digest, size: cfg.size },
      layers: [
        { mediaType: MT.intoto, digest: layer.digest, size: layer.size, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } },
      ],
    }),
    hooks,
  );
  return {
    digest: m.digest,
    desc: {
      mediaType: MT.manifest,
      digest: m.digest,
      size: m.size,
      annotations: { 'vnd.docker.reference.digest': subject, 'vnd.docker.reference.type': 'attestation-manifest' },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  };
}

export interface OciOptions extends CommonOptions {
  /** gzip layers (needs hooks.gzip). Default false. */
  compress?: boolean;
  /** 'flat': index.json lists the platform manifests; 'nested': index.json -> image index -> manifests. */
  index?: 'flat' | 'nested';
  /** Add a provenance attestation manifest per image (in the index that lists the images). */
  attestations?: boolean;
  /** The provenance's predicate (default `{}`), e.g. `{ metadata: { buildStartedOn: … } }`. */
  provenance?: Record<string, unknown>;
  /** Platforms the index lists but whose manifests are not in the archive (partial pulls). */
  missingPlatforms?: { os: string; architecture: string; variant?: string }[];
  /** Annotations of the top-level descriptor(s); default ref.name from the first tag. */
  annotate?(tag: string | undefined): Record<string, string> | undefined;
}

function ociLayout(
  images: ImageSpec[],
  hooks: ImageHooks,
  opts: OciOptions,
): { blobs: Blobs; built: BuiltArchive['images']; index: unknown; nested?: string; attestations: string[] } {
  const blobs: Blobs = { entries: [], seen: new Set() };
  const oci = images.map((s) => ociImage(s, blobs, hooks, opts.compress ?? false));
  const attestations: string[] = [];
  const descs: Record<string, unknown>[] = [];
  for (const o of oci) {
    descs.push({ mediaType: MT.manifest, digest: o.manifest.digest, size: o.manifest.size, platform: o.platform });
    if (opts.attestations) {
      const a = attestation(o.manifest.digest, blobs, hooks, opts.provenance);
      attestations.push(a.digest);
      descs.push(a.desc);
    }
  }
  for (const p of opts.missingPlatforms ?? []) {
    // A manifest that exists upstream but was not pulled: its digest is real, its blob absent.
    const bytes = json({ schemaVersion: 2, mediaType: MT.manifest, platform: p });
    descs.push({ mediaType: MT.manifest, digest: hooks.sha256(bytes), size: bytes.length, platform: p });
  }
  const tag = images[0]?.tags?.[0];
  const ann = opts.annotate ? opts.annotate(tag) : tag ? { 'org.opencontainers.image.ref.name': tag } : undefined;
  let index: Record<string, unknown>;
  let nested: string | undefined;
  if ((opts.index ?? 'flat') === 'nested') {
    const inner = putBlob(blobs, json({ schemaVersion: 2, mediaType: MT.index, manifests: descs }), hooks);
    nested = inner.digest;
    index = {
      schemaVersion: 2,
      mediaType: MT.index,
      manifests: [{ mediaType: MT.index, digest: inner.digest, size: inner.size, ...(ann ? { annotations: ann } : {}) }],
    };
  } else {
    if (ann && descs[0]) descs[0].annotations = { ...ann, ...((descs[0].annotations as Record<string, string>) ?? {}) };
    index = { schemaVersion: 2, mediaType: MT.index, manifests: descs };
  }
  return { blobs, built: oci.map((o) => o.built), index, nested, attestations };
}

/** oci-archive (skopeo/podman), BuildKit type=oci, umoci: oci-layout, index.json, blobs/. */
export function buildOciArchive(images: ImageSpec[], hooks: ImageHooks, opts: OciOptions = {}): BuiltArchive {
  const l = ociLayout(images, hooks, opts);
  const entries: BuildEntry[] = [
    { name: 'blobs/', typeflag: '5', mode: 0o755 },
    { name: 'blobs/sha256/', typeflag: '5', mode: 0o755 },
    ...l.blobs.entries,
    file('index.json', json(l.index)),
    file('oci-layout', json({ imageLayoutVersion: '1.0.0' }), { mode: 0o444 }),
  ];
  return { ...finish(entries, opts), images: l.built, nestedIndexDigest: l.nested, attestationDigests: l.attestations };
}

// ---------------------------------------------------------------------------------------
// docker save >= 25
// ---------------------------------------------------------------------------------------

export interface Docker25Options extends CommonOptions {
  /** 'graphdriver' (moby tarexport) or 'containerd' (containerd archive exporter). */
  store: 'graphdriver' | 'containerd';
  /** containerd store: platforms listed by the pulled index but not in the archive. */
  missingPlatforms?: OciOptions['missingPlatforms'];
  /** containerd store: the provenance attestation's predicate. */
  provenance?: OciOptions['provenance'];
  /** graphdriver store: also write each layer's v1 image JSON as a blob nothing refers to, as
   *  moby's tarexport saveLayer does (id derived from the parent id and the chain, the top one
   *  from the config's created time too: image/v1 CreateID). Default false. */
  v1Configs?: boolean;
}

/**
 * Docker 25+ `docker save` of one image: OCI layout plus manifest.json (Layers are
 * `blobs/sha256/<hex>`). graphdriver: uncompressed layers, index.json lists the manifest
 * with io.containerd.image.name / ref.name, LayerSources per diff_id, repositories.
 * containerd: gzip layers, index.json -> nested image index -> manifest + attestation.
 */
export function buildDocker25(spec: ImageSpec, hooks: ImageHooks, opts: Docker25Options): BuiltArchive {
  const containerd = opts.store === 'containerd';
  const tag = spec.tags?.[0];
  const full = tag ? (tag.includes('/') ? `docker.io/${tag}` : `docker.io/library/${tag}`) : undefined;
  const l = ociLayout([spec], hooks, {
    compress: containerd,
    index: containerd ? 'nested' : 'flat',
    attestations: containerd,
    provenance: opts.provenance,
    missingPlatforms: containerd ? opts.missingPlatforms : undefined,
    annotate: () => (full ? { 'io.containerd.image.name': full, 'org.opencontainers.image.ref.name': repoTag(tag!)[1] } : undefined),
  });
  const img = l.built[0];
  const entry: Record<string, unknown> = { Config: img.configName, RepoTags: spec.tags ?? null, Layers: img.layerNames };
  if (!containerd) {
    entry.LayerSources = Object.fromEntries(img.diffIds.map((d, i) => [d, { mediaType: MT.layer, size: spec.layers[i].length, digest: img.layerDigests[i] }]));
  }
  const v1: BuildEntry[] = [];
  if (!containerd && opts.v1Configs) {
    let chain = '';
    let parent: string | undefined;
    img.diffIds.forEach((d, i) => {
      chain = chain ? hooks.sha256(enc.encode(`${chain} ${d}`)) : d;
      const top = i === img.diffIds.length - 1;
      const created = top ? (spec.created ?? '2024-01-01T00:00:00Z') : '1970-01-01T00:00:00Z';
      const id = hex(hooks.sha256(json({ created, layer_id: chain, ...(parent ? { parent: `sha256:${parent}` } : {}) })));
      const bytes = json({ id, ...(parent ? { parent } : {}), created, container_config: { Cmd: null }, os: spec.os ?? 'linux' });
      v1.push(file(`blobs/sha256/${hex(hooks.sha256(bytes))}`, bytes, { mode: 0o444 }));
      parent = id;
    });
  }
  const entries: BuildEntry[] = [
    { name: 'blobs/', typeflag: '5', mode: 0o755 },
    { name: 'blobs/sha256/', typeflag: '5', mode: 0o755 },
    ...l.blobs.entries,
    ...v1,
    file('index.json', json(l.index)),
    file('manifest.json', json([entry])),
    file('oci-layout', json({ imageLayoutVersion: '1.0.0' })),
  ];
  if (!containerd && tag) {
    const [repo, t] = repoTag(tag);
    entries.push(file('repositories', json({ [repo]: { [t]: hex(img.layerDigests[img.layerDigests.length - 1] ?? img.configDigest) } })));
  }
  return { ...finish(entries, opts), images: l.built, nestedIndexDigest: l.nested, attestationDigests: l.attestations };
}

// ---------------------------------------------------------------------------------------
// go-containerregistry tarball (kaniko --tarPath, crane pull)
// ---------------------------------------------------------------------------------------

/** manifest.json + config `sha256:<hex>` + layers `<compressed hex>.tar.gz` (ggcr pkg/v1/tarball). */
export function buildKanikoTarball(spec: ImageSpec, hooks: ImageHooks, opts: CommonOptions = {}): BuiltArchive {
  if (!hooks.gzip) throw new Error('image builder: the ggcr tarball needs hooks.gzip');
  const diffIds = spec.layers.map((l) => hooks.sha256(l));
  const cfg = makeConfig(spec, diffIds, hooks);
  const blobs = spec.layers.map((l) => hooks.gzip!(l));
  const layerDigests = blobs.map((b) => hooks.sha256(b));
  const layerNames = layerDigests.map((d) => `${hex(d)}.tar.gz`);
  const entries: BuildEntry[] = [
    file(cfg.digest, cfg.bytes),
    ...blobs.map((b, i) => file(layerNames[i], b)),
    file('manifest.json', json([{ Config: cfg.digest, RepoTags: spec.tags ?? [], Layers: layerNames }])),
  ];
  return {
    ...finish(entries, opts),
    images: [{ tags: spec.tags ?? [], configName: cfg.digest, configDigest: cfg.digest, diffIds, layerNames, layerDigests }],
  };
}
