/**
 * file.order: the same entries in another order inside a paired layer (readdir order,
 * moby/moby#10612). Says how many entries, how many moved and which side is sorted by name.
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { inLayers, num } from '../fields';
import { num as fmt, plural, show } from '../format';

export const fileOrderExplainer: Explainer<'file-order'> = {
  name: 'file order',
  subjects: ['file-order'],
  ids: ['file.order'],
  claim: () => 'file.order',
  describe(id, roots, ctx) {
    const d = roots[0];
    const common = num(d.facts?.common);
    const moved = num(d.facts?.moved);
    const sorted =
      d.facts?.aSorted === true && d.facts?.bSorted !== true
        ? '; A is sorted by name, B is not'
        : d.facts?.bSorted === true && d.facts?.aSorted !== true
          ? '; B is sorted by name, A is not'
          : '';
    const where = inLayers(roots, ctx);
    const summary =
      roots.length === 1
        ? `${where ? `${where.slice(4, 5).toUpperCase()}${where.slice(5)} holds` : 'The tar holds'} the same ${common !== undefined ? `${fmt(common)} ` : ''}entries in another order${moved !== undefined ? ` (${plural(moved, 'position')} differ)` : ''}${sorted}`
        : `${plural(roots.length, 'layer')} hold the same entries in another order${where}`;
    return {
      summary,
      phrase: `entries are in another order${where}`,
      evidence: roots.slice(0, 5).map((x) => {
        const fm = x.facts?.firstMismatch;
        return {
          text: `${ctx.layerName(x.scope) || 'tar'}: first difference at entry ${fmt((fm?.index ?? 0) + 1)}: ${show(x.a)} in A, ${show(x.b)} in B`,
          difference: x.id,
          a: x.a,
          b: x.b,
          where: ctx.where(x),
        };
      }),
      remedy: CATALOG[id].remedy,
    };
  },
};
