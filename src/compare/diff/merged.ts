/**
 * The merged filesystems of an image pair (layers applied with whiteouts, image/merge.ts):
 * a path visible on one side only, or whose visible version differs. Most of these only
 * restate a per-layer file difference; they then `follow` it (the file difference at the same
 * path, or the whiteout/opaque marker or replaced directory that hides it, or the unpaired
 * layer the version comes from), so explainers never count them twice.
 */
import type { MergedFile } from '../../report/types';
import type { Difference } from '../types';
import { imageScope, type ImagePairCtx } from './layers';

const FIELDS = ['type', 'content', 'size', 'linkname', 'mode', 'uid', 'gid', 'mtime'] as const;
type Field = (typeof FIELDS)[number];

function value(f: MergedFile, k: Field): unknown {
  return k === 'content' ? f.sha256 : f[k];
}

function changedFields(a: MergedFile, b: MergedFile): Field[] {
  const out: Field[] = [];
  for (const k of FIELDS) {
    if (k === 'content' && (a.sha256 === undefined || b.sha256 === undefined)) continue;
    if (k === 'size' && a.sha256 !== undefined && b.sha256 !== undefined) continue;
    if (k !== 'type' && a.type !== b.type) continue; // the type says it
    if (value(a, k) !== value(b, k)) out.push(k);
  }
  return out;
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** The file difference (or unpaired layer) that explains a merged difference at `path`. */
function explainedBy(x: ImagePairCtx, path: string, la: number | undefined, lb: number | undefined, fields: string[]): string | undefined {
  const here = x.byPath.get(path);
  if (here?.length) {
    const inPair = here.filter((d) => (la === undefined || d.scope.layerA === la) && (lb === undefined || d.scope.layerB === lb));
    const pick = inPair.find((d) => d.field !== undefined && fields.includes(d.field)) ?? inPair[0] ?? here.find((d) => d.kind !== 'changed' || fields.includes(d.field ?? '')) ?? here[0];
    return pick.id;
  }
  // Hidden or revealed by a whiteout, an opaque marker, or a change of an ancestor directory.
  let p = path;
  while (p !== '') {
    const dir = parentOf(p);
    const marks = p === path ? [join(dir, `.wh.${baseOf(p)}`)] : [join(dir, `.wh.${baseOf(p)}`), join(p, '.wh..wh..opq')];
    for (const m of marks) {
      const d = x.byPath.get(m)?.[0];
      if (d) return d.id;
    }
    if (p !== path) {
      const anc = x.byPath.get(p)?.find((d) => d.kind !== 'changed' || d.field === 'type');
      if (anc) return anc.id;
    }
    p = dir;
  }
  if (la !== undefined && x.layerRoots.get(`${la}-`)) return x.layerRoots.get(`${la}-`);
  if (lb !== undefined && x.layerRoots.get(`-${lb}`)) return x.layerRoots.get(`-${lb}`);
  // The layer it comes from, or its partner, could not be read on one side (a missing blob,
  // an unreadable layer): whatever the resolver has for those blobs (an integrity difference).
  for (const p of x.layerPairs) {
    if ((la === undefined || p.a !== la) && (lb === undefined || p.b !== lb)) continue;
    const layers = [p.a !== null ? x.A.layers[p.a] : undefined, p.b !== null ? x.B.layers[p.b] : undefined];
    for (const l of layers) {
      const id = l && x.r.find(l.digest, l.diffId, l.entry);
      if (id) return id;
    }
  }
  return undefined;
}

function brief(f: MergedFile, fields: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = { layer: f.layer };
  for (const k of fields) o[k] = value(f, k as Field);
  return o;
}

export function diffMerged(x: ImagePairCtx): Difference[] {
  const ma = x.A.merged;
  const mb = x.B.merged;
  const out: Difference[] = [];
  if (!ma || !mb) return out;
  const bByPath = new Map<string, MergedFile>();
  for (const f of mb.files) bByPath.set(f.path, f);
  const aPaths = new Set<string>();
  const scope = imageScope(x);
  for (const fa of ma.files) {
    aPaths.add(fa.path);
    const fb = bByPath.get(fa.path);
    if (!fb) {
      out.push(
        x.c.add({
          id: `merged:i${x.k}:${fa.path}:-`,
          subject: 'merged',
          kind: 'removed',
          scope: { ...scope, path: fa.path, layerA: fa.layer },
          a: brief(fa, ['type']),
          follows: explainedBy(x, fa.path, fa.layer, undefined, []),
          facts: { layerA: fa.layer },
        }),
      );
      continue;
    }
    const fields = changedFields(fa, fb);
    if (!fields.length) continue;
    out.push(
      x.c.add({
        id: `merged:i${x.k}:${fa.path}:version`,
        subject: 'merged',
        kind: 'changed',
        scope: { ...scope, path: fa.path, layerA: fa.layer, layerB: fb.layer },
        field: 'version',
        a: brief(fa, fields),
        b: brief(fb, fields),
        follows: explainedBy(x, fa.path, fa.layer, fb.layer, fields),
        facts: { fields, layerA: fa.layer, layerB: fb.layer },
      }),
    );
  }
  for (const fb of mb.files) {
    if (aPaths.has(fb.path)) continue;
    out.push(
      x.c.add({
        id: `merged:i${x.k}:${fb.path}:+`,
        subject: 'merged',
        kind: 'added',
        scope: { ...scope, path: fb.path, layerB: fb.layer },
        b: brief(fb, ['type']),
        follows: explainedBy(x, fb.path, undefined, fb.layer, []),
        facts: { layerB: fb.layer },
      }),
    );
  }
  return out;
}
