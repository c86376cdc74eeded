/**
 * file.xattrs: extended attributes (pax SCHILY.xattr.* / LIBARCHIVE.xattr.*, decoded by the
 * reader), e.g. `security.capability` written as v3 with a namespace root uid on one side
 * (moby/moby#41723).
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers } from '../fields';
import { list, plural, show, tally } from '../format';
import { countOf, filesNoun, pathOf, verb } from './file-common';

export const fileXattrsExplainer: Explainer = {
  name: 'file xattrs',
  subjects: ['file'],
  ids: ['file.xattrs'],
  claim: (d) => (fileField(d).startsWith('xattrs.') ? 'file.xattrs' : null),
  describe(id, roots, ctx) {
    const keys = tally(roots.map((d) => fileField(d).slice('xattrs.'.length)));
    const where = inLayers(roots, ctx);
    const oneSide = roots.every((d) => d.a === undefined) ? ' (present in B only)' : roots.every((d) => d.b === undefined) ? ' (present in A only)' : '';
    return {
      summary: `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'has', 'have')} other extended attributes: ${list(keys.map((k) => k.value))}${oneSide}`,
      phrase: `${plural(countOf(filesNoun(roots)), 'file')}' extended attributes differ${where}`,
      evidence: evidence(roots, ctx, (d) => `${pathOf(d)}: ${fileField(d).slice(7)} ${show(d.a)} → ${show(d.b)}`),
      remedy: CATALOG[id].remedy,
    };
  },
};
