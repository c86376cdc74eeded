/**
 * The image config (OCI image-spec config.md): the `created` time and other timestamps in it
 * (config.created: metadata-only), every other field (config.field: Env, Labels, Cmd,
 * Entrypoint, User, WorkingDir, os/architecture: content-differs, they change how the image
 * runs). The config digest and rootfs.diff_ids follow their roots and never reach here.
 */
import type { CauseId, Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { duration, list, plural, show } from '../format';

function claim(d: Difference): CauseId | null {
  if (d.subject !== 'config') return null;
  return d.facts?.timestamp === true ? 'config.created' : 'config.field';
}

/** RFC 3339 → seconds (NaN when not a time). */
export function seconds(v: unknown): number {
  return typeof v === 'string' ? Date.parse(v) / 1000 : NaN;
}

export function timeShift(a: unknown, b: unknown): string {
  const d = seconds(b) - seconds(a);
  if (!Number.isFinite(d)) return '';
  return d === 0 ? 'at the same instant, written differently' : `${duration(d)} ${d > 0 ? 'later' : 'earlier'}`;
}

export const configExplainer: Explainer<'config'> = {
  name: 'config',
  subjects: ['config'],
  ids: ['config.created', 'config.field'],
  claim,
  describe(id, roots, ctx) {
    const line = (d: Difference) => `${d.field}: ${show(d.a)} → ${show(d.b)}`;
    const ev = evidence(roots, ctx, line);
    if (id === 'config.created') {
      const created = roots.find((d) => d.field === 'created');
      const others = roots.filter((d) => d !== created).map((d) => d.field ?? '');
      const shift = created ? timeShift(created.a, created.b) : '';
      const first = created ? `The image was created ${shift ? `${shift} in B` : 'at another time'} (${show(created.a)} → ${show(created.b)})` : '';
      const rest = others.length
        ? `${first ? '; ' : ''}${others.length === 1 ? 'a timestamp' : `${others.length} timestamps`} in the config ${others.length === 1 ? 'differs' : 'differ'} too (${list(others)})`
        : '';
      return {
        summary: `${first}${rest || (first ? '' : 'Config timestamps differ')}`,
        phrase: created ? `the config's created time differs${shift ? ` (${shift})` : ''}` : 'config timestamps differ',
        evidence: ev,
        remedy: CATALOG[id].remedy,
      };
    }
    const fields = roots.map((d) => d.field ?? '');
    return {
      summary: `${plural(roots.length, 'config field')} ${roots.length === 1 ? 'differs' : 'differ'}: ${list(fields, 4)}`,
      phrase: `${plural(roots.length, 'config field')} ${roots.length === 1 ? 'differs' : 'differ'} (${list(fields, 2)})`,
      evidence: ev,
      remedy: CATALOG[id].remedy,
    };
  },
};
