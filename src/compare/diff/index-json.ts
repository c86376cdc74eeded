/**
 * The documents that tie an archive together: the OCI `index.json`, and docker's
 * `manifest.json` and `repositories`. Leaf by leaf (json-diff.ts); descriptor digests,
 * manifest.json `Config`/`Layers` names and `repositories` layer ids follow the root of the
 * blob they name (resolver), so an index that changed only because a manifest did is a
 * consequence. A document present on one side only is one `$` difference, following the
 * layout difference when the layouts differ.
 */
import type { InputReport } from '../../report/types';
import type { Collector } from './emit';
import { bestRoot } from './emit';
import { jsonLeaves } from './json-diff';
import { emitLeaves } from './json-emit';
import type { Resolver } from './resolver';

export type DocName = 'index.json' | 'manifest.json' | 'repositories';

function docs(x: InputReport): Record<DocName, unknown> {
  return { 'index.json': x.index?.json ?? null, 'manifest.json': x.dockerManifest ?? null, repositories: x.repositories ?? null };
}

/** Returns each document's root (for the outer entry's `content` difference). */
export function diffIndexDocuments(c: Collector, r: Resolver, a: InputReport, b: InputReport, layoutRoot: string | undefined): Map<DocName, string> {
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
    const diffs = emitLeaves(c, r, jsonLeaves(va, vb), { prefix: () => `index:${file}`, subject: () => 'index', scope, facts: { file }, fallback: layoutRoot });
    const root = bestRoot(diffs);
    if (root) roots.set(file, root);
  }
  return roots;
}
