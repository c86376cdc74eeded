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

/** The documents' names (the `file` fact of an `index` difference). */
export type { DocName };

function docs(x: InputReport): Record<DocName, unknown> {
  return { 'index.json': x.index?.json ?? null, 'manifest.json': x.dockerManifest ?? null, repositories: x.repositories ?? null };
}

type Desc = { digest?: unknown };

/**
 * index.json `manifests[]` compared descriptor by descriptor, not position by position: a
 * descriptor inserted in front (another platform, an attestation, a second tag) must not make
 * every later one differ. B's descriptors are aligned on A's: the descriptor of the paired image,
 * else the same digest, else the next unaligned one; B's leftovers are appended. Field paths use
 * the aligned positions (A's position; B-only descriptors after A's).
 */
function alignManifests(ja: unknown, jb: unknown, pairs: Map<string, string>): [unknown, unknown] {
  if (!isObject(ja) || !isObject(jb) || !Array.isArray(ja.manifests) || !Array.isArray(jb.manifests)) return [ja, jb];
  const da = ja.manifests as Desc[];
  const db = jb.manifests as Desc[];
  const used = new Set<number>();
  const take = (i: number) => (used.add(i), db[i]);
  const find = (pred: (d: Desc) => boolean) => db.findIndex((d, i) => !used.has(i) && pred(d));
  const aligned: (Desc | undefined)[] = da.map(() => undefined);
  da.forEach((d, i) => {
    const partner = typeof d.digest === 'string' ? pairs.get(d.digest) : undefined;
    const j = partner !== undefined ? find((x) => x.digest === partner) : -1;
    if (j >= 0) aligned[i] = take(j);
  });
  da.forEach((d, i) => {
    if (aligned[i]) return;
    const j = find((x) => x.digest === d.digest);
    if (j >= 0) aligned[i] = take(j);
  });
  da.forEach((_, i) => {
    if (aligned[i]) return;
    const j = find(() => true);
    if (j >= 0) aligned[i] = take(j);
  });
  const restB = db.filter((_, i) => !used.has(i));
  const outA = [...da, ...restB.map(() => undefined)];
  const outB = [...aligned, ...restB];
  // Holes: jsonLeaves sees an absent element (added/removed descriptor).
  return [
    { ...ja, manifests: outA },
    { ...jb, manifests: outB },
  ];
}

/** Returns each document's root (for the outer entry's `content` difference). */
export function diffIndexDocuments(
  c: Collector,
  r: Resolver,
  a: InputReport,
  b: InputReport,
  layoutRoot: string | undefined,
  manifestPairs: Map<string, string> = new Map(),
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
    const [xa, xb] = file === 'index.json' ? alignManifests(va, vb, manifestPairs) : [va, vb];
    const diffs = emitLeaves(c, r, jsonLeaves(xa, xb), { prefix: () => `index:${file}`, subject: () => 'index', scope, facts: { file }, fallback: layoutRoot });
    const root = bestRoot(diffs);
    if (root) roots.set(file, root);
  }
  return roots;
}
