/**
 * file.mtime: file modification times inside layers. The summary finds the pattern: every B
 * time shifted by the same amount (a later build without SOURCE_DATE_EPOCH), one side clamped
 * to one time (SOURCE_DATE_EPOCH / rewrite-timestamp), only directories, only whiteouts.
 */
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, num, sideValue } from '../fields';
import { isoTime, plural } from '../format';
import { timePattern } from '../time-pattern';
import { countOf, filesNoun, onlyThis, pathOf, verb } from './file-common';

export const fileMtimeExplainer: Explainer<'file' | 'merged'> = {
  name: 'file mtime',
  subjects: ['file', 'merged'],
  ids: ['file.mtime'],
  claim: (d) => (fileField(d) === 'mtime' ? 'file.mtime' : null),
  describe(id, roots, ctx) {
    const pattern = timePattern(
      roots.map((d) => ({ a: num(sideValue(d, 'a', 'mtime')), b: num(sideValue(d, 'b', 'mtime')) })),
      'mtime',
    );
    const where = inLayers(roots, ctx);
    const noun = filesNoun(roots);
    const only = onlyThis(roots, ctx);
    return {
      summary: `${noun}${where} ${verb(noun, 'differs', 'differ')}${only ? ' only' : ''} in mtime${pattern ? `; ${pattern}` : ''}`,
      phrase: `${plural(countOf(noun), 'file mtime')} ${countOf(noun) === 1 ? 'differs' : 'differ'}${where}`,
      evidence: evidence(roots, ctx, (d) => `${pathOf(d)}: mtime ${isoTime(sideValue(d, 'a', 'mtime'))} → ${isoTime(sideValue(d, 'b', 'mtime'))}`, 5, 'mtime'),
      remedy: CATALOG[id].remedy,
    };
  },
};
