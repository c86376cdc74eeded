/**
 * Nested image indexes (containerd image store exports, BuildKit `type=docker`/`type=oci`:
 * index.json → an image index blob → the platform manifests and the attestation manifests).
 * A nested index is a JSON document of descriptors, so its digest derives from the digests of
 * the manifests it lists (image-spec image-index.md, descriptor.md): when an attestation
 * manifest changes (provenance records the build time), the nested index blob gets other bytes,
 * index.json's descriptor of it another digest, and the blob's entry another name. All of that
 * follows the root of the manifests it lists (docs/causes.md "Derivation rules").
 *
 * The report keeps index.json's own descriptors and every image's manifest digest, not the
 * nested documents: the images a nested index lists are those index.json does not list
 * directly. With one nested index (the containerd and BuildKit exports) that is exact; with
 * several, each follows the best root among all of them. A nested index on one side only
 * exists because of the layout, and follows the layout difference.
 */
import type { InputReport } from '../../report/types';
import type { Difference } from '../types';
import { bestRoot, type Collector } from './emit';
import type { Resolver } from './resolver';

const INDEX_MEDIA_TYPE = /image\.index|manifest\.list/;

/** index.json's descriptors that name a nested index: an index media type, or no image's manifest. */
function nestedDigests(x: InputReport): string[] {
  const manifests = new Set(x.images.map((i) => i.manifest?.digest).filter(Boolean));
  return (x.index?.manifests ?? [])
    .filter((d) => !manifests.has(d.digest) && (d.mediaType === undefined || INDEX_MEDIA_TYPE.test(d.mediaType)))
    .map((d) => d.digest);
}

/** The manifests reached only through nested indexes (not listed by index.json itself). */
function nestedManifests(x: InputReport): string[] {
  const top = new Set((x.index?.manifests ?? []).map((d) => d.digest));
  return x.images.map((i) => i.manifest?.digest).filter((d): d is string => d !== undefined && !top.has(d));
}

/**
 * Registers the nested index digests of both sides under the best root among the manifests
 * they list (what the resolver has for each manifest digest: its pair's manifest root, or the
 * `image` difference of an image on one side only). Call after every image level, before the
 * index documents and the outer entries look digests up.
 */
export function registerNestedIndexes(c: Collector, r: Resolver, a: InputReport, b: InputReport): void {
  const listed: Difference[] = [];
  for (const x of [a, b]) {
    for (const m of nestedManifests(x)) {
      const id = r.exact(m);
      const d = id ? c.get(c.root(id)!) : undefined;
      if (d && !listed.includes(d)) listed.push(d);
    }
  }
  // A nested index on one side only is the layout's (containerd store vs graphdriver store).
  const nested = [nestedDigests(a), nestedDigests(b)];
  if (nested[0].length === 0 || nested[1].length === 0) return;
  const root = bestRoot(listed);
  if (!root) return;
  for (const list of nested) for (const digest of list) r.add(digest, root);
}
