import type { FileRow } from './fileRows';
import { DASH, exactBytes, formatBytes, formatMode, formatOctalMode, formatUnixTime, layerName } from '../present/format';
import { Lines } from './Lines';

/**
 * Everything known about the selected entry, as selectable text (the SHA-256 selects as a
 * whole with one click). Layer listings carry the full tar header; the merged view has
 * the fields the report keeps for merged files.
 */
export function FileDetails({ row, layerDigest }: { row: FileRow | null; layerDigest?: (layer: number) => string | null }) {
  if (!row) return <p class="file-details muted">Select an entry (click, or ↑/↓ in the list) to see all its fields.</p>;
  const r = row.record;
  const digest = row.layer != null ? layerDigest?.(row.layer) : null;
  return (
    <section class="file-details" aria-label="Selected entry">
      <dl class="facts">
        <dt>Path</dt>
        <dd>
          <code class="wrap">{row.path}</code>
        </dd>
        {r && r.rawName !== row.path && (
          <>
            <dt>Name in header</dt>
            <dd>
              <code class="wrap">{r.rawName}</code>
            </dd>
          </>
        )}
        <dt>Type</dt>
        <dd>
          {row.type}
          {r && (
            <span class="muted">
              {' '}
              (typeflag {JSON.stringify(r.typeflag)}, {r.format} header)
            </span>
          )}
        </dd>
        {row.note && (
          <>
            <dt>Status</dt>
            <dd>{row.note}</dd>
          </>
        )}
        <dt>Size</dt>
        <dd>
          {formatBytes(row.size)} <span class="muted">({exactBytes(row.size)})</span>
        </dd>
        {row.mode != null && (
          <>
            <dt>Mode</dt>
            <dd>
              <code>{formatMode(row.mode, row.type)}</code> <span class="muted">({formatOctalMode(row.mode)})</span>
            </dd>
          </>
        )}
        {row.owner && (
          <>
            <dt>Owner</dt>
            <dd>
              {row.owner}
              {r && (
                <span class="muted">
                  {' '}
                  (uid {r.uid}, gid {r.gid})
                </span>
              )}
            </dd>
          </>
        )}
        {row.mtime != null && (
          <>
            <dt>Modified</dt>
            <dd>
              <time dateTime={formatUnixTime(row.mtime)}>{formatUnixTime(row.mtime)}</time>
            </dd>
          </>
        )}
        {row.linkname && (
          <>
            <dt>Link target</dt>
            <dd>
              <code class="wrap">{row.linkname}</code>
            </dd>
          </>
        )}
        <dt>SHA-256</dt>
        <dd>{row.sha256 ? <code class="wrap select-all">{row.sha256}</code> : <span class="muted">{DASH}</span>}</dd>
        {row.xxh64 && !row.sha256 && (
          <>
            <dt title="XXH64 of the content: how a comparison decides equality without SHA-256">XXH64</dt>
            <dd>
              <code class="wrap select-all">{row.xxh64}</code>
            </dd>
          </>
        )}
        {row.layer != null && (
          <>
            <dt>Layer</dt>
            <dd>
              {layerName(row.layer)}
              {digest && <code class="muted wrap"> {digest}</code>}
            </dd>
          </>
        )}
        {r && (
          <>
            <dt>Offset</dt>
            <dd>
              entry {r.index}, header at byte {r.offset}
            </dd>
          </>
        )}
        {r?.pax && Object.keys(r.pax).length > 0 && (
          <>
            <dt>pax records</dt>
            <dd>
              <code class="wrap">
                <Lines lines={Object.entries(r.pax).map(([k, v]) => `${k}=${v}`)} />
              </code>
            </dd>
          </>
        )}
        {r?.xattrs && Object.keys(r.xattrs).length > 0 && (
          <>
            <dt>xattrs</dt>
            <dd>
              <code class="wrap">
                <Lines lines={Object.entries(r.xattrs).map(([k, v]) => `${k}=${v}`)} />
              </code>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
