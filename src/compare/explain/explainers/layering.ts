/**
 * layer.layering: the merged filesystem is the same (`pairing.mergedSame`: every path the same
 * type, content, owner, mode, mtime, link target and xattrs once the layers are applied with
 * their whiteouts), yet the layers that build it differ: a squashed image vs the same files
 * in several layers, an opaque directory vs per-file whiteouts, a file a lower layer holds on
 * one side only and a later layer replaces or deletes. What a container sees is the same, so
 * these are not content differences (explain README "Verdict rules"); the layers still are
 * not, which is what this cause says.
 *
 * Claims, in such an image pair only, the roots that would otherwise say the content differs:
 * layers on one side only, whiteout and opaque markers on one side only, and paths added,
 * removed or changed in content or type inside paired layers. Metadata roots (times, owners,
 * modes, tar encoding, order) keep their own causes: they are true of the layers as written.
 */
import type { CauseId, Difference } from '../../types';
import type { Explainer } from '../types';
import type { Context } from '../context';
import { CATALOG } from '../catalog';
import { evidence, fileField } from '../fields';
import { list, plural, show } from '../format';
import { pathOf } from './file-common';
import { whiteoutEffect } from './file-whiteout';

/** File fields whose difference would be a content difference (file.content / file.type). */
const CONTENT_FIELDS = new Set(['content', 'size', 'type', 'linkname', 'devmajor', 'devminor']);

const sameSets = new WeakMap<Context, Set<string>>();

/** `imageA/imageB` keys of the image pairs whose merged filesystems are the same. */
function mergedSameKeys(ctx: Context): Set<string> {
  let s = sameSets.get(ctx);
  if (!s) {
    s = new Set();
    const images = ctx.diff.pairing.images;
    for (const k of ctx.diff.pairing.mergedSame ?? []) {
      const p = images[k];
      if (p && p.a !== null && p.b !== null) s.add(`${p.a}/${p.b}`);
    }
    sameSets.set(ctx, s);
  }
  return s;
}

/** Whether the difference lies in an image pair whose merged filesystem is the same. */
export function inSameMerged(d: Difference, ctx: Context): boolean {
  const { imageA, imageB } = d.scope;
  return imageA !== undefined && imageB !== undefined && mergedSameKeys(ctx).has(`${imageA}/${imageB}`);
}

function claim(d: Difference & { subject: 'file' | 'layer' }, ctx: Context): CauseId | null {
  if (!inSameMerged(d, ctx)) return null;
  if (d.subject === 'layer') return 'layer.layering';
  if (d.kind !== 'changed') return 'layer.layering';
  return CONTENT_FIELDS.has(fileField(d)) && d.facts?.tarFormat !== true ? 'layer.layering' : null;
}

function layerCounts(roots: Difference[], ctx: Context): string | null {
  const d = roots[0];
  const { imageA, imageB } = d.scope;
  if (imageA === undefined || imageB === undefined) return null;
  const na = ctx.a.images[imageA]?.layers.length;
  const nb = ctx.b.images[imageB]?.layers.length;
  if (na === undefined || nb === undefined || na === nb) return null;
  return `A has ${plural(na, 'layer')}, B ${plural(nb, 'layer')}`;
}

function line(d: Difference & { subject: 'file' | 'layer' }, ctx: Context): string {
  if (d.subject === 'layer') return `${ctx.layerName(d.scope).replace(/ of [AB]$/, '')}: only in ${d.kind === 'added' ? 'B' : 'A'}`;
  const p = pathOf(d);
  if (d.kind !== 'changed') {
    const side = d.kind === 'added' ? 'B' : 'A';
    return d.facts?.whiteout
      ? `${p}: only in ${side} — ${whiteoutEffect(p)}`
      : `${p}: in ${side}'s layer only (the other side writes it in another layer, or a later layer deletes it)`;
  }
  return `${p}: ${fileField(d)} ${show(d.a)} → ${show(d.b)} (a later layer replaces or deletes it)`;
}

export const layeringExplainer: Explainer<'file' | 'layer'> = {
  name: 'layering',
  subjects: ['file', 'layer'],
  ids: ['layer.layering'],
  claim,
  describe(id, roots, ctx) {
    const layers = roots.filter((d) => d.subject === 'layer');
    const files = roots.filter((d) => d.subject === 'file');
    const markers = files.filter((d) => d.kind !== 'changed' && d.facts?.whiteout !== undefined);
    const paths = files.filter((d) => d.kind !== 'changed' && d.facts?.whiteout === undefined);
    const hidden = files.filter((d) => d.kind === 'changed');
    const parts: string[] = [];
    const counts = layerCounts(roots, ctx);
    if (counts) parts.push(counts);
    else if (layers.length) parts.push(`${plural(layers.length, 'layer')} on one side only`);
    if (markers.length)
      parts.push(
        `deletions written another way (${list(
          markers.map((d) => `${whiteoutEffect(pathOf(d))} in ${d.kind === 'added' ? 'B' : 'A'}`),
          4,
        )})`,
      );
    if (paths.length)
      parts.push(`${plural(paths.length, 'path')} in one side's layer only, written by another layer on the other side or deleted by a later one`);
    if (hidden.length) parts.push(`${plural(hidden.length, 'path')} with other bytes or type in a lower layer that a later layer replaces or deletes`);
    return {
      summary: `The merged filesystem is the same; the layers that build it differ: ${parts.join('; ')}`,
      phrase: `the layers differ (${counts ?? (markers.length ? 'deletions written another way' : 'what they hold is replaced or deleted above')})`,
      evidence: evidence(roots, ctx, (d) => line(d, ctx)),
      remedy: CATALOG[id].remedy,
    };
  },
};
