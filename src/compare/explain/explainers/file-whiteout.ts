/**
 * file.whiteout: whiteout (`.wh.<name>`: deletes <name> from lower layers) or opaque-directory
 * (`.wh..wh..opq`) entries on one side only (OCI image-spec layer.md "Whiteouts"): a deletion
 * that happens in one image only (moby/buildkit#3168, #3981).
 */
import type { Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers } from '../fields';
import { list, plural } from '../format';
import { pathOf } from './file-common';

/** What a whiteout entry does: "deletes usr/bin/old", "makes etc/app opaque". */
export function whiteoutEffect(path: string): string {
  const i = path.lastIndexOf('/');
  const dir = i < 0 ? '' : path.slice(0, i);
  const base = path.slice(i + 1);
  if (base === '.wh..wh..opq') return `makes ${dir || '/'} opaque`;
  if (base.startsWith('.wh.')) return `deletes ${dir ? `${dir}/` : ''}${base.slice(4)}`;
  return path;
}

export const fileWhiteoutExplainer: Explainer<'file'> = {
  name: 'file whiteout',
  subjects: ['file'],
  ids: ['file.whiteout'],
  claim: (d) => ((fileField(d) === 'added' || fileField(d) === 'removed') && d.facts?.whiteout !== undefined ? 'file.whiteout' : null),
  describe(id, roots, ctx) {
    const inB = roots.filter((d) => d.kind === 'added');
    const inA = roots.filter((d) => d.kind === 'removed');
    const parts: string[] = [];
    if (inB.length) parts.push(`${plural(inB.length, 'whiteout')} in B only (${list(inB.map((d) => whiteoutEffect(pathOf(d))))})`);
    if (inA.length) parts.push(`${plural(inA.length, 'whiteout')} in A only (${list(inA.map((d) => whiteoutEffect(pathOf(d))))})`);
    const where = inLayers(roots, ctx);
    return {
      summary: `Deletions differ${where}: ${parts.join('; ')}`,
      phrase: `${plural(roots.length, 'deletion')} (whiteout) ${roots.length === 1 ? 'differs' : 'differ'}`,
      evidence: evidence(roots, ctx, (d: Difference) => `${pathOf(d)}: only in ${d.kind === 'added' ? 'B' : 'A'} — ${whiteoutEffect(pathOf(d))}`),
      remedy: CATALOG[id].remedy,
    };
  },
};
