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
import { isCarrier } from './file-times';

export const fileXattrsExplainer: Explainer<'file'> = {
  name: 'file xattrs',
  subjects: ['file'],
  ids: ['file.xattrs'],
  claim(d, ctx) {
    if (fileField(d).startsWith('xattrs.')) return 'file.xattrs';
    // A pax header written only to carry the xattr: its encoding follows it.
    if (isCarrier(d) && ctx.fieldsAtFile(d)?.some((f) => f.startsWith('xattrs.'))) return 'file.xattrs';
    return null;
  },
  describe(id, roots, ctx) {
    const carried = roots.filter((d) => !fileField(d).startsWith('xattrs.')).length;
    roots = roots.filter((d) => fileField(d).startsWith('xattrs.'));
    const keys = tally(roots.map((d) => fileField(d).slice('xattrs.'.length)));
    const where = inLayers(roots, ctx);
    const oneSide = roots.every((d) => d.a === undefined) ? ' (present in B only)' : roots.every((d) => d.b === undefined) ? ' (present in A only)' : '';
    return {
      summary: `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'has', 'have')} other extended attributes: ${list(keys.map((k) => k.value))}${oneSide}${carried ? ` (with the pax headers that carry them: ${plural(carried, 'header difference')})` : ''}`,
      phrase: `extended attributes of ${plural(countOf(filesNoun(roots)), 'file')} differ${where}`,
      evidence: evidence(roots, ctx, (d) => `${pathOf(d)}: ${fileField(d).slice(7)} ${show(d.a)} → ${show(d.b)}`),
      remedy: CATALOG[id].remedy,
    };
  },
};
