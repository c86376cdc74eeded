/**
 * The tree the layer explorer shows (FileTree.tsx), built from a flat list of paths: implied
 * directories added, a directory's size the sum of the files under it, children sorted by name,
 * and the rows a given set of expanded directories and a filter leave visible. Pure.
 */
import type { ChangeKind } from '../image/layer-changes';

export interface TreeItem {
  path: string;
  type: string;
  size: number;
  mark?: ChangeKind;
  /** Merged view: the layer (0-based) the visible version comes from. */
  layer?: number;
}

export interface TreeNode {
  name: string;
  path: string;
  depth: number;
  isDir: boolean;
  /** Regular-file bytes at and under this node. */
  size: number;
  item?: TreeItem;
  children: TreeNode[];
}

export interface TreeRow {
  node: TreeNode;
  expanded: boolean;
}

const FILE_TYPES = new Set(['file', 'contiguous', 'sparse']);

export function buildTree(items: TreeItem[]): TreeNode {
  const root: TreeNode = { name: '', path: '', depth: -1, isDir: true, size: 0, children: [] };
  const byPath = new Map<string, TreeNode>([['', root]]);
  const ensure = (path: string): TreeNode => {
    const have = byPath.get(path);
    if (have) return have;
    const i = path.lastIndexOf('/');
    const parent = ensure(i < 0 ? '' : path.slice(0, i));
    const node: TreeNode = { name: path.slice(i + 1), path, depth: parent.depth + 1, isDir: true, size: 0, children: [] };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const it of items) {
    if (it.path === '') continue;
    const n = ensure(it.path);
    n.item = it;
    n.isDir = it.type === 'dir' || n.children.length > 0;
  }
  const finish = (n: TreeNode): number => {
    if (n.children.length) n.isDir = true;
    n.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let size = n.item && FILE_TYPES.has(n.item.type) ? n.item.size : 0;
    for (const c of n.children) size += finish(c);
    n.size = size;
    return size;
  };
  finish(root);
  return root;
}

/** Depth-first rows under `root`: children of expanded directories only. */
export function visibleRows(root: TreeNode, expanded: ReadonlySet<string>): TreeRow[] {
  const out: TreeRow[] = [];
  const walk = (n: TreeNode) => {
    for (const c of n.children) {
      const open = c.isDir && expanded.has(c.path);
      out.push({ node: c, expanded: open });
      if (open) walk(c);
    }
  };
  walk(root);
  return out;
}

/** With a filter: every node whose path contains it (case-insensitive), with its ancestors, all open. */
export function filteredRows(root: TreeNode, query: string): TreeRow[] {
  const q = query.toLowerCase();
  const out: TreeRow[] = [];
  const walk = (n: TreeNode): TreeRow[] => {
    const rows: TreeRow[] = [];
    for (const c of n.children) {
      const below = walk(c);
      if (below.length || c.path.toLowerCase().includes(q)) rows.push({ node: c, expanded: below.length > 0 }, ...below);
    }
    return rows;
  };
  out.push(...walk(root));
  return out;
}

/** Directories to open at first: the first `depth` levels. */
export function openToDepth(root: TreeNode, depth: number): Set<string> {
  const open = new Set<string>();
  const walk = (n: TreeNode) => {
    for (const c of n.children)
      if (c.isDir && c.depth < depth) {
        open.add(c.path);
        walk(c);
      }
  };
  walk(root);
  return open;
}
