/**
 * `docker save` before Docker 25, and docker-archive as skopeo/podman/Bazel write it:
 *   manifest.json, <config hex>.json, <v1 id>/{VERSION,json,layer.tar}, repositories.
 * Layers are uncompressed tars named by v1 layer ids (not digests), so layer digests are
 * left undefined (the engine computes them). Duplicate layers may be symlinks
 * `<id>/layer.tar -> ../<other>/layer.tar` (moby/moby#42766).
 * Archives without manifest.json (written before Docker 1.10) are read through
 * `repositories` and the `parent` chain of `<id>/json` files.
 */
import type { ImageArchive, ImageRecord, LayerRef, OuterListing } from '../model';
import { configRecord, emptyConfig, linkLayers, parseConfig, platformOf } from '../config';
import { Outer, digestFromName, isObject, str } from '../resolve';
import { ReadContext } from './context';
import { readDockerManifest, readRepositories } from './docker-manifest';
import type { LayoutReader } from './types';

const COMPONENT = 'docker archive';
export const LEGACY_LABELS = {
  docker: 'docker save (legacy, Docker < 25)',
  containersImage: 'docker-archive (containers/image writer: skopeo, podman)',
  pre110: 'docker save (before Docker 1.10: no manifest.json)',
} as const;
const LAYER_TAR = /^([^/]+)\/layer\.tar$/;
const V1_JSON = /^([^/]+)\/json$/;

/** The shape of a top-level manifest.json: docker's is a list; a web app's is an object. */
export function dockerManifestShape(l: OuterListing): 'list' | 'object' | 'other' | 'absent' {
  const o = Outer.of(l);
  if (!o.has('manifest.json')) return 'absent';
  const j = o.json('manifest.json');
  if (!j.ok) return 'other';
  return Array.isArray(j.value) ? 'list' : isObject(j.value) ? 'object' : 'other';
}

/** `<id>/layer.tar` next to `<id>/json`: the v1 layer directories of docker save and docker-archive. */
export function hasLegacyLayerDirs(o: Outer): boolean {
  for (const n of o.byName.keys()) {
    const m = LAYER_TAR.exec(n);
    if (m && o.has(`${m[1]}/json`)) return true;
  }
  return false;
}

export const dockerLegacy: LayoutReader = {
  id: 'docker-legacy',
  label: LEGACY_LABELS.docker,
  detect(l) {
    const o = Outer.of(l);
    if (o.has('oci-layout')) return false;
    const shape = dockerManifestShape(l);
    // A web app's manifest.json is an object: only claim it with other docker signals.
    if (shape === 'list' || shape === 'other') return true;
    return o.has('repositories') || hasLegacyLayerDirs(o);
  },
  read(l) {
    const outer = Outer.of(l);
    const ctx = new ReadContext(COMPONENT);
    const archive: ImageArchive = { layout: 'docker-legacy', layoutLabel: this.label, notes: ctx.notes, images: [], errors: ctx.errors };
    const repositories = readRepositories(outer, ctx);
    if (repositories) archive.repositories = repositories;
    if (outer.has('manifest.json')) {
      const m = readDockerManifest(outer, ctx);
      archive.dockerManifest = m.json;
      for (const e of m.entries) {
        archive.images.push(e.image);
        ctx.errors.push(...e.errors.errors);
      }
      // containers/image stores layers as <diff_id hex>.tar at the top level and makes each
      // <id>/layer.tar a symlink to one (docker/internal/tarfile/writer.go).
      if (archive.images.some((i) => i.layers.some((x) => x.ref !== undefined && /^[0-9a-f]{64}\.tar$/.test(x.ref)))) {
        archive.layoutLabel = LEGACY_LABELS.containersImage;
      }
      if (!m.ok && hasLegacyLayerDirs(outer)) {
        ctx.note('manifest.json is unusable: images read from repositories and the parent chains of <id>/json');
        archive.images.push(...readChains(outer, ctx, repositories));
      }
    } else {
      archive.layoutLabel = LEGACY_LABELS.pre110;
      ctx.note('no manifest.json: images read from repositories and the parent chains of <id>/json');
      archive.images.push(...readChains(outer, ctx, repositories));
      if (archive.images.length === 0) ctx.error('no manifest.json and no image found through repositories or <id>/json', undefined, 'unsupported');
    }
    noteSymlinks(outer, archive.images, ctx);
    return archive;
  },
};

function noteSymlinks(outer: Outer, images: ImageRecord[], ctx: ReadContext): void {
  for (const img of images) {
    for (const layer of img.layers) {
      if (layer.blob?.via) {
        const e = outer.byName.get(layer.blob.via);
        ctx.note(`duplicate layer stored as a ${e?.type ?? 'link'}: ${layer.blob.via} -> ${layer.blob.entry}`);
      }
    }
  }
}

interface V1Json {
  id: string;
  parent?: string;
  json: Record<string, unknown>;
}

