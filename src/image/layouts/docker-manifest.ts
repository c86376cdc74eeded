/**
 * manifest.json of `docker save` / docker-archive / ggcr tarballs:
 *   [{ "Config": "<name>", "RepoTags": ["repo:tag"], "Layers": ["<name>", ...],
 *      "LayerSources": { "<diff_id>": <descriptor> }, "Parent": "sha256:..." }]
 * (moby image/tarexport). Names are outer entry names; the layout decides what they look
 * like (`<id>/layer.tar`, `<hex>.tar.gz`, `blobs/sha256/<hex>`). Shared by docker-legacy,
 * docker-tarball and docker-oci.
 */
import type { Descriptor, ImageRecord, LayerRef } from '../model';
import { configRecord, emptyConfig, imageLabel, linkLayers, parseConfig, platformOf } from '../config';
import { type Outer, digestFromName, isObject, num, str } from '../resolve';
import { ReadContext } from './context';

export interface DockerManifestEntry {
  /** Position in manifest.json. */
  position: number;
  image: ImageRecord;
  /** Errors about this entry only (docker-oci drops them when the OCI index already covers the image). */
  errors: ReadContext;
}

export interface DockerManifestResult {
  json: unknown;
  entries: DockerManifestEntry[];
  /** False when manifest.json could not be read at all. */
  ok: boolean;
}

/** Reads manifest.json; file-level problems go to ctx, per-image ones to each entry. */
export function readDockerManifest(outer: Outer, ctx: ReadContext): DockerManifestResult {
  const parsed = outer.json('manifest.json');
  if (!parsed.ok) {
    ctx.fileError(parsed.error);
    return { json: undefined, entries: [], ok: false };
  }
  const json = parsed.value;
  if (!Array.isArray(json)) {
    const what = json === null ? 'null' : typeof json === 'object' ? 'an object' : typeof json;
    ctx.error(`manifest.json holds ${what}, expected a list of images`, 'manifest.json');
    return { json, entries: [], ok: false };
  }
  if (json.length === 0) ctx.note('manifest.json lists no images');
  const entries = json.map((item, i) => readEntry(outer, ctx.component, item, i));
  noteDisagreeing(json, ctx);
  return { json, entries, ok: true };
}

/**
 * Two entries for one image (the same Config) that disagree on their Layers or RepoTags: a
 * reader that keys images by config keeps one of them, so say so (issue 12: the last one won
 * without a word). One pass with a map: linear in the entries.
 */
function noteDisagreeing(json: unknown[], ctx: ReadContext): void {
  const first = new Map<string, number>();
  json.forEach((item, i) => {
    if (!isObject(item) || typeof item.Config !== 'string') return;
    const j = first.get(item.Config);
    if (j === undefined) {
      first.set(item.Config, i);
      return;
    }
    const other = json[j] as Record<string, unknown>;
    const differs = (['Layers', 'RepoTags'] as const).filter((k) => JSON.stringify(item[k] ?? null) !== JSON.stringify(other[k] ?? null));
    if (differs.length) ctx.note(`manifest.json[${j}] and manifest.json[${i}] both describe config ${item.Config} but disagree on ${differs.join(' and ')}`);
  });
}

