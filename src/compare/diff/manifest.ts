/**
 * The image manifest of an image pair. The report keeps its media type, annotations, digest
 * and size, the config descriptor and the layer descriptors (through the layers), so the
 * manifest is compared from those: `mediaType`, `annotations.<key>`, `config.digest` /
 * `config.mediaType`, and per *paired* layer `layers[<a>].digest` / `.mediaType` / `.size`
 * (unpaired layers are `layer` differences). The manifest digest follows the best root among
 * them (image-spec descriptor.md: the digest is the hash of those bytes).
 */
import type { ImageReport } from '../../report/types';
import type { Difference } from '../types';
import { bestRoot } from './emit';
import { jsonLeaves } from './json-diff';
import { emitLeaves } from './json-emit';
import { imageScope, type ImagePairCtx } from './layers';
import { jsonHints } from './values';
import { intermediateBaseRoot } from './intermediate-ids';

function shape(img: ImageReport): Record<string, unknown> {
  const m = img.manifest!;
  return {
    ...(m.mediaType !== null ? { mediaType: m.mediaType } : {}),
    config: { digest: img.config.digest, mediaType: img.config.mediaType },
    ...(m.annotations ? { annotations: m.annotations } : {}),
  };
}

export function diffManifest(x: ImagePairCtx): string | undefined {
  const { A, B, c } = x;
  if (!A.manifest || !B.manifest) return undefined;
  const scope = imageScope(x);
  const diffs: Difference[] = emitLeaves(c, x.r, jsonLeaves(shape(A), shape(B)), {
    prefix: () => `manifest:i${x.k}`,
    subject: () => 'manifest',
    scope,
    // buildah --layers: the base is the build's own intermediate image (intermediate-ids.ts)
    follows: (leaf) => (leaf.path === 'annotations.org.opencontainers.image.base.digest' ? intermediateBaseRoot(x) : undefined),
  });
  for (const p of x.layerPairs) {
    if (p.a === null || p.b === null) continue;
    const la = A.layers[p.a];
    const lb = B.layers[p.b];
    const root = x.layerRoots.get(`${p.a}-${p.b}`);
    const fields: [string, unknown, unknown, string | undefined][] = [
      ['digest', la.digest, lb.digest, root],
      ['mediaType', la.mediaType, lb.mediaType, undefined],
      ['size', la.size, lb.size, root],
    ];
    for (const [k, va, vb, follows] of fields) {
      if (va === vb) continue;
      const field = `layers[${p.a}].${k}`;
      diffs.push(
        c.add({
          id: `manifest:i${x.k}:${field}`,
          subject: 'manifest',
          kind: 'changed',
          scope: { ...scope, layerA: p.a, layerB: p.b },
          field,
          a: va,
          b: vb,
          follows,
          facts: { ...jsonHints(field, va, vb), layerA: p.a, layerB: p.b },
        }),
      );
    }
  }
  let root = bestRoot(diffs);
  const ma = A.manifest;
  const mb = B.manifest;
  const same = diffs.length === 0;
  for (const [k, va, vb] of [
    ['digest', ma.digest, mb.digest],
    ['size', ma.size, mb.size],
  ] as const) {
    if (va === vb) continue;
    const d = c.add({
      id: `manifest:i${x.k}:${k}`,
      subject: 'manifest',
      kind: 'changed',
      scope,
      field: k,
      a: va,
      b: vb,
      follows: root,
      facts: { digest: k === 'digest', ...(same ? { sameFields: true } : {}) },
    });
    root ??= d.id;
  }
  x.r.add(ma.digest, root);
  x.r.add(mb.digest, root);
  return root;
}
