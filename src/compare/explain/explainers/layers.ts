/**
 * layer.added / layer.removed: a layer on one side only after pairing (by diff_id, then
 * history, then position). Says when it duplicates another layer of the same image (the same
 * diff_id twice) and which build step made it. Its files, history entry and digests follow it.
 */
import type { FactsOf } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { capitalise, list, num, plural, shortDigest, show } from '../format';

export const layersExplainer: Explainer<'layer'> = {
  name: 'layers added/removed',
  subjects: ['layer'],
  ids: ['layer.added', 'layer.removed'],
  claim: (d) => (d.kind === 'added' ? 'layer.added' : 'layer.removed'),
  describe(id, roots, ctx) {
    const side = id === 'layer.added' ? 'B' : 'A';
    const describe1 = (d: (typeof roots)[number]) => {
      const f: Partial<FactsOf<'layer'>> = d.facts ?? {};
      const bits: string[] = [];
      if (typeof f.createdBy === 'string' && f.createdBy) bits.push(show(f.createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').trim()));
      if (typeof f.fileCount === 'number') bits.push(plural(f.fileCount, 'file'));
      if (typeof f.duplicateOf === 'number') bits.push(`duplicates layer ${f.duplicateOf + 1} (same diff_id)`);
      return `${ctx.layerName(d.scope).replace(/ of [AB]$/, '')}${bits.length ? ` (${bits.join(', ')})` : ''}`;
    };
    const n = roots.length;
    return {
      summary: `${capitalise(plural(n, 'layer'))} ${n === 1 ? 'exists' : 'exist'} in ${side} only: ${list(roots.map(describe1), 3)}`,
      phrase: `${plural(n, 'layer')} ${id === 'layer.added' ? 'added' : 'removed'}`,
      evidence: evidence(
        roots,
        ctx,
        (d) =>
          `${describe1(d)}: only in ${side} (${shortDigest(side === 'B' ? d.b : d.a)}${typeof d.facts?.size === 'number' ? `, ${num(d.facts.size)} bytes` : ''})`,
        5,
        'digest',
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