function readEntry(outer: Outer, component: string, item: unknown, i: number): DockerManifestEntry {
  const errs = new ReadContext(component);
  const where = `manifest.json[${i}]`;
  const image: ImageRecord = { kind: 'image', tags: [], config: emptyConfig(), layers: [] };
  if (!isObject(item)) {
    errs.error(`${where} is not an object`, 'manifest.json');
    return { position: i, image, errors: errs };
  }
  if (Array.isArray(item.RepoTags)) image.tags = item.RepoTags.filter((t): t is string => typeof t === 'string');
  const label = imageLabel(image, i);

  // Config
  const configName = str(item.Config);
  let cfg = parseConfig(undefined);
  if (!configName) {
    errs.error(`${where} (${label}) has no Config`, 'manifest.json');
  } else {
    const digest = digestFromName(configName);
    const { ref, reason } = outer.blobRef(configName, digest);
    if (!ref) {
      errs.missing('manifest.json', configName, `config of ${label}`, reason);
      image.config = emptyConfig(null, digest);
    } else {
      const j = outer.json(ref.entry);
      if (!j.ok) {
        errs.fileError(j.error);
        image.config = emptyConfig(ref, digest);
      } else {
        cfg = parseConfig(j.value);
        for (const p of cfg.problems) errs.error(`config ${configName} of ${label}: ${p}`, configName);
        image.config = configRecord(j.value, cfg, { digest, blob: ref });
        image.platform = platformOf(cfg);
      }
    }
    image.config.ref = configName;
  }

  // Layers
  const sources = isObject(item.LayerSources) ? item.LayerSources : {};
  if (!Array.isArray(item.Layers)) {
    if (item.Layers !== undefined && item.Layers !== null) errs.error(`${where} (${label}): Layers is not a list`, 'manifest.json');
  } else {
    item.Layers.forEach((name, j) => {
      const layer: LayerRef = { index: j, blob: null };
      if (typeof name !== 'string') {
        errs.error(`${where} (${label}): Layers[${j}] is not a string`, 'manifest.json');
        image.layers.push(layer);
        return;
      }
      const digest = digestFromName(name);
      if (digest) layer.digest = digest;
      // LayerSources maps a diff_id to the descriptor of the layer blob (moby tarexport:
      // foreign layers, and every layer in Docker 25+ saves). Its size applies to the blob
      // only when the descriptor names the same blob as the file name does.
      const diffId = cfg.diffIds[j];
      const src = diffId !== undefined ? descriptorOf(sources[diffId]) : undefined;
      if (src?.mediaType) layer.mediaType = src.mediaType;
      if (src && src.digest === digest && src.size !== undefined) layer.size = src.size;
      if (src?.annotations) layer.annotations = src.annotations;
      const { ref, reason } = outer.blobRef(name, digest, layer.size);
      layer.blob = ref;
      layer.ref = name;
      if (!ref) {
        const foreign = src?.mediaType?.includes('foreign') ? ' (LayerSources marks it as a foreign layer)' : '';
        errs.missing('manifest.json', name, `layer ${j + 1} of ${label}${foreign}`, reason);
      }
      image.layers.push(layer);
    });
  }
  linkLayers(image.layers, cfg);
  return { position: i, image, errors: errs };
}

export function descriptorOf(v: unknown): Descriptor | undefined {
  if (!isObject(v)) return undefined;
  const digest = str(v.digest);
  if (!digest) return undefined;
  const d: Descriptor = { digest };
  const mt = str(v.mediaType);
  if (mt) d.mediaType = mt;
  const size = num(v.size);
  if (size !== undefined) d.size = size;
  if (isObject(v.annotations)) {
    const a: Record<string, string> = {};
    for (const [k, x] of Object.entries(v.annotations)) if (typeof x === 'string') a[k] = x;
    if (Object.keys(a).length) d.annotations = a;
  }
  if (isObject(v.platform)) {
    const os = str(v.platform.os);
    const architecture = str(v.platform.architecture);
    if (os !== undefined || architecture !== undefined) {
      d.platform = { os: os ?? '', architecture: architecture ?? '' };
      const variant = str(v.platform.variant);
      if (variant) d.platform.variant = variant;
      const osv = str(v.platform['os.version']);
      if (osv) d.platform['os.version'] = osv;
    }
  }
  const at = str(v.artifactType);
  if (at) d.artifactType = at;
  return d;
}

/** Reads `repositories` ({repo: {tag: v1 id}}) when present; errors go to ctx. */
export function readRepositories(outer: Outer, ctx: ReadContext): Record<string, Record<string, string>> | undefined {
  if (!outer.has('repositories')) return undefined;
  const j = outer.json('repositories');
  if (!j.ok) {
    ctx.fileError(j.error);
    return undefined;
  }
  if (!isObject(j.value)) {
    ctx.error('repositories is not an object ({"repo": {"tag": "<layer id>"}})', 'repositories');
    return undefined;
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [repo, tags] of Object.entries(j.value)) {
    if (!isObject(tags)) continue;
    out[repo] = {};
    for (const [tag, id] of Object.entries(tags)) if (typeof id === 'string') out[repo][tag] = id;
  }
  return out;
}

/** Docker's familiar form of a reference, for deduplicating "docker.io/library/x:1" and "x:1". */
export function familiarName(ref: string): string {
  return ref.replace(/^(?:docker\.io|index\.docker\.io)\/(?:library\/)?/, '');
}

export function addTags(into: string[], more: string[]): void {
  const seen = new Set(into.map(familiarName));
  for (const t of more) {
    const f = familiarName(t);
    if (!seen.has(f)) {
      into.push(t);
      seen.add(f);
    }
  }
}
