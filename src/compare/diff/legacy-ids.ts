/**
 * Derived bookkeeping of docker archives: the legacy v1 layer ids. Every `<v1 id>/` folder
 * (`layer.tar`, `json`, `VERSION`) of a `docker save` (before Docker 25) or a containers/image
 * `docker-archive:` (skopeo, podman) is named by an id computed from the layer chain, and the
 * `repositories` file names the top layer's id. When the chain changes, the ids change, so
 * those entries come and go: consequences of what changed the chain, never causes of their own
 * (docs/causes.md "Derivation rules"; README "follows").
 *
 * The derivations (read from the writers):
 *  - moby image/tarexport save.go + image/v1 `CreateID`: id(i) = sha256 of the V1Image JSON
 *    with `layer_id` = ChainID(diff_ids[0..i]) and `parent` = id(i-1); the V1Image is empty
 *    (created = Unix 0) below the top, and the image config's V1Image fields at the top.
 *  - containers/image docker/internal/tarfile/writer.go `writeLegacyMetadataLocked`: id(i) =
 *    sha256 of `{parent: id(i-1), layer_id: ChainID(0..i)}`, plus architecture, config,
 *    container, container_config, created, docker_version, os of the config at the top.
 * So id(i) changes exactly when a diff_id at 0..i changes, a layer below i is added or
 * removed, or (top only) the config does.
 */
import type { InputReport, LayerReport } from '../../report/types';
import type { ImagePairCtx } from './layers';
import type { Resolver } from './resolver';

/** `<v1 id>/layer.tar`: the legacy layer folder's layer entry (a file, or a link to the blob). */
const LAYER_TAR = /^([^/]+)\/layer\.tar$/;

/** Entry name → the v1 ids whose `<id>/layer.tar` is, or links to, that entry (one side). */
export function legacyFolders(x: InputReport): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (target: string, id: string) => {
    const list = out.get(target);
    if (!list) out.set(target, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const e of x.entries) {
    const m = LAYER_TAR.exec(e.path);
    if (!m) continue;
    add(e.path, m[1]);
    // containers/image: `<id>/layer.tar -> ../<diff_id hex>.tar` (the blob stored once at the top).
    if ((e.type === 'symlink' || e.type === 'hardlink') && e.linkname) add(resolveLink(e.path, e.linkname, e.type), m[1]);
  }
  return out;
}

