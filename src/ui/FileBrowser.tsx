import { useMemo, useState } from 'preact/hooks';
import type { FileRecord, ImageReport } from '../report/types';
import { Bytes } from './Bytes';
import { FileDetails } from './FileDetails';
import { layerRows, mergedRows, plainRows, sortRows, type FileRow, type SortKey } from './fileRows';
import { formatCount, formatMode, formatUnixTime, layerName, plural, shortDigest } from '../present/format';
import { compilePathFilter, isGlob } from '../compare/glob';
import { VirtualList } from './VirtualList';
import './FileBrowser.css';

/** 'merged' = the image's filesystem after every layer; a number = that layer's own entries. */
export type FileView = 'merged' | number;

export interface FileBrowserProps {
  /** Unique on the page: prefixes element ids. */
  id: string;
  /** An image (merged and per-layer views) … */
  image?: ImageReport;
  /** … or the files of a plain tar. */
  files?: FileRecord[];
  /** Which listing of the image to show (default: merged). */
  view?: FileView;
  onViewChange?: (view: FileView) => void;
}

export const ROW_HEIGHT = 28;

/**
 * The file listing: the merged filesystem (whiteouts applied; which layer each file comes
 * from and what it overwrites), one layer's own entries (and what later layers overwrite
 * or delete), or a plain tar. Filter by substring or glob, by layer; sort; select a row
 * for every field.
 */
