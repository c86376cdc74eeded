/**
 * The filesystem an image's layers produce, applied in order with OCI whiteout semantics
 * (image-spec layer.md, "Whiteouts"):
 *  - `<dir>/.wh.<name>` removes `<dir>/<name>` and everything under it from LOWER layers;
 *  - `<dir>/.wh..wh..opq` hides every lower-layer child of `<dir>`;
 *  - whiteouts apply only to lower layers: entries of the same layer survive them, whatever
 *    their order in the tar, so each layer is applied in two passes (whiteouts, then entries);
 *  - whiteout entries themselves are never shown; other `.wh..wh.*` names (AUFS metadata such
 *    as `.wh..wh.plnk`) are ignored.
 * A non-directory replacing a directory hides the directory's lower contents too (what
 * overlayfs and `docker load` produce).
 *
 * Fast for 100,000+ entries: visible entries live in a Map, and a parent -> children index
 * makes removing a subtree cost the size of that subtree (no prefix scans over all paths).
 */
import type { EntryType } from '../formats/tar/types';
import type { FileRecord } from './file-record';

/** The merged filesystem's records (part of the report: src/report re-exports them). */
export interface MergedFile {
  path: string;
  type: EntryType;
  size: number;
  /** Layer (index) the visible version comes from. */
  layer: number;
  sha256?: string;
  xxh64?: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname?: string;
  /** Extended attributes of the visible version (FileRecord.xattrs: canonical base64). */
  xattrs?: Record<string, string>;
  /** Earlier layers whose version of this path is hidden by the visible one. */
  overwrites?: number[];
}

export interface MergedFs {
  files: MergedFile[];
  /** Paths removed by whiteouts (and opaque directories), with the layer that removed them. */
  deleted: { path: string; layer: number; size: number; byLayer: number }[];
  /** Bytes in lower layers hidden by later layers (overwritten or deleted). */
  wastedBytes: number;
  totalBytes: number;
}

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Bytes a record occupies in its layer (regular files only; links and dirs hold none). */
function bytesOf(r: FileRecord): number {
  return r.type === 'file' || r.type === 'contiguous' || r.type === 'sparse' ? r.size : 0;
}

/** Whether `r` is a whiteout entry of any kind (no string or object made: called per entry). */
function isWhiteout(r: FileRecord): boolean {
  return !!r.whiteout || r.path.startsWith(WH, r.path.lastIndexOf('/') + 1);
}

function whiteoutOf(r: FileRecord): { kind: 'file'; target: string } | { kind: 'opaque'; dir: string } | { kind: 'meta' } | null {
  if (!isWhiteout(r)) return null;
  const base = r.path.slice(r.path.lastIndexOf('/') + 1);
  const dir = parentOf(r.path);
  if (r.whiteout === 'opaque' || base === OPAQUE) return { kind: 'opaque', dir };
  if (base.startsWith(`${WH}${WH}`)) return { kind: 'meta' };
  const name = base.slice(WH.length);
  if (!name) return { kind: 'meta' };
  return { kind: 'file', target: dir ? `${dir}/${name}` : name };
}

/** The visible entries: path -> index into parallel arrays (issue 12: no object per entry). */
class Tree {
  readonly visible = new Map<string, number>();
  readonly recs: FileRecord[] = [];
  readonly layerOf: number[] = [];
  /** Earlier layers hidden by the visible version, for the few entries that hide any. */
  readonly overwrites = new Map<number, number[]>();
  /** parent path -> child paths, including implicit directories (parents with no entry of their own). */
  private readonly children = new Map<string, Set<string>>();
  readonly deleted: MergedFs['deleted'] = [];
  wasted = 0;

  private link(path: string): void {
    let child = path;
    while (child !== '') {
      const parent = parentOf(child);
      let set = this.children.get(parent);
      if (!set) {
        set = new Set();
        this.children.set(parent, set);
      }
      if (set.has(child)) return; // the rest of the chain is already linked
      set.add(child);
      child = parent;
    }
  }

  /** Removes everything strictly below `path`, recording it as deleted by `byLayer`. */
  removeBelow(path: string, byLayer: number): void {
    const kids = this.children.get(path);
    if (!kids) return;
    const stack = [...kids];
    this.children.delete(path);
    while (stack.length) {
      const p = stack.pop()!;
      this.drop(p, byLayer);
      const k = this.children.get(p);
      if (k) {
        for (const c of k) stack.push(c);
        this.children.delete(p);
      }
    }
  }

  /** Removes `path` and everything below it. */
  remove(path: string, byLayer: number): void {
    this.removeBelow(path, byLayer);
    this.drop(path, byLayer);
    this.children.get(parentOf(path))?.delete(path);
  }

  private drop(path: string, byLayer: number): void {
    const i = this.visible.get(path);
    if (i === undefined) return;
    this.visible.delete(path);
    const size = bytesOf(this.recs[i]);
    this.wasted += size;
    this.deleted.push({ path, layer: this.layerOf[i], size, byLayer });
  }

  add(rec: FileRecord, layer: number): void {
    let i = this.visible.get(rec.path);
    if (i !== undefined) {
      this.wasted += bytesOf(this.recs[i]);
      // A path twice in one layer: the later entry wins. It takes over the old one's index, and so
      // its list of hidden layers, extended in place (a copy per layer was quadratic in layers).
      const old = this.layerOf[i];
      if (old !== layer) {
        const list = this.overwrites.get(i);
        if (list) list.push(old);
        else this.overwrites.set(i, [old]);
      }
    }
    if (rec.type !== 'dir') this.removeBelow(rec.path, layer); // a file replacing a directory hides its contents
    if (i === undefined) {
      i = this.recs.length;
      this.visible.set(rec.path, i);
      this.recs.push(rec);
      this.layerOf.push(layer);
    } else {
      this.recs[i] = rec;
      this.layerOf[i] = layer;
    }
    this.link(rec.path);
  }
}

export function mergeLayers(layers: FileRecord[][]): MergedFs {
  const t = new Tree();
  let total = 0;
  layers.forEach((records, layer) => {
    // Pass 1: whiteouts against lower layers.
    for (const r of records) {
      const w = whiteoutOf(r);
      if (!w) continue;
      if (w.kind === 'file') t.remove(w.target, layer);
      else if (w.kind === 'opaque') t.removeBelow(w.dir, layer);
    }
    // Pass 2: the layer's own entries (the root "./" entry has an empty path: skipped).
    for (const r of records) {
      if (r.path === '' || isWhiteout(r)) continue;
      total += bytesOf(r);
      t.add(r, layer);
    }
  });
  const files: MergedFile[] = [];
  for (const [path, i] of t.visible) {
    const r = t.recs[i];
    const f: MergedFile = { path, type: r.type, size: r.size, layer: t.layerOf[i], mode: r.mode, uid: r.uid, gid: r.gid, mtime: r.mtime };
    if (r.sha256 !== undefined) f.sha256 = r.sha256;
    if (r.xxh64 !== undefined) f.xxh64 = r.xxh64;
    if (r.linkname) f.linkname = r.linkname;
    if (r.xattrs) f.xattrs = r.xattrs;
    const overwrites = t.overwrites.get(i);
    if (overwrites) f.overwrites = overwrites;
    files.push(f);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, deleted: t.deleted, wastedBytes: t.wasted, totalBytes: total };
}
