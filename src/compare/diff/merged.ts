/**
 * The merged filesystems of an image pair (layers applied with whiteouts, image/merge.ts):
 * a path visible on one side only, or whose visible version differs. Most of these only
 * restate a per-layer file difference; they then `follow` it (the file difference at the same
 * path, or the whiteout/opaque marker or replaced directory that hides it, or the unpaired
 * layer the version comes from), so explainers never count them twice.
 */
import type { MergedFile } from '../../report/types';
import { MERGED_FIELDS, type Difference, type MergedField } from '../types';
import { filesKnown, imageScope, type ImagePairCtx } from './layers';
import { contentValues } from './content';
import { linkedCopy, mergedLookup } from './hardlinks';
import { isRegularType } from './records';

const FIELDS = MERGED_FIELDS;
type Field = MergedField;

/** What a container sees at a path: a regular file whichever way its tar stored it. */
function kindOf(t: string): string {
  return isRegularType(t) ? 'file' : t;
}

function changedFields(a: MergedFile, b: MergedFile): Field[] {
  const out: Field[] = [];
  const content = contentValues(a, b);
  const sameKind = kindOf(a.type) === kindOf(b.type);
  for (const k of FIELDS) {
    if (k === 'content' && !content) continue;
    if (k === 'size' && content) continue;
    if (k !== 'type' && !sameKind) continue; // the type says it
    if (k === 'type' ? !sameKind : k === 'content' ? content![0] !== content![1] : a[k] !== b[k]) out.push(k);
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
    // Prefer the visible layers' pair, then the same field, then existence/type changes.
    let best: Difference | undefined;
    let bestScore = -1;
    for (const d of here) {
      const inPair = (la === undefined || d.scope.layerA === la) && (lb === undefined || d.scope.layerB === lb);
      const sameField = d.field !== undefined && fields.includes(d.field);
      const score = (inPair ? 4 : 0) + (sameField ? 2 : 0) + (d.kind !== 'changed' ? 1 : 0);
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    return best!.id;
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

/** `content`: this side's value of contentValues() when content is among the fields. */
function brief(f: MergedFile, fields: readonly string[], content?: string): Record<string, unknown> {
  const o: Record<string, unknown> = { layer: f.layer };
  for (const k of fields) o[k] = k === 'content' ? content : f[k as Exclude<Field, 'content'>];
  return o;
}

function sortedByPath(files: MergedFile[]): boolean {
  for (let i = 1; i < files.length; i++) if (files[i - 1].path >= files[i].path) return false;
  return true;
}

/**
 * Both file lists in path order, walked side by side (image/merge.ts sorts them): no hashing of
 * 100,000s of paths. Lists that are not sorted (another producer) are sorted first.
 */
export function diffMerged(x: ImagePairCtx): Difference[] {
  const ma = x.A.merged;
  const mb = x.B.merged;
  const out: Difference[] = [];
  if (!ma || !mb) return out;
  const byPath = (p: MergedFile, q: MergedFile) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0);
  const fa = sortedByPath(ma.files) ? ma.files : [...ma.files].sort(byPath);
  const fb = sortedByPath(mb.files) ? mb.files : [...mb.files].sort(byPath);
  const s = imageScope(x);
  const onlyA = (f: MergedFile) =>
    x.c.add({
      id: `merged:i${x.k}:${f.path}:-`,
      subject: 'merged',
      kind: 'removed',
      scope: { image: s.image, imageA: s.imageA, imageB: s.imageB, path: f.path, layerA: f.layer },
      a: brief(f, ['type']),
      follows: explainedBy(x, f.path, f.layer, undefined, []),
      facts: { layerA: f.layer },
    });
  const onlyB = (f: MergedFile) =>
    x.c.add({
      id: `merged:i${x.k}:${f.path}:+`,
      subject: 'merged',
      kind: 'added',
      scope: { image: s.image, imageA: s.imageA, imageB: s.imageB, path: f.path, layerB: f.layer },
      b: brief(f, ['type']),
      follows: explainedBy(x, f.path, undefined, f.layer, []),
      facts: { layerB: f.layer },
    });
  // One list per distinct set of fields, shared by the differences that have it: a layer whose
  // 100,000 mtimes all moved holds one ['mtime'], not 100,000 (issue 12). Never mutated.
  const lists = new Map<string, Field[]>();
  const shared = (f: Field[]): Field[] => {
    const key = f.join();
    const found = lists.get(key);
    if (found) return found;
    lists.set(key, f);
    return f;
  };
  const lookupA = mergedLookup(fa);
  const lookupB = mergedLookup(fb);
  let xattrs = false;
  let unknown = false;
  let i = 0;
  let j = 0;
  while (i < fa.length || j < fb.length) {
    const a = fa[i];
    const b = fb[j];
    if (b === undefined || (a !== undefined && a.path < b.path)) {
      out.push(onlyA(a));
      i++;
      continue;
    }
    if (a === undefined || b.path < a.path) {
      out.push(onlyB(b));
      j++;
      continue;
    }
    i++;
    j++;
    // A hard link on one side, a copy of the same bytes on the other: the same file content
    // at this path (hardlinks.ts); a file difference says how it was stored.
    const linked = a.type !== b.type ? linkedCopy(a, b, lookupA, lookupB) : null;
    const va = linked ? linked.a : a;
    const vb = linked ? linked.b : b;
    const fields = shared(changedFields(va, vb));
    const content = fields.includes('content') ? contentValues(va, vb) : null;
    if (!unknown && isRegularType(va.type) && isRegularType(vb.type) && !sharedHash(va, vb)) unknown = true;
    // Extended attributes are not a merged field (a file difference says them), but a
    // container sees them: the merged filesystems are not the same when they differ.
    if (!fields.length && !sameXattrs(va, vb)) xattrs = true;
    if (!fields.length) continue;
    out.push(
      x.c.add({
        id: `merged:i${x.k}:${a.path}:version`,
        subject: 'merged',
        kind: 'changed',
        scope: { image: s.image, imageA: s.imageA, imageB: s.imageB, path: a.path, layerA: a.layer, layerB: b.layer },
        field: 'version',
        a: brief(va, fields, content?.[0]),
        b: brief(vb, fields, content?.[1]),
        follows: explainedBy(x, a.path, a.layer, b.layer, fields),
        facts: { fields, layerA: a.layer, layerB: b.layer },
      }),
    );
  }
  x.mergedSame = out.length === 0 && !xattrs && !unknown && readInFull(x.A) && readInFull(x.B);
  return out;
}

/** Every layer's files listed to the end (a layer not read could hide anything). */
function readInFull(img: ImagePairCtx['A']): boolean {
  return img.layers.every((l) => filesKnown(l) && !l.error);
}

/** Both sides have a hash of the same kind (contentValues without its allocation: the hot path). */
function sharedHash(a: MergedFile, b: MergedFile): boolean {
  return (a.sha256 !== undefined && b.sha256 !== undefined) || (a.xxh64 !== undefined && b.xxh64 !== undefined);
}

function sameXattrs(a: MergedFile, b: MergedFile): boolean {
  if (a.xattrs === undefined && b.xattrs === undefined) return true;
  const ax = a.xattrs ?? {};
  const bx = b.xattrs ?? {};
  const keys = Object.keys(ax);
  return keys.length === Object.keys(bx).length && keys.every((k) => ax[k] === bx[k]);
}
