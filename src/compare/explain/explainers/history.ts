/**
 * config.history: the config's history entries (created times, created_by, comment,
 * empty_layer, entries on one side only). Metadata-only: history describes how the image was
 * built, the filesystem and runtime config are compared elsewhere (an extra ENV step shows as
 * config.field, an extra RUN step as layer.added, and the entry of such a layer follows it).
 */
import type { Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { list, plural, show, tally } from '../format';
import { seconds } from './config';
import { timePattern } from '../time-pattern';

function leaf(d: Difference): string {
  const m = /^history\[\d+\]\.?(.*)$/.exec(d.field ?? '');
  if (!m) return d.field ?? 'history';
  return m[1] || (d.kind === 'added' ? 'entry added' : d.kind === 'removed' ? 'entry removed' : 'entry');
}

export const historyExplainer: Explainer<'history'> = {
  name: 'history',
  subjects: ['history'],
  ids: ['config.history'],
  claim: () => 'config.history',
  describe(id, roots, ctx) {
    const kinds = tally(roots.map(leaf));
    const times = roots.filter((d) => leaf(d) === 'created' && d.kind === 'changed');
    const pattern = times.length
      ? timePattern(
          times.map((d) => ({ a: finite(seconds(d.a)), b: finite(seconds(d.b)) })),
          'time',
        )
      : '';
    const parts = kinds.map((k) => (k.value === 'created' && pattern ? `${plural(k.count, 'created time')} (${pattern})` : `${k.count} ${k.value}`));
    const onlyTimes = kinds.length === 1 && kinds[0].value === 'created';
    return {
      summary: `${plural(roots.length, 'history field')} ${roots.length === 1 ? 'differs' : 'differ'}: ${list(parts, 4)}${onlyTimes ? '; the build steps are the same' : ''}`,
      phrase: onlyTimes
        ? `history times differ`
        : `the history differs (${list(
            kinds.map((k) => k.value),
            2,
          )})`,
      evidence: evidence(roots, ctx, (d) => `${d.field}: ${show(d.a)} → ${show(d.b)}`),
      remedy: CATALOG[id].remedy,
    };
  },
};

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}
