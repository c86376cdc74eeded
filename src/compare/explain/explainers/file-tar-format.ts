/**
 * file.tar-format: the same metadata encoded differently in a layer's tar (ustar vs GNU long
 * names vs pax, pax header names that embed a process id, typeflag spellings, base-256
 * numbers, pax records with no field of their own). Also claims paired layers whose tars
 * differ (diff_id) while every file is equal (`filesEqual`): padding and end-of-archive blocks.
 */
import type { CauseId, Difference } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers } from '../fields';
import { list, shortDigest, show, tally } from '../format';
import { filesNoun, pathOf, verb } from './file-common';
import { seekableRewrite } from './layer-blob';
import { isRepresentation, representationParts } from './representation';

function claim(d: Difference): CauseId | null {
  if (d.subject === 'layer-blob') return d.facts?.sameDiffId !== true && d.facts?.filesEqual === true && !seekableRewrite(d) ? 'file.tar-format' : null;
  if (d.subject !== 'file') return null;
  const f = fileField(d);
  return d.facts?.tarFormat === true || f.startsWith('pax.') ? 'file.tar-format' : null;
}

export const fileTarFormatExplainer: Explainer<'file' | 'layer-blob'> = {
  name: 'file tar format',
  subjects: ['file', 'layer-blob'],
  ids: ['file.tar-format'],
  claim,
  describe(id, roots, ctx) {
    const files = roots.filter((d) => d.subject === 'file' && !isRepresentation(d));
    const layers = roots.filter((d) => d.subject === 'layer-blob');
    const parts: string[] = representationParts(roots);
    if (files.length) {
      const fields = tally(files.map(fileField));
      const pid = files.some((d) => d.field === 'paxHeaderName' && /\d{2,}/.test(String(d.a ?? '') + String(d.b ?? '')));
      parts.push(
        `${filesNoun(files)}${inLayers(files, ctx)} ${verb(filesNoun(files), 'is', 'are')} encoded differently (${list(
          fields.map((f) => f.value),
          4,
        )})${pid ? '; pax header names embed a process id' : ''}`,
      );
    }
    if (layers.length)
      parts.push(`${list(layers.map((d) => ctx.layerName(d.scope)))}: every file is the same but the tar bytes differ (padding, end-of-archive blocks)`);
    return {
      summary: `${parts.join('; ')}; the metadata itself is the same`,
      phrase: `the layers' tar encoding differs`,
      evidence: evidence(roots, ctx, (d) =>
        d.subject === 'layer-blob'
          ? `${ctx.layerName(d.scope)}: diff_id ${shortDigest(d.facts?.diffIdA)} → ${shortDigest(d.facts?.diffIdB)}, files equal`
          : `${pathOf(d)}: ${fileField(d)} ${show(d.a)} → ${show(d.b)}`,
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
