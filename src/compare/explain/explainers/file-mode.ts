/**
 * file.mode: permission and special bits (and, separately, only the redundant file-type bits
 * some writers put in the tar mode field: `typeBitsOnly`). The summary gives the common change
 * ("0644 → 0664 for 12 files": a different umask).
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, num, sideValue } from '../fields';
import { list, octal, plural, tally } from '../format';
import { countOf, filesNoun, onlyThis, pathOf, verb } from './file-common';

export const fileModeExplainer: Explainer<'file' | 'merged'> = {
  name: 'file mode',
  subjects: ['file', 'merged'],
  ids: ['file.mode'],
  claim: (d) => (fileField(d) === 'mode' ? 'file.mode' : null),
  describe(id, roots, ctx) {
    const where = inLayers(roots, ctx);
    const typeBitsOnly = (d: (typeof roots)[number]) => d.subject === 'file' && d.facts?.typeBitsOnly === true;
    const typeOnly = roots.every(typeBitsOnly);
    // Mixed: the permission changes make the pattern; the type-bit-only ones are counted apart.
    const typeBits = typeOnly ? [] : roots.filter(typeBitsOnly);
    const perms = typeOnly ? roots : roots.filter((d) => !typeBitsOnly(d));
    const typeNote = typeBits.length
      ? `; ${plural(typeBits.length, 'other')} only in the redundant file-type bits of the mode field (e.g. ${octal(sideValue(typeBits[0], 'a', 'mode'))} → ${octal(sideValue(typeBits[0], 'b', 'mode'))})`
      : '';
    const changes = tally(perms.map((d) => `${octal(sideValue(d, 'a', 'mode'))} → ${octal(sideValue(d, 'b', 'mode'))}`));
    const xors = tally(perms.map((d) => ((num(sideValue(d, 'a', 'mode')) ?? 0) ^ (num(sideValue(d, 'b', 'mode')) ?? 0)) & 0o7777));
    const bits =
      xors.length === 1 && xors[0].value
        ? `; every one differs in the bits 0${xors[0].value.toString(8)}${xors[0].value & 0o022 ? ' (a different umask?)' : ''}`
        : '';
    const pattern =
      changes.length <= 3
        ? list(changes.map((c) => `${c.value}${changes.length > 1 ? ` (${plural(c.count, 'file')})` : ''}`))
        : `${changes.length} different changes, most often ${changes[0].value}`;
    return {
      summary: typeOnly
        ? `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'differs', 'differ')} only in the redundant file-type bits of the mode field (${pattern}); the permissions are the same`
        : `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'has', 'have')} other modes${onlyThis(roots, ctx) ? ' (and nothing else)' : ''}: ${pattern}${bits}${typeNote}`,
      phrase: `${plural(countOf(filesNoun(roots)), 'file mode')} ${countOf(filesNoun(roots)) === 1 ? 'differs' : 'differ'}${where}`,
      evidence: evidence(roots, ctx, (d) => `${pathOf(d)}: mode ${octal(sideValue(d, 'a', 'mode'))} → ${octal(sideValue(d, 'b', 'mode'))}`, 5, 'mode'),
      remedy: CATALOG[id].remedy,
    };
  },
};
