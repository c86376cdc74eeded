/**
 * index.attestations: attestation manifests (BuildKit provenance / SBOM, `vnd.docker.reference.type:
 * attestation-manifest`) present on one side only, or different. Claims every root inside an
 * attestation image pair too (its manifest, config, in-toto layers): provenance records the
 * build time and invocation id, so it differs on every build without saying anything about the
 * image it attests.
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { capitalise, plural, show } from '../format';

export const attestationsExplainer: Explainer<
  'image' | 'manifest' | 'config' | 'history' | 'layer' | 'layer-blob' | 'file' | 'file-order' | 'merged' | 'index'
> = {
  name: 'attestations',
  subjects: ['image', 'manifest', 'config', 'history', 'layer', 'layer-blob', 'file', 'file-order', 'merged', 'index'],
  ids: ['index.attestations'],
  claim(d, ctx) {
    if (d.subject === 'image') return d.facts?.kind === 'attestation' ? 'index.attestations' : null;
    if (d.subject === 'index') return /(^|\.)annotations\.vnd\.docker\.reference\./.test(d.field ?? '') ? 'index.attestations' : null;
    return ctx.isAttestation(d.scope) ? 'index.attestations' : null;
  },
  describe(id, roots, ctx) {
    const added = roots.filter((d) => d.subject === 'image' && d.kind === 'added');
    const removed = roots.filter((d) => d.subject === 'image' && d.kind === 'removed');
    const changed = roots.length - added.length - removed.length;
    const parts: string[] = [];
    if (added.length) parts.push(`${plural(added.length, 'attestation manifest')} in B only`);
    if (removed.length) parts.push(`${plural(removed.length, 'attestation manifest')} in A only`);
    if (changed) parts.push(`${plural(changed, 'difference')} inside attestations present on both sides`);
    return {
      summary: `${capitalise(parts.join(', '))} (build provenance/SBOM; provenance carries the build time and invocation id)`,
      phrase: added.length || removed.length ? `attestations are present on one side only` : `the attestations differ`,
      evidence: evidence(roots, ctx, (d) =>
        d.subject === 'image'
          ? `${show(d.a ?? d.b)}: only in ${d.kind === 'added' ? 'B' : 'A'}`
          : `${d.scope.image ?? ''} · ${d.subject} ${d.field ?? d.kind}: ${show(d.a)} → ${show(d.b)}`,
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
