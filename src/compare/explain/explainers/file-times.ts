/**
 * file.atime-ctime: pax `atime`/`ctime` records (POSIX.1-2017 pax keywords) present on one
 * side only or different: GNU tar `--format=posix` writes them by default, and they record when
 * the build ran (jib#4131). Other time-like pax keys (LIBARCHIVE.creationtime) count here too.
 */
import type { CauseId, Difference } from '../../types';
import type { Context } from '../context';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, num, sideValue } from '../fields';
import { isoTime, list, plural, show } from '../format';
import { timePattern } from '../time-pattern';
import { filesNoun, verb } from './file-common';

export function isPaxTime(field: string): boolean {
  return /^pax\.(.*\.)?(atime|ctime|mtime|creationtime)$/i.test(field);
}

function isTime(d: Difference): boolean {
  const f = fileField(d);
  return f === 'atime' || f === 'ctime' || (isPaxTime(f) && !(d.subject === 'file' && d.facts?.tarFormat === true));
}

/** An encoding field (header format, pax header name…) whose change is only the carrier of another record. */
export function isCarrier(d: Difference): boolean {
  return d.subject === 'file' && (d.facts?.tarFormat === true || fileField(d).startsWith('pax.')) && !isPaxTime(fileField(d));
}

function claim(d: Difference, ctx: Context): CauseId | null {
  if (isTime(d)) return 'file.atime-ctime';
  // GNU tar writes a pax header only to carry atime/ctime: the header format follows them.
  if (isCarrier(d) && ctx.fieldsAtFile(d)?.some((f) => f === 'atime' || f === 'ctime')) return 'file.atime-ctime';
  return null;
}

export const fileTimesExplainer: Explainer<'file'> = {
  name: 'file atime/ctime',
  subjects: ['file'],
  ids: ['file.atime-ctime'],
  claim,
  describe(id, roots, ctx) {
    const carried = roots.filter((d) => !isTime(d));
    roots = roots.filter(isTime);
    const fields = [...new Set(roots.map(fileField))];
    const pattern = timePattern(
      roots.map((d) => ({ a: num(sideValue(d, 'a')), b: num(sideValue(d, 'b')) })),
      'time',
    );
    const where = inLayers(roots, ctx);
    return {
      summary: `${filesNoun(roots)}${where} ${verb(filesNoun(roots), 'has', 'have')} other ${list(fields)} records${pattern ? `: ${pattern}` : ''}${carried.length ? ` (the pax headers that carry them account for ${plural(carried.length, 'header difference')})` : ''}`,
      phrase: `${list(fields)} records differ${where}`,
      evidence: evidence(
        roots,
        ctx,
        (d) => `${d.scope.path}: ${fileField(d)} ${typeof d.a === 'number' ? isoTime(d.a) : show(d.a)} → ${typeof d.b === 'number' ? isoTime(d.b) : show(d.b)}`,
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
