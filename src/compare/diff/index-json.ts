/**
 * The documents that tie an archive together: the OCI `index.json`, and docker's
 * `manifest.json` and `repositories`. Leaf by leaf (json-diff.ts); descriptor digests,
 * manifest.json `Config`/`Layers` names and `repositories` layer ids follow the root of the
 * blob they name (resolver), so an index that changed only because a manifest did is a
 * consequence. A document present on one side only is one `$` difference, following the
 * layout difference when the layouts differ.
 */
import type { InputReport } from '../../report/types';
import type { DocName } from '../types';
import type { Collector } from './emit';
import { bestRoot } from './emit';
import { jsonLeaves } from './json-diff';
import { emitLeaves } from './json-emit';
import type { Resolver } from './resolver';
import { isObject } from './values';
import { alignItems, diffItemOrder, hexOf } from './image-order';

/** The documents' names (the `file` fact of an `index` difference). */
export type { DocName };

function docs(x: InputReport): Record<DocName, unknown> {
  return { 'index.json': x.index?.json ?? null, 'manifest.json': x.dockerManifest ?? null, repositories: x.repositories ?? null };
}

type Desc = { digest?: unknown };
const digestOf = (x: unknown) => (isObject(x) ? (x as Desc).digest : undefined);

/** What a document's image list aligns on: index.json `manifests[]`, manifest.json's items. */
export interface ImageKeys {
  /** A manifest digest → the paired image's manifest digest in B. */
  manifests: Map<string, string>;
  /** A config digest's hex → the paired image's config hex in B. */
  configs: Map<string, string>;
}

/**
 * index.json `manifests[]` compared descriptor by descriptor, not position by position: a
 * descriptor inserted in front (another platform, an attestation, a second tag) must not make
 * every later one differ. B's descriptors are aligned on A's (image-order.ts alignItems): the
 * descriptor of the paired image, else the same digest, else an equal one, else the next
 * unaligned one; B's leftovers are appended. Field paths use the aligned positions (A's
 * position; B-only descriptors after A's). manifest.json's items likewise, by the paired
 * image's config (the hex in `Config`), else the same `Config`.
 */
function align(file: DocName, ja: unknown, jb: unknown, keys: ImageKeys): { xa: unknown; xb: unknown; order?: [unknown[], unknown[], number[]] } {
  if (file === 'index.json') {
    if (!isObject(ja) || !isObject(jb) || !Array.isArray(ja.manifests) || !Array.isArray(jb.manifests)) return { xa: ja, xb: jb };
    const da = ja.manifests as unknown[];
    const db = jb.manifests as unknown[];
    const r = alignItems(da, db, [
      (x, free) => {
        const d = digestOf(x);
        const partner = typeof d === 'string' ? keys.manifests.get(d) : undefined;
        return partner === undefined ? undefined : free((y) => digestOf(y) === partner);
      },
      (x, free) => free((y) => digestOf(y) !== undefined && digestOf(y) === digestOf(x)),
    ]);
    return { xa: { ...ja, manifests: r.a }, xb: { ...jb, manifests: r.b }, order: [da, db, r.partnerOf] };
  }
  if (file === 'manifest.json' && Array.isArray(ja) && Array.isArray(jb)) {
    const cfg = (x: unknown) => (isObject(x) ? x.Config : undefined);
    const r = alignItems(ja, jb, [
      (x, free) => {
        const h = hexOf(cfg(x));
        const partner = h ? keys.configs.get(h) : undefined;
        return partner === undefined ? undefined : free((y) => hexOf(cfg(y)) === partner);
      },
      (x, free) => free((y) => cfg(y) !== undefined && cfg(y) === cfg(x)),
    ]);
    return { xa: r.a, xb: r.b, order: [ja, jb, r.partnerOf] };
  }
  return { xa: ja, xb: jb };
}

/** Returns each document's root (for the outer entry's `content` difference). */
export function diffIndexDocuments(
  c: Collector,
  r: Resolver,
  a: InputReport,
  b: InputReport,
  layoutRoot: string | undefined,
  keys: ImageKeys = { manifests: new Map(), configs: new Map() },
): Map<DocName, string> {
  const roots = new Map<DocName, string>();
  const da = docs(a);
  const db = docs(b);
  for (const file of ['index.json', 'manifest.json', 'repositories'] as DocName[]) {
    const va = da[file];
    const vb = db[file];
    if (va === null && vb === null) continue;
    const scope = { path: file };
    if (va === null || vb === null) {
      const d = c.add({
        id: `index:${file}:$`,
        subject: 'index',
        kind: va === null ? 'added' : 'removed',
        scope,
        field: '$',
        follows: layoutRoot,
        facts: { file },
      });
      roots.set(file, d.follows ?? d.id);
      continue;
    }
    // With different layouts the documents are written differently (manifest.json `Config`
    // as `<hex>.json` vs `blobs/sha256/<hex>`): what no blob explains follows the layout.
    const { xa, xb, order } = align(file, va, vb, keys);
    const reordered = order ? diffItemOrder(c, file, ...order) : undefined;
    const diffs = emitLeaves(c, r, jsonLeaves(xa, xb), { prefix: () => `index:${file}`, subject: () => 'index', scope, facts: { file }, fallback: layoutRoot });
    // the document's bytes change with its leaves, or with the order alone
    const root = bestRoot(reordered ? [...diffs, reordered] : diffs);
    if (root) roots.set(file, root);
  }
  return roots;
}
