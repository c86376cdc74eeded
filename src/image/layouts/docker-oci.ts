/**
 * `docker save` from Docker 25 on (moby/moby#44598): an OCI image layout plus the
 * docker-compatible manifest.json (Layers are `blobs/sha256/<hex>`, LayerSources maps each
 * diff_id to its blob descriptor) and `repositories` when tagged. Two variants:
 *  - graphdriver store (moby image/tarexport): index.json lists the image manifests
 *    directly; layers are uncompressed (`application/vnd.oci.image.layer.v1.tar`);
 *  - containerd image store (containerd's archive exporter, moby/moby#49068): index.json
 *    points to the image index as pulled (nested), with every platform's manifest
 *    (blobs of platforms not pulled are absent) and BuildKit attestation manifests;
 *    layers keep their pulled compression.
 * BuildKit `--output type=docker` and `ctr export` use the same containerd exporter; when
 * nothing tells them apart the label says so.
 */
import type { ImageArchive, ImageRecord } from '../model';
import { Outer, digestFromName, isObject, str, strRecord } from '../resolve';
import { ReadContext } from './context';
import { addTags, readDockerManifest, readRepositories } from './docker-manifest';
import { checkOciLayoutFile, hasOciLayout, noteWalk } from './oci';
import { walkOciLayout } from './oci-walk';
import type { LayoutReader } from './types';

const COMPONENT = 'docker archive';

export const LABELS = {
  graphdriver: 'docker save (Docker 25+, graphdriver store)',
  containerd: 'docker save (Docker 25+, containerd image store)',
  containerdExport: 'OCI layout + manifest.json (containerd exporter: docker save with containerd image store, or BuildKit type=docker)',
} as const;

function sameLayers(a: ImageRecord, b: ImageRecord): boolean {
  return a.layers.length === b.layers.length && a.layers.every((l, i) => l.digest === b.layers[i].digest);
}

/** Finds a manifest blob among captured blobs that names this config and these layers. */
function findManifest(outer: Outer, img: ImageRecord): ImageRecord['manifest'] | undefined {
  for (const [name, bytes] of outer.files) {
    if (!name.startsWith('blobs/')) continue;
    const j = outer.json(name);
    if (!j.ok || !isObject(j.value) || !isObject(j.value.config) || !Array.isArray(j.value.layers)) continue;
    if (str(j.value.config.digest) !== img.config.digest) continue;
    const layers = j.value.layers.map((l) => (isObject(l) ? str(l.digest) : undefined));
    if (layers.length !== img.layers.length || layers.some((d, i) => d !== img.layers[i].digest)) continue;
    const digest = digestFromName(name);
    if (!digest) continue;
    const m: NonNullable<ImageRecord['manifest']> = { digest, size: bytes.length, blob: outer.blobRef(name, digest, bytes.length).ref, json: j.value };
    const mt = str(j.value.mediaType);
    if (mt) m.mediaType = mt;
    const ann = strRecord(j.value.annotations);
    if (ann) m.annotations = ann;
    return m;
  }
  return undefined;
}

export const dockerOci: LayoutReader = {
  id: 'docker-oci',
  label: 'docker save (Docker 25+)',
  detect(l) {
    return hasOciLayout(l) && Outer.of(l).has('manifest.json');
  },
  read(l) {
    const outer = Outer.of(l);
    const ctx = new ReadContext(COMPONENT);
    const archive: ImageArchive = { layout: 'docker-oci', layoutLabel: this.label, notes: ctx.notes, images: [], errors: ctx.errors };
    checkOciLayoutFile(outer, ctx);
    const w = walkOciLayout(outer, ctx);
    if (w.index) archive.index = w.index;
    archive.images = w.images;

    const m = readDockerManifest(outer, ctx);
    archive.dockerManifest = m.json;
    // The index's images by config digest (a map: a search per entry was quadratic in the count).
    const byConfig = new Map<string | undefined, ImageRecord[]>();
    for (const i of archive.images) {
      if (i.kind !== 'image') continue;
      const list = byConfig.get(i.config.digest);
      if (list) list.push(i);
      else byConfig.set(i.config.digest, [i]);
    }
    for (const e of m.entries) {
      const match = byConfig.get(e.image.config.digest)?.find((i) => sameLayers(i, e.image));
      if (match) {
        // The index already describes this image; manifest.json adds docker's RepoTags.
        const tags = [...e.image.tags];
        addTags(tags, match.tags);
        match.tags = tags;
        continue;
      }
      const found = findManifest(outer, e.image);
      if (found) {
        e.image.manifest = found;
        ctx.note(`manifest.json[${e.position}]: manifest ${found.digest} found among the blobs (index.json does not list it)`);
      } else if (w.index) {
        ctx.note(`manifest.json[${e.position}] describes an image index.json does not list`);
      }
      archive.images.push(e.image);
      if (e.image.kind === 'image') {
        const list = byConfig.get(e.image.config.digest);
        if (list) list.push(e.image);
        else byConfig.set(e.image.config.digest, [e.image]);
      }
      ctx.errors.push(...e.errors.errors);
    }
    const repositories = readRepositories(outer, ctx);
    if (repositories) archive.repositories = repositories;

    const compressed = archive.images.some((i) => i.kind === 'image' && i.layers.some((x) => x.mediaType !== undefined && /gzip|zstd/.test(x.mediaType)));
    archive.layoutLabel = w.nested ? LABELS.containerd : compressed ? LABELS.containerdExport : LABELS.graphdriver;
    noteWalk(w, ctx);
    return archive;
  },
};
