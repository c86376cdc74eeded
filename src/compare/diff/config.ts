/**
 * Image configuration (OCI image-spec config.md) of an image pair, leaf by leaf: `history[…]`
 * leaves are `history` differences, the rest `config`. `rootfs.diff_ids[i]` follows the root
 * of the layer it names. The config digest follows the best config root (or is a root itself
 * when the parsed JSON is equal: same content serialised differently, e.g. a trailing newline).
 */
import { bestRoot } from './emit';
import { jsonLeaves } from './json-diff';
import { emitLeaves } from './json-emit';
import { imageScope, type ImagePairCtx } from './layers';
import { foldBuilderIds, foldIntermediateIds } from './intermediate-ids';

export function diffConfig(x: ImagePairCtx): string | undefined {
  const leaves = jsonLeaves(x.A.config.json ?? undefined, x.B.config.json ?? undefined);
  const isHistory = (p: string) => p === 'history' || p.startsWith('history[') || p.startsWith('history.');
  // The history entry of a layer present on one side only comes and goes with that layer.
  const layerOfHistory = new Map<string, string>();
  for (const p of x.layerPairs) {
    if (p.a !== null && p.b !== null) continue;
    const l = p.a !== null ? x.A.layers[p.a] : x.B.layers[p.b!];
    const root = x.layerRoots.get(p.a !== null ? `${p.a}-` : `-${p.b}`);
    if (l.historyIndex !== null && root) layerOfHistory.set(`${p.a !== null ? 'removed' : 'added'}:${l.historyIndex}`, root);
  }
  const diffs = emitLeaves(x.c, x.r, leaves, {
    prefix: (p) => `${isHistory(p) ? 'history' : 'config'}:i${x.k}`,
    subject: (p) => (isHistory(p) ? 'history' : 'config'),
    scope: imageScope(x),
    follows: (leaf) => {
      const m = /^history\[(\d+)\]/.exec(leaf.path);
      return m ? layerOfHistory.get(`${leaf.kind}:${m[1]}`) : undefined;
    },
  });
  // buildah's "FROM <intermediate id>" comments derive from the steps before them
  foldIntermediateIds(x, diffs);
  foldBuilderIds(x, diffs);
  let root = bestRoot(diffs);
  const da = x.A.config.digest;
  const db = x.B.config.digest;
  if (da !== db) {
    const d = x.c.add({
      id: `config:i${x.k}:digest`,
      subject: 'config',
      kind: 'changed',
      scope: imageScope(x),
      field: 'digest',
      a: da,
      b: db,
      follows: root,
      facts: { digest: true, ...(diffs.length ? {} : { sameJson: true }) },
    });
    root ??= d.id;
  }
  x.r.add(da, root);
  x.r.add(db, root);
  return root;
}
