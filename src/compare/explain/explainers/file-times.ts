/**
 * file.atime-ctime: pax `atime`/`ctime` records (POSIX.1-2017 pax keywords) present on one
 * side only or different: GNU tar `--format=posix` writes them by default, and they record when
 * the build ran (jib#4131). Other time-like pax keys (LIBARCHIVE.creationtime) count here too.
 */
import type { Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, num, valueOf } from '../fields';
import { isoTime, list, show } from '../format';
import { timePattern } from '../time-pattern';
import { filesNoun, verb } from './file-common';

export function isPaxTime(field: string): boolean {
  return /^pax\.(.*\.)?(atime|ctime|mtime|creationtime)$/i.test(field);
}

function isTime(d: Difference): boolean {
  const f = fileField(d);
  return f === 'atime' || f === 'ctime' || (isPaxTime(f) && d.facts?.tarFormat !== true);
}

export const fileTimesExplainer: Explainer = {
  name: 'file atime/ctime',
  subjects: ['file'],
  ids: ['file.atime-ctime'],
  claim: (d) => (isTime(d) ? 'file.atime-ctime' : null),
  describe(id, roots, ctx) {
    const fields = [...new Set(roots.map(fileField))];
    const pattern = timePattern(roots.map((d) => ({ a: num(valueOf(d, 'a')), b: num(valueOf(d, 'b')) })), 'time');
    const where = inLayers(roots, ctx);
    return {
      summary: `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'has', 'have')} other ${list(fields)} records${pattern ? `: ${pattern}` : ''}`,
      phrase: `${list(fields)} records differ${where}`,
      evidence: evidence(roots, ctx, (d) => `${d.scope.path}: ${fileField(d)} ${typeof d.a === 'number' ? isoTime(d.a) : show(d.a)} → ${typeof d.b === 'number' ? isoTime(d.b) : show(d.b)}`),
      remedy: CATALOG[id].remedy,
    };
  },
};
