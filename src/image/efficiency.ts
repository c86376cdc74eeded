/**
 * An image's efficiency as dive defines it (wagoodman/dive `dive/filetree/efficiency.go`,
 * `Efficiency()`, and `dive/image/image.go`, `Analyze()`), so that tarscope's figures equal
 * dive's: on dive's own test image, `.data/test-docker-image.tar`, dive's
 * `image_archive_analysis_test.go` asserts efficiency 0.9844212134184309, wasted bytes 32025,
 * user size 66237 and user-wasted percent 0.4834911001404049 (tests/unit/image/efficiency.test.ts).
 *
 * dive's model, followed here:
 *  - each layer is a tree of the paths its entries name, with the parents they imply; an implied
 *    parent carries no header (size 0, not a directory). A `.wh.<name>` entry is a node at
 *    `<dir>/<name>` marked as a whiteout; `.wh..wh.*` entries (opaque directories, AUFS
 *    metadata) are not added at all (dive ignores opaque whiteouts);
 *  - every LEAF of every layer (a node with no child in that layer) is visited; per path, the
 *    sizes seen are summed (cumulative) and the smallest kept (minimum). A leaf's size is its
 *    header's size; a whiteout's is 0 unless the path is a directory (an entry of type directory)
 *    in the layers below, when it is the sum of every size under it there;
 *  - score = Σ minimum / Σ cumulative over all paths (1 when Σ cumulative is 0);
 *  - the inefficiencies are the paths seen in two or more layers; wasted bytes = Σ of their
 *    cumulative sizes (every copy, the visible one included: dive's figure);
 *  - a layer's size is the sum of its entries' header sizes; the user size leaves out layer 1
 *    (the base image); user-wasted percent = wasted / user size (a fraction, as dive's
 *    `highestUserWastedPercent` rule compares it).
 * Where dive's code fails rather than defines (a whiteout of a path no lower layer has makes its
 * visitor return an error and skip the rest of that layer), the whiteout counts 0 and the layer
 * goes on.
 */
import type { FileRecord } from './file-record';

/** One path seen in two or more layers (dive's EfficiencyData). */
export interface WastedFile {
  path: string;
  /** Layers whose leaves name this path (copies, deletions included). */
  count: number;
  /** Sum of the sizes of every copy (dive's CumulativeSize). */
  size: number;
  /** 0-based layers, lowest first. */
  layers: number[];
}

export interface ImageEfficiency {
  /** dive's efficiency score, 0–1. */
  score: number;
  /** Σ cumulative size of the paths seen in two or more layers. */
  wastedBytes: number;
  /** Σ of every layer's entry sizes. */
  sizeBytes: number;
  /** sizeBytes without the first layer. */
  userSizeBytes: number;
  /** wastedBytes / userSizeBytes; null when userSizeBytes is 0 (dive's NaN or +Inf). */
  userWastedPercent: number | null;
  /** How many paths are in the list below before it is cut. */
  wastedFileCount: number;
  /** The paths with the most wasted bytes, largest first (at most `TOP_WASTED`; size 0 left out,
   *  as dive's export leaves them out). */
  topWasted: WastedFile[];
}

export const TOP_WASTED = 50;

interface LNode {
  size: number;
  isDir: boolean;
  explicit: boolean;
  whiteout: boolean;
  children: number;
}

interface PathData {
  count: number;
  cumulative: number;
  min: number;
  layers: number[];
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** One layer as dive's tree holds it: path -> node, implied parents included. */
function layerTree(records: FileRecord[]): Map<string, LNode> {
  const nodes = new Map<string, LNode>();
  // Iterative (issue 12: nothing recursive on untrusted depth; a path 10,000 directories deep
  // overflowed the stack): the missing parents are created bottom-up until one exists.
  const ensure = (path: string): LNode => {
    const found = nodes.get(path);
    if (found) return found;
    const n: LNode = { size: 0, isDir: false, explicit: false, whiteout: false, children: 0 };
    nodes.set(path, n);
    for (let child = path, parent = parentOf(child); parent !== ''; child = parent, parent = parentOf(child)) {
      const p = nodes.get(parent);
      if (p) {
        p.children++;
        break;
      }
      nodes.set(parent, { size: 0, isDir: false, explicit: false, whiteout: false, children: 1 });
    }
    return n;
  };
  for (const r of records) {
    if (r.path === '') continue;
    const slash = r.path.lastIndexOf('/');
    const base = r.path.slice(slash + 1);
    const dir = slash < 0 ? '' : r.path.slice(0, slash);
    if (base.startsWith('.wh..wh.')) {
      if (dir !== '') ensure(dir); // dive creates the parents, then stops
      continue;
    }
    const isWhiteout = base.startsWith('.wh.') && base.length > 4;
    const path = isWhiteout ? (dir ? `${dir}/${base.slice(4)}` : base.slice(4)) : r.path;
    const n = ensure(path);
    n.size = r.size;
    n.isDir = !isWhiteout && r.type === 'dir';
    n.explicit = true;
    n.whiteout = isWhiteout;
  }
  return nodes;
}

/** The layers below, stacked as dive's StackTreeRange does (whiteouts remove, opaque ignored). */
class Stacked {
  private readonly nodes = new Map<string, { size: number; isDir: boolean }>();
  private readonly kids = new Map<string, Set<string>>();

