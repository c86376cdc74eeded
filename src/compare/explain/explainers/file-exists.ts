/**
 * file.added / file.removed: a path present in one layer (or merged filesystem) only. The
 * summary names the paths when few, else the directory they share ("12 files under
 * usr/share/doc"), and the kinds (caches, logs, bytecode).
 */
import type { Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers } from '../fields';
import { capitalise, commonDir, list, num, plural } from '../format';
import { pathOf } from './file-common';

function presence(v: unknown): string {
  if (v && typeof v === 'object' && 'type' in v) {
    const o = v as { type: string; size?: number };
    return o.type === 'file' && typeof o.size === 'number' ? `file, ${num(o.size)} B` : o.type;
  }
  return '';
}

export const fileExistsExplainer: Explainer<'file' | 'merged'> = {
  name: 'file added/removed',
  subjects: ['file', 'merged'],
  ids: ['file.added', 'file.removed'],
  claim: (d) => (fileField(d) === 'added' ? 'file.added' : fileField(d) === 'removed' ? 'file.removed' : null),
  describe(id, roots, ctx) {
    const side = id === 'file.added' ? 'B' : 'A';
    const paths = [...new Set(roots.map(pathOf))];
    const dir = commonDir(paths);
    const where = inLayers(roots, ctx);
    const dirs = roots.filter((d) => d.subject === 'file' && d.facts?.isDir === true).length;
    const noun = dirs === roots.length ? plural(paths.length, 'directory', 'directories') : plural(paths.length, 'path');
    const names = paths.length <= 3 ? `: ${list(paths)}` : dir ? ` under ${dir}/` : `, e.g. ${list(paths.slice(0, 3), 3)}`;
    return {
      // The same path can be added in several layers: say so, or the count and the number disagree.
      summary: `${capitalise(noun)}${where} ${paths.length === 1 ? 'exists' : 'exist'} in ${side} only${roots.length > paths.length ? ` (${plural(roots.length, 'entry', 'entries')}: some paths in several layers)` : ''}${names}`,
      phrase: `${plural(paths.length, 'file')} ${id === 'file.added' ? 'added' : 'removed'}`,
      evidence: evidence(
        roots,
        ctx,
        (d: Difference) => `${pathOf(d)}: only in ${side}${presence(side === 'B' ? d.b : d.a) ? ` (${presence(side === 'B' ? d.b : d.a)})` : ''}`,
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