/**
 * Pre-1.10 archives: `repositories` maps repo -> tag -> the v1 id of the top layer; each
 * `<id>/json` names its `parent`. The chain, reversed, is the layer list.
 */
function readChains(outer: Outer, ctx: ReadContext, repositories: Record<string, Record<string, string>> | undefined): ImageRecord[] {
  const v1 = new Map<string, V1Json>();
  for (const n of outer.byName.keys()) {
    const m = V1_JSON.exec(n);
    if (!m) continue;
    const j = outer.json(n);
    if (!j.ok) {
      ctx.fileError(j.error);
      continue;
    }
    if (!isObject(j.value)) {
      ctx.error(`${n} is not an object`, n);
      continue;
    }
    v1.set(m[1], { id: m[1], parent: str(j.value.parent), json: j.value });
  }
  // Heads (top layers) and their tags, in the order repositories lists them.
  const heads = new Map<string, string[]>();
  if (repositories) {
    for (const [repo, tags] of Object.entries(repositories)) {
      for (const [tag, id] of Object.entries(tags)) {
        if (!heads.has(id)) heads.set(id, []);
        heads.get(id)!.push(`${repo}:${tag}`);
      }
    }
  }
  if (heads.size === 0) {
    const parents = new Set([...v1.values()].map((v) => v.parent).filter(Boolean));
    for (const id of v1.keys()) if (!parents.has(id)) heads.set(id, []);
  }
  // Top-level <hex>.json configs no manifest refers to: candidates for the images' configs.
  const candidates = new Map<string, unknown>();
  for (const n of outer.byName.keys()) {
    if (!/^[0-9a-f]{64}\.json$/.test(n)) continue;
    const j = outer.json(n);
    if (j.ok && isObject(j.value) && isObject(j.value.rootfs)) candidates.set(n, j.value);
  }

  const images: ImageRecord[] = [];
  for (const [head, tags] of heads) {
    const label = tags[0] ?? `image ${images.length + 1}`;
    const chain: V1Json[] = [];
    const seen = new Set<string>();
    let cur: string | undefined = head;
    while (cur) {
      if (seen.has(cur)) {
        ctx.error(`the parent chain of ${label} loops at ${cur}/json`, `${cur}/json`);
        break;
      }
      seen.add(cur);
      const v: V1Json | undefined = v1.get(cur);
      if (!v) {
        const from = chain.length ? `${chain[chain.length - 1].id}/json names parent ${cur}` : `repositories names ${cur} for ${label}`;
        ctx.error(`${from}, but ${cur}/json is not in the archive`, `${cur}/json`);
        break;
      }
      chain.push(v);
      cur = v.parent;
    }
    chain.reverse();
    const img: ImageRecord = { kind: 'image', tags, config: emptyConfig(), layers: [] };
    chain.forEach((v, i) => {
      const name = `${v.id}/layer.tar`;
      const { ref, reason } = outer.blobRef(name);
      if (!ref) ctx.missing(`${v.id}/json`, name, `layer ${i + 1} of ${label}`, reason);
      const layer: LayerRef = { index: i, blob: ref, ref: name };
      img.layers.push(layer);
    });
    // The config: a top-level <hex>.json with as many diff_ids as the chain has layers
    // (and the same `created`), when exactly one fits; else the top layer's v1 JSON.
    const top = chain[chain.length - 1];
    const fits = [...candidates].filter(([, c]) => {
      const p = parseConfig(c);
      const created = top ? str(top.json.created) : undefined;
      return p.diffIds.length === chain.length && (!created || !p.created || created === p.created);
    });
    if (fits.length === 1) {
      const [name, cj] = fits[0];
      candidates.delete(name);
      const cfg = parseConfig(cj);
      const digest = digestFromName(name);
      img.config = configRecord(cj, cfg, { digest, blob: outer.blobRef(name, digest).ref });
      img.config.ref = name;
      img.platform = platformOf(cfg);
      linkLayers(img.layers, cfg);
      ctx.note(`config ${name} matched to ${label} by its layer count (no manifest.json names it)`);
    } else if (top) {
      // v1 image JSON (image-spec v1: one JSON per layer, the top one describes the image).
      const cfg = parseConfig(top.json);
      cfg.history = chain.map((v) => {
        const h: { created?: string; created_by?: string } = {};
        const created = str(v.json.created);
        if (created) h.created = created;
        const cc = isObject(v.json.container_config) ? v.json.container_config : undefined;
        if (cc && Array.isArray(cc.Cmd)) h.created_by = cc.Cmd.filter((x): x is string => typeof x === 'string').join(' ');
        return h;
      });
      img.config = configRecord(top.json, cfg, { blob: outer.blobRef(`${top.id}/json`).ref });
      img.config.ref = `${top.id}/json`;
      img.platform = platformOf(cfg);
      linkLayers(img.layers, cfg);
      ctx.note(`${label}: no image config; using ${top.id}/json (v1 layer JSON), so there are no diff_ids`);
    }
    images.push(img);
  }
  return images;
}
