/**
 * OCI image layout tarballs (image-spec image-layout.md): `oci-layout`, `index.json`,
 * `blobs/<alg>/<encoded>`. Written by skopeo/podman (oci-archive), BuildKit
 * `--output type=oci`, umoci, `ctr export`. One ImageRecord per platform manifest;
 * attestation manifests (BuildKit) become kind 'attestation' with `attests`.
 *
 * BuildKit `--output type=docker` writes this same layout plus a manifest.json: that is
 * read by docker-oci, because it is structurally what Docker 25+ `docker save` writes and
 * `docker load` reads it the same way; comparing it with a docker save must not report a
 * layout difference that isn't there.
 */
import type { ImageArchive, OuterListing } from '../model';
import { Outer, isObject, str } from '../resolve';
import { ReadContext } from './context';
import { MT, walkOciLayout, type WalkResult } from './oci-walk';
import type { LayoutReader } from './types';

const COMPONENT = 'OCI layout';

export function hasOciLayout(l: OuterListing): boolean {
  const o = Outer.of(l);
  if (o.has('oci-layout')) return true;
  if (!o.has('index.json')) return false;
  for (const n of o.byName.keys()) if (n.startsWith('blobs/')) return true;
  return false;
}

/** Reads `oci-layout` ({"imageLayoutVersion": "1.0.0"}) into notes/errors. */
export function checkOciLayoutFile(outer: Outer, ctx: ReadContext): void {
  if (!outer.has('oci-layout')) {
    ctx.note('no oci-layout file (image-layout.md requires one)');
    return;
  }
  const j = outer.json('oci-layout');
  if (!j.ok) {
    ctx.fileError(j.error);
    return;
  }
  const v = isObject(j.value) ? str(j.value.imageLayoutVersion) : undefined;
  if (!v) ctx.error('oci-layout has no imageLayoutVersion', 'oci-layout');
  else if (v !== '1.0.0') ctx.note(`oci-layout: imageLayoutVersion ${v}`);
}

/** Notes shared by OCI-based layouts: platforms, attestations, media types. */
export function noteWalk(w: WalkResult, ctx: ReadContext): void {
  const images = w.images.filter((i) => i.kind === 'image');
  const att = w.images.filter((i) => i.kind === 'attestation');
  const platforms = new Set(images.map((i) => (i.platform ? [i.platform.os, i.platform.architecture, i.platform.variant].filter(Boolean).join('/') : '')));
  if (w.nested) ctx.note('index.json points to a nested image index');
  if (platforms.size > 1) ctx.note(`multi-platform: ${[...platforms].filter(Boolean).join(', ')}`);
  if (att.length) ctx.note(`${att.length} attestation manifest${att.length > 1 ? 's' : ''} (BuildKit provenance/SBOM)`);
  if (w.images.some((i) => i.manifest?.mediaType === MT.dockerManifest)) ctx.note('Docker v2 schema 2 manifests');
}

export const oci: LayoutReader = {
  id: 'oci',
  label: 'OCI image layout',
  detect: hasOciLayout,
  read(l) {
    const outer = Outer.of(l);
    const ctx = new ReadContext(COMPONENT);
    const archive: ImageArchive = { layout: 'oci', layoutLabel: this.label, notes: ctx.notes, images: [], errors: ctx.errors };
    checkOciLayoutFile(outer, ctx);
    const w = walkOciLayout(outer, ctx);
    if (w.index) archive.index = w.index;
    archive.images = w.images;
    noteWalk(w, ctx);
    return archive;
  },
};
