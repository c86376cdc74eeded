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

// A layer's tree (issue 12: 100,000 entries a layer): path -> index into parallel arrays, no
// object per node. Flags of a node:
const EXPLICIT = 1; // an entry names it (an implied parent has no header)
const DIR = 2; // an entry of type directory
const WHITEOUT = 4; // a `.wh.<name>` entry
const PARENT = 8; // a path of this layer is under it: not a leaf

interface LayerTree {
  index: Map<string, number>;
  size: number[];
  flags: number[];
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** One layer as dive's tree holds it: path -> node, implied parents included. */
function layerTree(records: FileRecord[]): LayerTree {
  const index = new Map<string, number>();
  const size: number[] = [];
  const flags: number[] = [];
  // Iterative (issue 12: nothing recursive on untrusted depth; a path 10,000 directories deep
  // overflowed the stack): the missing parents are created bottom-up until one exists.
  const ensure = (path: string): number => {
    const found = index.get(path);
    if (found !== undefined) return found;
    const n = size.length;
    index.set(path, n);
    size.push(0);
    flags.push(0);
    for (let child = path, parent = parentOf(child); parent !== ''; child = parent, parent = parentOf(child)) {
      const p = index.get(parent);
      if (p !== undefined) {
        flags[p] |= PARENT;
        break;
      }
      index.set(parent, size.length);
      size.push(0);
      flags.push(PARENT);
    }
    return n;
  };
  for (const r of records) {
    const path = r.path;
    if (path === '') continue;
    const slash = path.lastIndexOf('/');
    if (!path.startsWith('.wh.', slash + 1)) {
      const n = ensure(path);
      size[n] = r.size;
      flags[n] = (flags[n] & PARENT) | EXPLICIT | (r.type === 'dir' ? DIR : 0);
      continue;
    }
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (path.startsWith('.wh..wh.', slash + 1)) {
      if (dir !== '') ensure(dir); // dive creates the parents, then stops
      continue;
    }
    if (path.length - slash - 1 <= 4) {
      // `.wh.` alone: a plain entry of that name
      const n = ensure(path);
      size[n] = r.size;
      flags[n] = (flags[n] & PARENT) | EXPLICIT | (r.type === 'dir' ? DIR : 0);
      continue;
    }
    const name = path.slice(slash + 5);
    const n = ensure(dir ? `${dir}/${name}` : name);
    size[n] = r.size;
    flags[n] = (flags[n] & PARENT) | EXPLICIT | WHITEOUT;
  }
  return { index, size, flags };
}

/** The layers below, stacked as dive's StackTreeRange does (whiteouts remove, opaque ignored).
 *  A node is its size, negated minus 1 for a directory. */
class Stacked {
  private readonly nodes = new Map<string, number>();
  private readonly kids = new Map<string, Set<string>>();

  private link(path: string): void {
    let child = path;
    while (child !== '') {
      const parent = parentOf(child);
      if (parent !== '' && !this.nodes.has(parent)) this.nodes.set(parent, 0);
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
    if (n === undefined || n >= 0) return 0;
    let sum = 0;
    const stack = [path];
    while (stack.length) {
      const p = stack.pop()!;
      const v = this.nodes.get(p) ?? 0;
      sum += v < 0 ? -v - 1 : v;
      const k = this.kids.get(p);
      if (k) for (const c of k) stack.push(c);
    }
    return sum;
  }

  stack(tree: LayerTree): void {
    const { index, size, flags } = tree;
    for (const [path, i] of index) if (flags[i] & WHITEOUT) this.remove(path);
    for (const [path, i] of index) {
      const f = flags[i];
      if (f & WHITEOUT) continue;
      // dive's Stack copies every node's header, an implied parent's empty one included.
      this.nodes.set(path, !(f & EXPLICIT) ? 0 : f & DIR ? -size[i] - 1 : size[i]);
      this.link(path);
    }
  }
}

export function imageEfficiency(layers: FileRecord[][], top = TOP_WASTED): ImageEfficiency {
  // Per path seen as a leaf: an index into parallel arrays (issue 12: no object per path); the
  // layers of a path are its first layer, and a list only once a second one names it.
  const paths = new Map<string, number>();
  const count: number[] = [];
  const cumulativeOf: number[] = [];
  const minOf: number[] = [];
  const firstLayer: number[] = [];
  const moreLayers = new Map<number, number[]>();
  const below = new Stacked();
  let sizeBytes = 0;
  let userSizeBytes = 0;
  layers.forEach((records, layer) => {
    let layerSize = 0;
    for (const r of records) if (r.path !== '') layerSize += r.size;
    sizeBytes += layerSize;
    if (layer > 0) userSizeBytes += layerSize;
    const tree = layerTree(records);
    const { size: sizes, flags } = tree;
    for (const [path, n] of tree.index) {
      const f = flags[n];
      if (f & PARENT) continue; // leaves only
      const size = f & WHITEOUT ? below.whiteoutSize(path) : f & EXPLICIT ? sizes[n] : 0;
      const d = paths.get(path);
      if (d === undefined) {
        paths.set(path, count.length);
        count.push(1);
        cumulativeOf.push(size);
        minOf.push(size);
        firstLayer.push(layer);
        continue;
      }
      count[d]++;
      cumulativeOf[d] += size;
      if (size < minOf[d]) minOf[d] = size;
      const more = moreLayers.get(d);
      if (more) more.push(layer);
      else moreLayers.set(d, [firstLayer[d], layer]);
    }
    // Nothing reads the stack after the top layer.
    if (layer < layers.length - 1) below.stack(tree);
  });
  let minimum = 0;
  let cumulative = 0;
  let wastedBytes = 0;
  const wasted: WastedFile[] = [];
  for (const [path, d] of paths) {
    minimum += minOf[d];
    cumulative += cumulativeOf[d];
    if (count[d] < 2) continue;
    wastedBytes += cumulativeOf[d];
    if (cumulativeOf[d] > 0) wasted.push({ path, count: count[d], size: cumulativeOf[d], layers: moreLayers.get(d)! });
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
