/**
 * Walks an OCI image layout (image-spec image-layout.md): index.json -> (nested indexes)
 * -> manifests -> config + layers, all in blobs/<alg>/<encoded>. Shared by the OCI and
 * Docker 25+ readers. Docker v2 schema 2 media types are accepted alongside OCI ones.
 */
import type { Descriptor, ImageRecord, IndexRecord, LayerRef } from '../model';
import { configRecord, emptyConfig, imageLabel, linkLayers, parseConfig, platformOf, platformString } from '../config';
import { type Outer, blobPath, isObject, str, strRecord } from '../resolve';
import type { ReadContext } from './context';
import { addTags, descriptorOf } from './docker-manifest';

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

const INDEX_TYPES = new Set<string>([MT.ociIndex, MT.dockerList]);
const MANIFEST_TYPES = new Set<string>([MT.ociManifest, MT.dockerManifest]);
const IMAGE_CONFIG_TYPES = new Set<string>([MT.ociConfig, MT.dockerConfig]);

/** Annotations BuildKit puts on attestation manifests in an index (buildkit docs/attestations). */
export const ATTESTATION_TYPE = 'vnd.docker.reference.type';
export const ATTESTATION_DIGEST = 'vnd.docker.reference.digest';

/** Indexes nested deeper than this are not followed (BuildKit and containerd write 2 levels;
 *  a limit keeps a hostile chain from recursing without bound). */
export const MAX_INDEX_DEPTH = 64;

export interface WalkResult {
  index?: IndexRecord;
  images: ImageRecord[];
  /** True when some index in the tree points to another index (containerd image store export). */
  nested: boolean;
}

/** Tags from descriptor annotations: containerd's full name first, then the OCI ref name unless it is its tag. */
export function tagsFromAnnotations(a: Record<string, string> | undefined): string[] {
  if (!a) return [];
  const full = a['io.containerd.image.name'];
  const ref = a['org.opencontainers.image.ref.name'];
  const out: string[] = [];
  if (full) out.push(full);
  if (ref && !(full && (full === ref || full.endsWith(`:${ref}`) || full.endsWith(`@${ref}`)))) out.push(ref);
  return out;
}

export function walkOciLayout(outer: Outer, ctx: ReadContext): WalkResult {
  const res: WalkResult = { images: [], nested: false };
  const j = outer.json('index.json');
  if (!j.ok) {
    ctx.fileError(j.error);
    return res;
  }
  if (!isObject(j.value)) {
    ctx.error(`index.json holds ${j.value === null ? 'null' : Array.isArray(j.value) ? 'a list' : typeof j.value}, expected an image index`, 'index.json');
    return res;
  }
  const root = indexRecord('index.json', j.value, ctx, 'index.json');
  res.index = root;
  if (j.value.manifests === null || j.value.manifests === undefined) ctx.note('index.json lists no manifests');
  const walker = new Walker(outer, ctx, res);
  walker.visitIndex(root, 'index.json', [], 0, new Set());
  return res;
}

function indexRecord(source: string, json: Record<string, unknown>, ctx: ReadContext, where: string): IndexRecord {
  const manifests: Descriptor[] = [];
  if (Array.isArray(json.manifests)) {
    json.manifests.forEach((m, i) => {
      const d = descriptorOf(m);
      if (d) manifests.push(d);
      else ctx.error(`${where}: manifests[${i}] is not a descriptor with a digest`, where);
    });
  } else if (json.manifests !== undefined && json.manifests !== null) {
    ctx.error(`${where}: manifests is not a list`, where);
  }
  const rec: IndexRecord = { source, json, manifests, children: [] };
  const mt = str(json.mediaType);
  if (mt) rec.mediaType = mt;
  const ann = strRecord(json.annotations);
  if (ann) rec.annotations = ann;
  return rec;
}

class Walker {
  /** The first image of each manifest digest (a map: a search per descriptor was quadratic). */
  private readonly byDigest = new Map<string, ImageRecord>();

