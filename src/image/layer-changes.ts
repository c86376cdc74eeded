/**
 * What each layer changes relative to the layers below it (dive's "added / modified / removed"
 * marks, `dive/filetree/comparer.go` and `FileTree.CompareAndMark`), with OCI whiteout
 * semantics as in merge.ts (image-spec layer.md, "Whiteouts"):
 *  - added: the path is not visible in the layers below;
 *  - modified: it is, and the type, size, mode, owner, link target or content digest differ
 *    (dive compares the content hash, mode, uid and gid);
 *  - unchanged: it is, and nothing of the above differs (a directory listed again as a parent);
 *  - deleted: a whiteout (`.wh.<name>`) or an opaque directory (`.wh..wh..opq`) removes it, or a
 *    non-directory replaces a directory (everything below it is deleted). Each removed path
 *    counts; bytes are those of the regular files removed.
 * Pure; `layerChangeMarks` gives the per-path marks the page's tree shows.
 */
import type { FileRecord } from './file-record';

export type ChangeKind = 'added' | 'modified' | 'unchanged' | 'deleted';

export interface ChangeTotal {
  count: number;
  /** Regular-file bytes (the entry's size; for deletions, the removed files' sizes). */
  bytes: number;
}

/** One layer's changes relative to the layers below it (report: LayerReport.changes). */
export interface LayerChanges {
  added: ChangeTotal;
  modified: ChangeTotal;
  unchanged: ChangeTotal;
  deleted: ChangeTotal;
}

const WH = '.wh.';

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function bytesOf(r: FileRecord): number {
  return r.type === 'file' || r.type === 'contiguous' || r.type === 'sparse' ? r.size : 0;
}

function differs(a: FileRecord, b: FileRecord): boolean {
  if (a.type !== b.type || a.size !== b.size || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return true;
  if ((a.linkname ?? '') !== (b.linkname ?? '')) return true;
  const ha = a.sha256 ?? a.xxh64;
  const hb = a.sha256 !== undefined ? b.sha256 : b.xxh64;
  return ha !== undefined && hb !== undefined && ha !== hb;
}

type Whiteout = { kind: 'file'; target: string } | { kind: 'opaque'; dir: string } | { kind: 'meta' };

/** Whether `r` is a whiteout entry of any kind (no string or object made: called per entry). */
function isWhiteout(r: FileRecord): boolean {
  return !!r.whiteout || r.path.startsWith(WH, r.path.lastIndexOf('/') + 1);
}

function whiteoutOf(r: FileRecord): Whiteout | null {
  if (!isWhiteout(r)) return null;
  const base = r.path.slice(r.path.lastIndexOf('/') + 1);
  const dir = parentOf(r.path);
  if (r.whiteout === 'opaque' || base === `${WH}${WH}.opq`) return { kind: 'opaque', dir };
  if (base.startsWith(`${WH}${WH}`) || base === WH) return { kind: 'meta' };
  const name = base.slice(WH.length);
  return { kind: 'file', target: dir ? `${dir}/${name}` : name };
}

/** The visible files of the layers below, with a parent -> children index for subtree removal. */
class Visible {
  readonly files = new Map<string, FileRecord>();
  private readonly kids = new Map<string, Set<string>>();

  set(r: FileRecord): void {
    this.files.set(r.path, r);
    let child = r.path;
    while (child !== '') {
      const parent = parentOf(child);
      let set = this.kids.get(parent);
      if (!set) this.kids.set(parent, (set = new Set()));
      if (set.has(child)) return;
      set.add(child);
      child = parent;
    }
  }

  /** Removes `path` (unless `below`) and everything under it; calls `gone` for each file removed. */
  remove(path: string, below: boolean, gone: (r: FileRecord) => void): void {
    const kids = this.kids.get(path);
    if (kids) {
      this.kids.delete(path);
      this.removeAll(kids, gone);
    }
    if (below) return;
    const r = this.files.get(path);
    if (r) {
      this.files.delete(path);
      gone(r);
    }
    this.kids.get(parentOf(path))?.delete(path);
  }

  private removeAll(kids: Set<string>, gone: (r: FileRecord) => void): void {
    const stack = [...kids];
    while (stack.length) {
      const p = stack.pop()!;
      const r = this.files.get(p);
      if (r) {
        this.files.delete(p);
        gone(r);
      }
      const k = this.kids.get(p);
      if (k) {
        for (const c of k) stack.push(c);
        this.kids.delete(p);
      }
    }
  }
}

/**
 * Walks the layers, calling `mark(layer, path, kind, bytes)` for every path a layer adds, modifies,
 * lists again unchanged or deletes.
 */
export function walkLayerChanges(layers: FileRecord[][], mark: (layer: number, path: string, kind: ChangeKind, bytes: number) => void): void {
  const v = new Visible();
  layers.forEach((records, layer) => {
    const gone = (r: FileRecord) => mark(layer, r.path, 'deleted', bytesOf(r));
    for (const r of records) {
      if (!isWhiteout(r)) continue;
      const w = whiteoutOf(r)!;
      if (w.kind === 'file') v.remove(w.target, false, gone);
      else if (w.kind === 'opaque') v.remove(w.dir, true, gone);
    }
    // A path twice in one layer: the later entry wins, compared with the layers below.
    const own = new Map<string, FileRecord>();
    for (const r of records) if (r.path !== '' && !isWhiteout(r)) own.set(r.path, r);
    for (const r of own.values()) {
      const old = v.files.get(r.path);
      if (r.type !== 'dir') v.remove(r.path, true, gone);
      mark(layer, r.path, !old ? 'added' : differs(old, r) ? 'modified' : 'unchanged', bytesOf(r));
      v.set(r);
    }
  });
}

export function layerChanges(layers: FileRecord[][]): LayerChanges[] {
  const out = layers.map(() => ({
    added: { count: 0, bytes: 0 },
    modified: { count: 0, bytes: 0 },
    unchanged: { count: 0, bytes: 0 },
    deleted: { count: 0, bytes: 0 },
  }));
  walkLayerChanges(layers, (layer, _path, kind, bytes) => {
    out[layer][kind].count++;
    out[layer][kind].bytes += bytes;
  });
  return out;
}

/** Per layer, path -> mark (for the page's per-layer tree). */
export function layerChangeMarks(layers: FileRecord[][]): Map<string, { kind: ChangeKind; bytes: number }>[] {
  const out = layers.map(() => new Map<string, { kind: ChangeKind; bytes: number }>());
  walkLayerChanges(layers, (layer, path, kind, bytes) => {
    out[layer].set(path, { kind, bytes });
  });
  return out;
}
