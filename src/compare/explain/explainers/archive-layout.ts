/**
 * archive.layout: the same image written in another layout (legacy `docker save`, Docker 25+
 * OCI layout, containerd store, skopeo docker-archive vs oci-archive). Index documents and
 * entries that exist only because of the layout already follow this root.
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { show } from '../format';

export const archiveLayoutExplainer: Explainer<'layout'> = {
  name: 'archive layout',
  subjects: ['layout'],
  ids: ['archive.layout'],
  claim: () => 'archive.layout',
  describe(id, roots, ctx) {
    const label = roots.find((d) => d.field === 'label') ?? roots[0];
    const layout = roots.find((d) => d.field === 'layout');
    const a = `${show(label.a)}${layout && label !== layout ? ` [${show(layout.a)}]` : ''}`;
    const b = `${show(label.b)}${layout && label !== layout ? ` [${show(layout.b)}]` : ''}`;
    return {
      summary: `The archives use different layouts: A is ${a}, B is ${b}`,
      phrase: `the archive layout differs (${show(label.a)} vs ${show(label.b)})`,
      evidence: evidence(roots, ctx, (d) => `${d.field}: ${show(d.a)} → ${show(d.b)}`),
      remedy: CATALOG[id].remedy,
    };
  },
};