  constructor(
    private readonly outer: Outer,
    private readonly ctx: ReadContext,
    private readonly res: WalkResult,
  ) {}

  /** `where` names the index for messages: "index.json" or "index blobs/sha256/<hex>". */
  visitIndex(idx: IndexRecord, where: string, inheritedTags: string[], depth: number, seen: Set<string>): void {
    for (const d of idx.manifests) {
      const own = tagsFromAnnotations(d.annotations);
      const tags = own.length ? own : inheritedTags;
      const path = blobPath(d.digest);
      const whatFor = describe(d);
      if (!path) {
        this.ctx.error(`${where} lists ${whatFor} with an invalid digest "${d.digest}"`, where === 'index.json' ? 'index.json' : undefined);
        continue;
      }
      const { ref, reason } = this.outer.blobRef(path, d.digest, d.size);
      let json: unknown = null;
      let readable = false;
      if (!ref) this.ctx.missing(where, path, whatFor, reason);
      else {
        const j = this.outer.json(ref.entry);
        if (j.ok) {
          json = j.value;
          readable = true;
        } else this.ctx.fileError(j.error);
      }
      const isIndex =
        (d.mediaType !== undefined && INDEX_TYPES.has(d.mediaType)) || (d.mediaType === undefined && isObject(json) && Array.isArray(json.manifests));
      if (isIndex) {
        this.res.nested = true;
        const childWhere = `index ${path}`;
        const child: IndexRecord =
          readable && isObject(json) ? indexRecord(d.digest, json, this.ctx, childWhere) : { source: d.digest, json: null, manifests: [], children: [] };
        child.digest = d.digest;
        if (d.mediaType) child.mediaType = d.mediaType;
        child.blob = ref;
        idx.children.push(child);
        if (seen.has(d.digest)) {
          this.ctx.error(`${childWhere} refers to itself (a cycle: ${where} lists it again); not followed`, path);
          continue;
        }
        if (depth >= MAX_INDEX_DEPTH) {
          this.ctx.error(
            `${childWhere} is nested too deeply: more than ${MAX_INDEX_DEPTH} levels of image indexes (limit ${MAX_INDEX_DEPTH}); not followed`,
            path,
          );
          continue;
        }
        if (readable) this.visitIndex(child, childWhere, tags, depth + 1, new Set([...seen, d.digest]));
        continue;
      }
      // A descriptor's media type says what it is (OCI image-spec descriptor.md): one of
      // another type is not followed as a manifest, whatever its JSON looks like.
      const known = d.mediaType === undefined || MANIFEST_TYPES.has(d.mediaType);
      if (!known) {
        this.ctx.note(`${where} lists ${d.mediaType} ${d.digest}: not an image manifest (a media type tarscope does not know), skipped`);
        continue;
      }
      // The same manifest listed twice (one descriptor per tag) is one image with both tags.
      const dup = this.byDigest.get(d.digest);
      if (dup && d.annotations?.[ATTESTATION_TYPE] !== 'attestation-manifest') {
        addTags(dup.tags, tags);
        continue;
      }
      const img = this.image(d, ref, readable ? json : null, tags, path);
      this.res.images.push(img);
      if (img.kind === 'image' && !this.byDigest.has(d.digest)) this.byDigest.set(d.digest, img);
    }
  }