  private link(path: string): void {
    let child = path;
    while (child !== '') {
      const parent = parentOf(child);
      if (parent !== '' && !this.nodes.has(parent)) this.nodes.set(parent, { size: 0, isDir: false });
      let set = this.kids.get(parent);
      if (!set) this.kids.set(parent, (set = new Set()));
      if (set.has(child)) return;
      set.add(child);
      child = parent;
    }
  }

  private remove(path: string): void {
    if (!this.nodes.has(path)) return;
    const stack = [path];
    while (stack.length) {
      const p = stack.pop()!;
      this.nodes.delete(p);
      const k = this.kids.get(p);
      if (k) {
        for (const c of k) stack.push(c);
        this.kids.delete(p);
      }
    }
    this.kids.get(parentOf(path))?.delete(path);
  }

  /** dive's whiteout size: the subtree's sizes when the lower path is a directory, else 0. */
  whiteoutSize(path: string): number {
    const n = this.nodes.get(path);
    if (!n?.isDir) return 0;
    let sum = 0;
    const stack = [path];
    while (stack.length) {
      const p = stack.pop()!;
      sum += this.nodes.get(p)?.size ?? 0;
      const k = this.kids.get(p);
      if (k) for (const c of k) stack.push(c);
    }
    return sum;
  }

  stack(tree: Map<string, LNode>): void {
    for (const [path, n] of tree) if (n.whiteout) this.remove(path);
    for (const [path, n] of tree) {
      if (n.whiteout) continue;
      // dive's Stack copies every node's header, an implied parent's empty one included.
      this.nodes.set(path, { size: n.explicit ? n.size : 0, isDir: n.explicit && n.isDir });
      this.link(path);
    }
  }
}

export function imageEfficiency(layers: FileRecord[][], top = TOP_WASTED): ImageEfficiency {
  const paths = new Map<string, PathData>();
  const below = new Stacked();
  let sizeBytes = 0;
  let userSizeBytes = 0;
  layers.forEach((records, layer) => {
    let layerSize = 0;
    for (const r of records) if (r.path !== '') layerSize += r.size;
    sizeBytes += layerSize;
    if (layer > 0) userSizeBytes += layerSize;
    const tree = layerTree(records);
    for (const [path, n] of tree) {
      if (n.children > 0) continue; // leaves only
      const size = n.whiteout ? below.whiteoutSize(path) : n.size;
      let d = paths.get(path);
      if (!d) paths.set(path, (d = { count: 0, cumulative: 0, min: size, layers: [] }));
      d.count++;
      d.cumulative += size;
      if (size < d.min) d.min = size;
      d.layers.push(layer);
    }
    below.stack(tree);
  });
  let minimum = 0;
  let cumulative = 0;
  let wastedBytes = 0;
  const wasted: WastedFile[] = [];
  for (const [path, d] of paths) {
    minimum += d.min;
    cumulative += d.cumulative;
    if (d.count < 2) continue;
    wastedBytes += d.cumulative;
    if (d.cumulative > 0) wasted.push({ path, count: d.count, size: d.cumulative, layers: d.layers });
  }
  wasted.sort((a, b) => b.size - a.size || b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    score: cumulative === 0 ? 1 : minimum / cumulative,
    wastedBytes,
    sizeBytes,
    userSizeBytes,
    userWastedPercent: userSizeBytes === 0 ? null : wastedBytes / userSizeBytes,
    wastedFileCount: wasted.length,
    topWasted: wasted.slice(0, top),
  };
}
