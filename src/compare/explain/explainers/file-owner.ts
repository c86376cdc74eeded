/**
 * file.owner (numeric uid/gid) and file.owner-name (uname/gname). The summary gives the
 * mapping when it is one ("every uid 1000 in A is 0 in B"), and says when names differ while
 * the ids match (moby/buildkit#3688: BuildKit writes no names, other writers copy the host's).
 */
import type { CauseId, Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, sideValue } from '../fields';
import { list, plural, show, tally } from '../format';
import { countOf, filesNoun, pathOf, verb } from './file-common';

function claim(d: Difference): CauseId | null {
  const f = fileField(d);
  if (f === 'uid' || f === 'gid') return 'file.owner';
  if (f === 'uname' || f === 'gname') return 'file.owner-name';
  return null;
}

export const fileOwnerExplainer: Explainer<'file' | 'merged'> = {
  name: 'file owner',
  subjects: ['file', 'merged'],
  ids: ['file.owner', 'file.owner-name'],
  claim,
  describe(id, roots, ctx) {
    const maps = tally(roots.map((d) => `${fileField(d)} ${show(sideValue(d, 'a', fileField(d)))} → ${show(sideValue(d, 'b', fileField(d)))}`));
    const where = inLayers(roots, ctx);
    const mapping =
      maps.length <= 2
        ? `every ${list(maps.map((m) => m.value))}`
        : `${maps.length} different mappings, most often ${maps[0].value} (${plural(maps[0].count, 'time')})`;
    const names = id === 'file.owner-name';
    const sameIds = names && roots.every((d) => d.subject === 'file' && d.facts?.sameId === true);
    return {
      summary: `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'has', 'have')} other ${names ? 'owner names' : 'numeric owners'}: ${mapping}${sameIds ? '; the uid/gid are the same' : ''}`,
      phrase: `${plural(countOf(filesNoun(roots)), names ? 'file owner name' : 'file owner')} ${countOf(filesNoun(roots)) === 1 ? 'differs' : 'differ'}${where}`,
      evidence: evidence(
        roots,
        ctx,
        (d) => `${pathOf(d)}: ${fileField(d)} ${show(sideValue(d, 'a', fileField(d)))} → ${show(sideValue(d, 'b', fileField(d)))}`,
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