/** A link target as an entry name: symlinks are relative to the link's folder, hardlinks to the root. */
function resolveLink(path: string, target: string, type: string): string {
  const base = type === 'symlink' ? path.split('/').slice(0, -1) : [];
  const parts = target.startsWith('/') ? [] : base;
  for (const p of target.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** The v1 ids of one layer: its entry or link is some folder's `layer.tar`, or some folder's link points to it. */
function idsOf(l: LayerReport, folders: Map<string, string[]>): string[] {
  const ids: string[] = [];
  for (const name of [l.entry, l.via]) for (const id of (name && folders.get(name)) || []) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/**
 * The root that changed the chain below and at each layer of one side: the layer's own root
 * (its pair's, or its `layer` added/removed difference), else the lowest root of the chain on
 * either side (the partner's chain counts: a layer added in B changes the ids of every layer
 * above it in B, and so the ids A's layers no longer share). The top also takes the config root.
 */
function chainRoots(x: ImagePairCtx, side: 'a' | 'b', configRoot: string | undefined): (string | undefined)[] {
  const n = side === 'a' ? x.A.layers.length : x.B.layers.length;
  const own: (string | undefined)[] = new Array(n).fill(undefined);
  const partner: (number | null)[] = new Array(n).fill(null);
  for (const p of x.layerPairs) {
    const i = side === 'a' ? p.a : p.b;
    if (i === null) continue;
    own[i] = x.layerRoots.get(`${p.a ?? ''}-${p.b ?? ''}`);
    partner[i] = side === 'a' ? p.b : p.a;
  }
  const otherSide = side === 'a' ? 'b' : 'a';
  const otherOwn = new Map<number, string | undefined>();
  for (const p of x.layerPairs) {
    const j = otherSide === 'a' ? p.a : p.b;
    if (j !== null) otherOwn.set(j, x.layerRoots.get(`${p.a ?? ''}-${p.b ?? ''}`));
  }
  // belowOther[j]: the lowest root among the other side's layers 0..j-1, computed once so that
  // the loop below stays linear in the layer count (issue 12: 20,000 layers took seconds).
  const m = side === 'a' ? x.B.layers.length : x.A.layers.length;
  const belowOther: (string | undefined)[] = new Array(m + 1).fill(undefined);
  for (let k = 0; k < m; k++) belowOther[k + 1] = belowOther[k] ?? otherOwn.get(k);
  const out: (string | undefined)[] = [];
  let lowest: string | undefined;
  for (let i = 0; i < n; i++) {
    lowest ??= own[i];
    // the partner's chain below its own position (a layer added or removed there on the other side)
    const j = partner[i];
    if (lowest === undefined && j !== null) lowest = belowOther[Math.min(j, m)];
    out.push(own[i] ?? lowest ?? (i === n - 1 ? configRoot : undefined));
  }
  return out;
}

/**
 * Registers each legacy v1 id of both sides of an image pair under the root that changed its
 * chain (chainRoots), so that `<id>/…` entries added/removed and `repositories` values (the
 * top id) follow it through the resolver. Only when both sides have v1 folders: on one side
 * only, they are the layout's. Ids whose chain nothing explains stay unregistered: their
 * entries follow the layout difference when the writers differ, or stay roots.
 */
export function registerLegacyIds(
  x: ImagePairCtx,
  configRoot: string | undefined,
  folders: { a: Map<string, string[]>; b: Map<string, string[]> },
): string | undefined {
  // the lowest root of this image's chain (what changes its bottom-most changed v1 id)
  const lowest = chainRoots(x, 'a', configRoot).find((id) => id !== undefined) ?? chainRoots(x, 'b', configRoot).find((id) => id !== undefined);
  // Folders on one side only exist because of the layout (docker-archive vs oci-archive):
  // those follow the layout difference, not the chain.
  if (folders.a.size === 0 || folders.b.size === 0) return lowest;
  for (const side of ['a', 'b'] as const) {
    const layers = side === 'a' ? x.A.layers : x.B.layers;
    const f = folders[side];
    if (f.size === 0) continue;
    const roots = chainRoots(x, side, configRoot);
    layers.forEach((l, i) => {
      const root = roots[i];
      if (root) for (const id of idsOf(l, f)) x.r.add(id, root);
    });
  }
  return lowest;
}

const BLOB = /^blobs\/sha256\/([0-9a-f]{64})$/;

/** Every digest's hex this side's images and index.json name (manifests, configs, layers). */
function referenced(x: InputReport): Set<string> {
  const out = new Set<string>();
  const add = (d: string | null | undefined) => {
    const h = d ? /[0-9a-f]{64}/.exec(d)?.[0] : undefined;
    if (h) out.add(h);
  };
  for (const d of x.index?.manifests ?? []) add(d.digest);
  for (const img of x.images) {
    add(img.manifest?.digest);
    add(img.config.digest);
    for (const l of img.layers) for (const k of [l.digest, l.diffId, l.computed.blobSha256, l.computed.diffId]) add(k);
  }
  return out;
}

/**
 * Docker 25+ graphdriver saves: moby's tarexport `saveLayer` also writes each layer's v1 image
 * JSON (id, parent, created…: the legacy ids above) as `blobs/sha256/<digest of that JSON>`,
 * which no descriptor names. Their names change with the chain, and the report does not keep
 * their bytes to tell which layer each belongs to: when both sides are Docker 25+ saves, a
 * blob nothing refers to follows the lowest chain root of the images (`roots`, one per image
 * pair: registerLegacyIds' result). With no chain root it stays what it was (a root, or the
 * layout's).
 */
export function registerV1Blobs(r: Resolver, a: InputReport, b: InputReport, roots: (string | undefined)[]): void {
  if (a.format.layout !== 'docker-oci' || b.format.layout !== 'docker-oci') return;
  const root = roots.find((id) => id !== undefined);
  if (!root) return;
  for (const x of [a, b]) {
    const known = referenced(x);
    for (const e of x.entries) {
      const m = BLOB.exec(e.path);
      if (m && !known.has(m[1]) && r.exact(e.path) === undefined) r.add(e.path, root);
    }
  }
}
