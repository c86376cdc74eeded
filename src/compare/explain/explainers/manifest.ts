/**
 * The image manifest: Docker v2 vs OCI media types (manifest.media-type), annotations
 * (manifest.annotations, e.g. BuildKit's `buildkit/rewritten-epoch`), anything else that is a
 * root (manifest.field: the same fields serialised differently; a config blob whose JSON is
 * equal but whose bytes are not).
 */
import type { CauseId, Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { list, plural, show } from '../format';

function claim(d: Difference): CauseId | null {
  const f = d.field ?? '';
  if (d.subject === 'config') return f === 'digest' && d.facts?.sameJson === true ? 'manifest.field' : null;
  // The index descriptor of a manifest whose media type changed says the same thing.
  if (d.subject === 'index') return /^manifests\[\d+\]\.mediaType$/.test(f) && d.kind === 'changed' ? 'manifest.media-type' : null;
  if (d.subject !== 'manifest') return null;
  if (f === 'mediaType' || f.endsWith('.mediaType')) return 'manifest.media-type';
  if (f.startsWith('annotations.')) return 'manifest.annotations';
  return 'manifest.field';
}

/** "Docker v2 → OCI" when the families differ, else the short names ("tar+gzip → tar+zstd"). */
function change(a: unknown, b: unknown): string {
  if (flavour(a) !== flavour(b)) return `${flavour(a)} → ${flavour(b)}`;
  const short = (v: unknown) =>
    String(v ?? '(none)')
      .replace(/^.*\.v\d+\./, '')
      .replace(/^application\/vnd\.docker\.image\.rootfs\.diff\./, '');
  return `${short(a)} → ${short(b)}`;
}

function flavour(v: unknown): string {
  const s = String(v ?? '');
  return s.includes('vnd.docker.') ? 'Docker v2' : s.includes('vnd.oci.') ? 'OCI' : s || '(none)';
}

export const manifestExplainer: Explainer<'manifest' | 'config' | 'index'> = {
  name: 'manifest',
  subjects: ['manifest', 'config', 'index'],
  ids: ['manifest.media-type', 'manifest.annotations', 'manifest.field'],
  claim,
  describe(id, roots, ctx) {
    const line = (d: Difference) => `${d.subject} ${d.field}: ${show(d.a)} → ${show(d.b)}`;
    const ev = evidence(roots, ctx, line);
    const remedy = CATALOG[id].remedy;
    if (id === 'manifest.media-type') {
      const pairs = [...new Set(roots.map((d) => change(d.a, d.b)))];
      return {
        summary: `The same content is described with other media types (${list(pairs)}): ${list(
          roots.map((d) => d.field ?? ''),
          3,
        )}`,
        phrase: `media types differ (${list(pairs)})`,
        evidence: ev,
        remedy,
      };
    }
    if (id === 'manifest.annotations') {
      const keys = [...new Set(roots.map((d) => (d.field ?? '').slice('annotations.'.length)))];
      return { summary: `Manifest annotations differ: ${list(keys, 4)}`, phrase: `manifest annotations differ (${list(keys, 2)})`, evidence: ev, remedy };
    }
    const sameJson = roots.filter((d) => d.subject === 'config');
    return {
      summary: sameJson.length
        ? `The config ${sameJson.length === 1 ? 'blob is' : 'blobs are'} serialised differently: same JSON, other bytes (whitespace, key order)`
        : `${plural(roots.length, 'manifest field')} ${roots.length === 1 ? 'differs' : 'differ'}: ${list(
            roots.map((d) => d.field ?? ''),
            4,
          )}`,
      phrase: sameJson.length ? 'the config is serialised differently' : 'the manifests differ',
      evidence: ev,
      remedy,
    };
  },
};
