/**
 * layer.missing-blob / layer.digest-mismatch: a failed integrity check on one side (differ
 * `integrity` differences: reference, blob-digest, blob-size, diff-id, layer-count).
 *
 * Verdict: content-differs. A blob that is missing or does not match its digest means that
 * side does not hold the image its manifest describes; the files of that layer cannot be
 * compared, so no better verdict can be claimed honestly (and the archive was read to its end,
 * so it is not `unreadable`). The same failure on both sides (`sameOnBoth`) is not a
 * difference between A and B: it is still listed (the report must say the layer was not
 * compared) but only weighs as same-image.
 */
import type { DifferenceOf } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { capitalise, list, plural, shortDigest } from '../format';

function sideOf(d: DifferenceOf<'integrity'>): string {
  return d.facts?.sameOnBoth === true ? 'both' : String(d.facts?.side ?? 'a').toUpperCase();
}

function message(d: DifferenceOf<'integrity'>): string {
  return String(d.facts?.message ?? d.a ?? d.b ?? '');
}

export const integrityExplainer: Explainer<'integrity'> = {
  name: 'integrity',
  subjects: ['integrity'],
  ids: ['layer.missing-blob', 'layer.digest-mismatch'],
  claim: (d) => (d.field === 'reference' ? 'layer.missing-blob' : 'layer.digest-mismatch'),
  describe(id, roots) {
    const sides = [...new Set(roots.map(sideOf))];
    const who = sides.length === 1 ? (sides[0] === 'both' ? 'both archives' : sides[0]) : 'A and B';
    const blobs = roots.map((d) => shortDigest(String(d.facts?.expected ?? d.facts?.subject ?? '')));
    let summary: string;
    let phrase: string;
    if (id === 'layer.missing-blob') {
      summary = `${capitalise(who)} ${who === 'both archives' ? 'lack' : 'lacks'} ${plural(roots.length, 'blob')} the manifests refer to (${list(blobs)}); what those blobs hold could not be compared`;
      phrase = `${plural(roots.length, 'blob')} missing in ${who}`;
    } else {
      const kinds = [...new Set(roots.map((d) => String(d.facts?.kind ?? d.field)))];
      summary = `${capitalise(who)} ${who === 'both archives' ? 'have' : 'has'} ${plural(roots.length, 'integrity failure')} (${kinds.join(', ')}): ${message(roots[0])}`;
      phrase = `${plural(roots.length, 'integrity check')} failed in ${who}`;
    }
    return {
      summary,
      phrase,
      evidence: roots.slice(0, 5).map((d) => ({
        text: `${sideOf(d) === 'both' ? 'A and B' : sideOf(d)}: ${message(d)}`,
        difference: d.id,
        where: String(d.facts?.subject ?? sideOf(d)),
      })),
      remedy: CATALOG[id].remedy,
      category: roots.every((d) => d.facts?.sameOnBoth === true) ? 'same-image' : 'content-differs',
    };
  },
};