  private image(d: Descriptor, ref: ImageRecord['config']['blob'], json: unknown, tags: string[], path: string): ImageRecord {
    const attestation = d.annotations?.[ATTESTATION_TYPE] === 'attestation-manifest';
    const img: ImageRecord = {
      kind: attestation ? 'attestation' : 'image',
      tags: attestation ? [] : [...tags],
      config: emptyConfig(),
      layers: [],
    };
    if (attestation && d.annotations?.[ATTESTATION_DIGEST]) img.attests = d.annotations[ATTESTATION_DIGEST];
    if (d.platform) img.platform = d.platform;
    img.manifest = { digest: d.digest, blob: ref, json };
    const mt = d.mediaType ?? (isObject(json) ? str(json.mediaType) : undefined);
    if (mt) img.manifest.mediaType = mt;
    if (d.size !== undefined) img.manifest.size = d.size;
    const n = this.res.images.length;
    if (!isObject(json)) return img;
    const mann = strRecord(json.annotations);
    if (mann) img.manifest.annotations = mann;
    const where = `manifest ${path}`;

    const cd = descriptorOf(json.config);
    if (!cd) {
      this.ctx.error(`${where} (${imageLabel(img, n)}) has no config descriptor`, path);
    } else {
      if (cd.mediaType && !IMAGE_CONFIG_TYPES.has(cd.mediaType) && !attestation) img.kind = 'unknown';
      const cpath = blobPath(cd.digest);
      const c = cpath ? this.outer.blobRef(cpath, cd.digest, cd.size) : { ref: null, reason: `has an invalid digest "${cd.digest}"` };
      let cfg = parseConfig(undefined);
      if (!c.ref) {
        this.ctx.missing(where, cpath ?? cd.digest, `config of ${imageLabel(img, n)}`, c.reason);
        img.config = emptyConfig(null, cd.digest);
      } else if (img.kind === 'unknown') {
        img.config = emptyConfig(c.ref, cd.digest); // an artifact: its config is not an image config
      } else {
        const cj = this.outer.json(c.ref.entry);
        if (!cj.ok) {
          this.ctx.fileError(cj.error);
          img.config = emptyConfig(c.ref, cd.digest);
        } else {
          cfg = parseConfig(cj.value);
          for (const p of cfg.problems) this.ctx.error(`config ${cpath} of ${imageLabel(img, n)}: ${p}`, cpath ?? undefined);
          img.config = configRecord(cj.value, cfg, { digest: cd.digest, blob: c.ref });
          if (!img.platform) img.platform = platformOf(cfg);
        }
      }
      if (cd.mediaType) img.config.mediaType = cd.mediaType;
      if (cpath) img.config.ref = cpath;
      const label = imageLabel(img, n);
      if (Array.isArray(json.layers)) {
        json.layers.forEach((l, i) => {
          const ld = descriptorOf(l);
          const layer: LayerRef = { index: i, blob: null };
          if (!ld) {
            this.ctx.error(`${where}: layers[${i}] of ${label} is not a descriptor with a digest`, path);
            img.layers.push(layer);
            return;
          }
          layer.digest = ld.digest;
          if (ld.mediaType) layer.mediaType = ld.mediaType;
          if (ld.size !== undefined) layer.size = ld.size;
          if (ld.annotations) layer.annotations = ld.annotations;
          const lpath = blobPath(ld.digest);
          if (lpath) layer.ref = lpath;
          const r = lpath ? this.outer.blobRef(lpath, ld.digest, ld.size) : { ref: null, reason: `has an invalid digest "${ld.digest}"` };
          layer.blob = r.ref;
          if (!r.ref) {
            // Non-distributable (foreign) layers are left out by design (image-spec layer.md);
            // still a missing blob, but named as such.
            const foreign = ld.mediaType !== undefined && /nondistributable|foreign/.test(ld.mediaType);
            this.ctx.missing(where, lpath ?? ld.digest, `layer ${i + 1} of ${label}${foreign ? ', a non-distributable layer' : ''}`, r.reason);
          }
          img.layers.push(layer);
        });
      } else if (json.layers !== undefined && json.layers !== null) this.ctx.error(`${where}: layers is not a list`, path);
      linkLayers(img.layers, cfg);
    }
    return img;
  }
}

function describe(d: Descriptor): string {
  if (d.mediaType && INDEX_TYPES.has(d.mediaType)) return 'an image index';
  const p = platformString(d.platform);
  if (d.annotations?.[ATTESTATION_TYPE] === 'attestation-manifest')
    return `attestation manifest${d.annotations[ATTESTATION_DIGEST] ? ` for ${d.annotations[ATTESTATION_DIGEST]}` : ''}`;
  return p ? `manifest for ${p}` : 'manifest';
}