export function FileBrowser({ id, image, files, view = 'merged', onViewChange }: FileBrowserProps) {
  const [query, setQuery] = useState('');
  const [fromLayer, setFromLayer] = useState<number | null>(null);
  const [showDeleted, setShowDeleted] = useState(false);
  const [sort, setSort] = useState<SortKey>('archive');
  const [active, setActive] = useState<number | null>(null);

  const merged = image?.merged ?? null;
  const effectiveView: FileView = image ? (view === 'merged' && !merged ? (image.layers.length ? 0 : 'merged') : view) : 'merged';

  const all = useMemo<FileRow[]>(() => {
    if (!image) return plainRows(files ?? []);
    if (effectiveView === 'merged') return merged ? mergedRows(merged, showDeleted) : [];
    return layerRows(
      image.layers,
      image.layers.findIndex((l) => l.index === effectiveView),
    );
  }, [image, files, effectiveView, merged, showDeleted]);

  const shown = useMemo(() => {
    const match = compilePathFilter(query);
    const layerOk = effectiveView === 'merged' && fromLayer != null ? (r: FileRow) => r.layer === fromLayer : () => true;
    return sortRows(
      all.filter((r) => layerOk(r) && match(r.path)),
      sort,
    );
  }, [all, query, fromLayer, effectiveView, sort]);

  const activeRow = active != null && active < shown.length ? shown[active] : null;
  const reset = () => setActive(null);
  const layerDigest = (i: number) => image?.layers.find((l) => l.index === i)?.digest ?? null;
  const currentLayer = typeof effectiveView === 'number' ? image?.layers.find((l) => l.index === effectiveView) : undefined;
  const showLayerColumn = !!image && effectiveView === 'merged';

  return (
    <section class="files" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Files</h3>
      <div class="files-controls">
        {image && (
          <label>
            Show
            <select
              value={String(effectiveView)}
              onChange={(e) => {
                const v = (e.currentTarget as HTMLSelectElement).value;
                onViewChange?.(v === 'merged' ? 'merged' : Number(v));
                reset();
              }}
            >
              {merged && <option value="merged">Merged filesystem (all layers)</option>}
              {image.layers.map((l) => (
                <option key={l.index} value={String(l.index)}>
                  Layer {layerName(l.index)} {l.digest ? shortDigest(l.digest) : ''} (
                  {l.fileCount == null ? 'not read' : plural(l.fileCount, 'entry', 'entries')})
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="grow">
          Filter paths
          <input
            type="search"
            value={query}
            placeholder="substring, or a glob such as **/*.py"
            spellcheck={false}
            autocomplete="off"
            aria-describedby={`${id}-count`}
            onInput={(e) => {
              setQuery((e.currentTarget as HTMLInputElement).value);
              reset();
            }}
          />
        </label>
        {showLayerColumn && image && (
          <label>
            From layer
            <select
              value={fromLayer == null ? '' : String(fromLayer)}
              onChange={(e) => {
                const v = (e.currentTarget as HTMLSelectElement).value;
                setFromLayer(v === '' ? null : Number(v));
                reset();
              }}
            >
              <option value="">any layer</option>
              {image.layers.map((l) => (
                <option key={l.index} value={String(l.index)}>
                  {layerName(l.index)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Sort
          <select
            value={sort}
            onChange={(e) => {
              setSort((e.currentTarget as HTMLSelectElement).value as SortKey);
              reset();
            }}
          >
            <option value="archive">{showLayerColumn ? 'as merged' : 'archive order'}</option>
            <option value="path">path</option>
            <option value="size">size, largest first</option>
          </select>
        </label>
        {showLayerColumn && (
          <label class="toggle">
            <input
              type="checkbox"
              checked={showDeleted}
              onChange={(e) => {
                setShowDeleted((e.currentTarget as HTMLInputElement).checked);
                reset();
              }}
            />
            Show deleted paths
          </label>
        )}
      </div>
      <p id={`${id}-count`} class="files-summary" role="status">
        {shown.length === all.length
          ? plural(all.length, 'entry', 'entries')
          : `${formatCount(shown.length)} of ${plural(all.length, 'entry', 'entries')} match${query ? (isGlob(query) ? ' the glob' : ' the text') : ''}`}
        {effectiveView === 'merged' && merged && (
          <>
            {' · '}
            <Bytes n={merged.totalBytes} /> in all layers, <Bytes n={merged.wastedBytes} /> of it wasted (hidden by later layers) ·{' '}
            {plural(merged.deleted.length, 'path')} deleted by whiteouts
          </>
        )}
        {currentLayer?.error && <span class="error-inline"> · listing stopped: {currentLayer.error.message}</span>}
        {image && !merged && image.layers.length > 0 && <span> · no merged filesystem: it needs every layer read, so the layers are listed one by one</span>}
      </p>
      <div class={showLayerColumn ? 'files-head' : 'files-head no-layer'} aria-hidden="true">
        <span class="c-path">Path</span>
        <span class="c-note">Status</span>
        <span class="c-size">Size</span>
        <span class="c-mode">Mode</span>
        <span class="c-owner">Owner</span>
        <span class="c-mtime">Modified (UTC)</span>
        {showLayerColumn && <span class="c-layer">Layer</span>}
        <span class="c-sha">SHA-256</span>
      </div>
      {shown.length === 0 ? (
        <p class="files-empty muted">
          {all.length > 0
            ? 'No entries match.'
            : currentLayer && currentLayer.fileCount == null
              ? currentLayer.error
                ? 'This layer could not be listed (see the error above).'
                : currentLayer.deferred
                  ? 'The other archive has the same blob (same digest and size): nothing in it can differ, so it is read after the report, while the digests are verified.'
                  : 'This layer was not read: the scan stopped before it, or its blob is not a tar.'
              : 'No entries.'}
        </p>
      ) : (
        <VirtualList
          idPrefix={`${id}-row`}
          label={`Files${image ? (effectiveView === 'merged' ? ', merged filesystem' : `, layer ${layerName(effectiveView as number)}`) : ''}`}
          count={shown.length}
          rowHeight={ROW_HEIGHT}
          activeIndex={active}
          onActiveChange={setActive}
          className={showLayerColumn ? 'files-list' : 'files-list no-layer'}
          renderRow={(i) => <Row row={shown[i]} withLayer={showLayerColumn} />}
        />
      )}
      <FileDetails row={activeRow} layerDigest={layerDigest} />
    </section>
  );
}

function Row({ row: r, withLayer }: { row: FileRow; withLayer: boolean }) {
  return (
    <div class={`file-row is-${r.state}`}>
      <span class="c-path" title={r.path}>
        {r.path}
        {r.linkname && <span class="link"> → {r.linkname}</span>}
      </span>
      <span class="c-note">{r.note}</span>
      <span class="c-size">{r.type === 'dir' ? '' : <Bytes n={r.size} />}</span>
      <span class="c-mode">{r.mode == null ? '' : formatMode(r.mode, r.type)}</span>
      <span class="c-owner">{r.owner}</span>
      <span class="c-mtime">{r.mtime == null ? '' : formatUnixTime(r.mtime)}</span>
      {withLayer && <span class="c-layer">{layerName(r.layer)}</span>}
      <span class="c-sha" title={r.sha256}>
        {r.sha256 ?? ''}
      </span>
    </div>
  );
}
