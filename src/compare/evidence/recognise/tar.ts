/** A tar inside the layer: members within the bytes read, which header fields differ. */
import { TarParser } from '../../../formats/tar/parser';
import type { TarEntry } from '../../../formats/tar/types';
import { looksLikeTar } from '../../../formats/detect';
import { plural, type Recogniser } from './types';

function members(b: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  const p = new TarParser({ entry: (e) => void out.push(e) });
  try {
    p.write(b);
  } catch {
    // A head cut inside an entry, or damage: the members before are what we have.
  }
  return out;
}

export const tar: Recogniser = {
  id: 'tar',
  explain(a, b) {
    if (!looksLikeTar(a.bytes.subarray(0, 512)) || !looksLikeTar(b.bytes.subarray(0, 512))) return null;
    const ma = members(a.bytes);
    const mb = new Map(members(b.bytes).map((e) => [e.name, e]));
    const counts: Record<string, number> = {};
    let both = 0;
    for (const e of ma) {
      const o = mb.get(e.name);
      if (!o) continue;
      both++;
      const fields: [string, unknown, unknown][] = [
        ['mtime', e.mtime, o.mtime],
        ['uid/gid', `${e.uid}/${e.gid}`, `${o.uid}/${o.gid}`],
        ['owner names', `${e.uname}/${e.gname}`, `${o.uname}/${o.gname}`],
        ['mode', e.mode, o.mode],
        ['size', e.size, o.size],
      ];
      for (const [f, x, y] of fields) if (x !== y) counts[f] = (counts[f] ?? 0) + 1;
    }
    const what = 'tar archive';
    const diffs = Object.entries(counts).map(([f, n]) => `${f} (${n})`);
    const read = `${plural(both, 'common member')} in the bytes read`;
    return { what, detail: diffs.length ? `${read}; header fields that differ: ${diffs.join(', ')}` : `${read}, with the same header fields` };
  },
};
