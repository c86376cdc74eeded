/**
 * file.type: a path that is another kind of entry (regular file vs hardlink vs symlink vs
 * directory), a link with another target, a device node with other numbers.
 */
import type { CauseId, Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, sideValue } from '../fields';
import { list, plural, show, tally } from '../format';
import { pathOf } from './file-common';

const FIELDS = new Set(['type', 'linkname', 'devmajor', 'devminor']);

function claim(d: Difference): CauseId | null {
  return FIELDS.has(fileField(d)) ? 'file.type' : null;
}

export const fileTypeExplainer: Explainer<'file' | 'merged'> = {
  name: 'file type',
  subjects: ['file', 'merged'],
  ids: ['file.type'],
  claim,
  describe(id, roots, ctx) {
    const line = (d: Difference) =>
      `${fileField(d) === 'linkname' ? 'link target' : fileField(d)} ${show(sideValue(d, 'a', fileField(d)))} → ${show(sideValue(d, 'b', fileField(d)))}`;
    const kinds = tally(roots.map(line));
    const where = inLayers(roots, ctx);
    const paths = [...new Set(roots.map(pathOf))];
    return {
      summary: `${plural(paths.length, 'path')}${where} ${paths.length === 1 ? 'is' : 'are'} another kind of entry: ${list(kinds.map((k) => (kinds.length > 1 ? `${k.value} (${k.count})` : k.value)))}${paths.length <= 3 ? ` (${list(paths)})` : ''}`,
      phrase: `${plural(paths.length, 'path')} changed type${where}`,
      evidence: evidence(roots, ctx, (d) => `${pathOf(d)}: ${line(d)}`),
      remedy: CATALOG[id].remedy,
    };
  },
};
