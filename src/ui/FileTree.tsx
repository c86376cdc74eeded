import { useMemo, useState } from 'preact/hooks';
import type { ImageReport } from '../report/types';
import { layerChangeMarks, type ChangeKind } from '../image/layer-changes';
import { formatBytes, formatCount, layerName } from '../present/format';
import { buildTree, filteredRows, openToDepth, visibleRows, type TreeItem } from './fileTree';
import { VirtualList } from './VirtualList';
import './FileTree.css';

export const TREE_ROW_HEIGHT = 28;

const LABEL: Record<ChangeKind, string> = { added: 'added', modified: 'modified', unchanged: 'unchanged', deleted: 'deleted' };

export interface FileTreeProps {
  /** Unique on the page: prefixes element ids. */
  id: string;
  image: ImageReport;
}

/**
 * dive's layer explorer: the merged filesystem, or one layer with what it adds, modifies and
 * deletes relative to the layers below it (src/image/layer-changes.ts), as a tree. Directories
 * expand and collapse (click the arrow; Enter, → and ← on the active row); the filter keeps the paths
 * that contain it with their parents, opened. Virtualised: only the rows in view are in the DOM.
 * Each change is coloured AND labelled in words.
 */
export function FileTree({ id, image }: FileTreeProps) {
  const [view, setView] = useState<'merged' | number>('merged');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const marks = useMemo(() => (image.merged ? layerChangeMarks(image.layers.map((l) => l.files)) : null), [image]);

  const items = useMemo<TreeItem[]>(() => {
    if (view === 'merged') {
      return (image.merged?.files ?? []).map((f) => ({
        path: f.path,
        type: f.type,
        size: f.size,
        layer: f.layer,
        ...(f.overwrites?.length ? { mark: 'modified' as const } : {}),
      }));
    }
    const layer = image.layers[view];
    const m = marks?.[view];
    const out: TreeItem[] = [];
    const seen = new Set<string>();
    for (const f of layer?.files ?? []) {
      if (f.path === '' || f.whiteout || seen.has(f.path)) continue;
      seen.add(f.path);
      out.push({ path: f.path, type: f.type, size: f.size, ...(m?.get(f.path) ? { mark: m.get(f.path)!.kind } : {}) });
    }
    // What the layer deletes: the paths its whiteouts remove from the layers below.
    if (m) for (const [path, x] of m) if (x.kind === 'deleted' && !seen.has(path)) out.push({ path, type: 'file', size: x.bytes, mark: 'deleted' });
    return out;
  }, [image, view, marks]);

  const root = useMemo(() => buildTree(items), [items]);
  // Which directories are open, per listing: a new listing opens its first level.
  const [opened, setOpened] = useState<{ root: unknown; open: Set<string> } | null>(null);
  const open = useMemo(() => (opened?.root === root ? opened.open : openToDepth(root, 1)), [opened, root]);
  const rows = useMemo(() => (query ? filteredRows(root, query) : visibleRows(root, open)), [root, open, query]);

  function toggle(path: string) {
    const next = new Set(open);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setOpened({ root, open: next });
  }

  const counts = useMemo(() => {
    const c: Record<ChangeKind, number> = { added: 0, modified: 0, unchanged: 0, deleted: 0 };
    for (const it of items) if (it.mark) c[it.mark]++;
    return c;
  }, [items]);

  return (
    <section class="file-tree" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Layer explorer</h3>
      <div class="tree-controls">
        <label>
          Show{' '}
          <select
            value={String(view)}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setView(v === 'merged' ? 'merged' : Number(v));
              setActive(null);
            }}
          >
            {image.merged && <option value="merged">merged filesystem</option>}
            {image.layers.map((l, i) => (
              <option key={l.index} value={String(i)}>
                layer {layerName(l.index)}
                {l.createdBy ? `: ${l.createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').slice(0, 60)}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Filter <input type="search" value={query} placeholder="path contains…" onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      <p class="tree-summary muted">
        {view === 'merged'
          ? `${formatCount(items.length)} entries; ${formatCount(counts.modified)} replace a lower layer's version`
          : `${formatCount(counts.added)} added, ${formatCount(counts.modified)} modified, ${formatCount(counts.deleted)} deleted, ${formatCount(counts.unchanged)} unchanged`}
        {query ? ` · ${formatCount(rows.length)} rows match` : ''}
      </p>
      {rows.length === 0 ? (
        <p class="muted">{query ? 'No path matches the filter.' : 'No entries.'}</p>
      ) : (
        <VirtualList
          count={rows.length}
          rowHeight={TREE_ROW_HEIGHT}
          label={view === 'merged' ? 'merged filesystem tree' : `layer ${layerName(view)} tree`}
          idPrefix={`${id}-row`}
          activeIndex={active}
          onActiveChange={setActive}
          onActivate={(i) => rows[i].node.isDir && !query && toggle(rows[i].node.path)}
          onKey={(key, i) => {
            // → opens a closed directory, ← closes an open one (or goes to the parent), as in a tree view.
            const { node, expanded: isOpen } = rows[i];
            if (query || (key !== 'ArrowRight' && key !== 'ArrowLeft')) return false;
            if (key === 'ArrowRight' && node.isDir && !isOpen) toggle(node.path);
            else if (key === 'ArrowLeft' && isOpen) toggle(node.path);
            else if (key === 'ArrowLeft') {
              const parent = node.path.slice(0, Math.max(0, node.path.lastIndexOf('/')));
              const at = rows.findIndex((r) => r.node.path === parent);
              if (at >= 0) setActive(at);
            }
            return true;
          }}
          className="tree-list"
          renderRow={(i) => {
            const { node, expanded: isOpen } = rows[i];
            const mark = node.item?.mark;
            return (
              <div class={`tree-row${mark ? ` mark-${mark}` : ''}`} style={{ paddingLeft: `${node.depth * 16 + 4}px` }} data-path={node.path}>
                {node.isDir ? (
                  <button
                    type="button"
                    class="tree-toggle"
                    aria-expanded={isOpen}
                    aria-label={`${isOpen ? 'Collapse' : 'Expand'} ${node.path}`}
                    disabled={!!query}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(node.path);
                    }}
                  >
                    {isOpen ? '▾' : '▸'}
                  </button>
                ) : (
                  <span class="tree-toggle" aria-hidden="true" />
                )}
                <span class="tree-name" title={node.path}>
                  {node.name}
                  {node.isDir ? '/' : ''}
                </span>
                {mark && mark !== 'unchanged' && <span class={`tree-mark mark-${mark}`}>{LABEL[mark]}</span>}
                {view === 'merged' && node.item?.layer !== undefined && <span class="tree-layer muted">L{layerName(node.item.layer)}</span>}
                <span class="tree-size">{formatBytes(node.size)}</span>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}
