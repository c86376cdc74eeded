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

export function diffConfig(x: ImagePairCtx): string | undefined {
  const leaves = jsonLeaves(x.A.config.json ?? undefined, x.B.config.json ?? undefined);
  const isHistory = (p: string) => p === 'history' || p.startsWith('history[') || p.startsWith('history.');
  const diffs = emitLeaves(x.c, x.r, leaves, {
    prefix: (p) => `${isHistory(p) ? 'history' : 'config'}:i${x.k}`,
    subject: (p) => (isHistory(p) ? 'history' : 'config'),
    scope: imageScope(x),
  });
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
