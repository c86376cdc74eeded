import { Fragment } from 'preact';
import type { ImageReport, LayerReport } from '../report/types';
import { Bytes } from './Bytes';
import { Digest } from './Digest';
import { errorMessage, errorPlace } from './errorText';
import { DASH, formatCount, layerName, shortMediaType } from '../present/format';

export interface LayersTableProps {
  image: ImageReport;
  /** Opens the file listing of one layer (0-based index). */
  onBrowse?: (layer: number) => void;
}

/** The stored digest/diff_id disagrees with the one computed from the bytes. */
function mismatch(expected: string | null, computed: string | null): boolean {
  if (!expected || !computed) return false;
  const hex = (d: string) => d.replace(/^sha256:/, '');
  return expected.startsWith('sha256:') && hex(expected) !== hex(computed);
}

/** One row per layer: digest, media type, sizes, diff_id, file count and the command that made it. */
export function LayersTable({ image, onBrowse }: LayersTableProps) {
  if (image.layers.length === 0) return <p class="muted">This image has no layers.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable region is focusable so keyboard users can scroll it (WCAG 2.1.1)
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Layers table">
      <table class="table layers">
        <caption class="visually-hidden">Layers, base layer first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Digest</th>
            <th scope="col">Media type</th>
            <th scope="col" class="num">
              Compressed
            </th>
            <th scope="col" class="num">
              Uncompressed
            </th>
            <th scope="col">diff_id</th>
            <th scope="col" class="num">
              Files
            </th>
            <th scope="col">Created by</th>
          </tr>
        </thead>
        <tbody>
          {image.layers.map((l) => (
            <LayerRow key={l.index} layer={l} onBrowse={onBrowse} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LayerRow({ layer: l, onBrowse }: { layer: LayerReport; onBrowse?: (layer: number) => void }) {
  const badDigest = mismatch(l.digest, l.computed.blobSha256);
  const badDiffId = mismatch(l.diffId, l.computed.diffId);
  return (
    <Fragment>
      <tr class={l.error ? 'has-error' : undefined}>
        <th scope="row">{layerName(l.index)}</th>
        <td class={badDigest ? 'mismatch' : undefined} title={badDigest ? `computed ${l.computed.blobSha256}` : undefined}>
          <Digest value={l.digest} label={`digest of layer ${layerName(l.index)}`} />
          {badDigest && <span class="badge badge-failed">mismatch</span>}
        </td>
        <td title={l.mediaType ?? undefined}>{shortMediaType(l.mediaType)}</td>
        <td class="num">
          <Bytes n={l.size} />
        </td>
        <td class="num">
          <Bytes n={l.uncompressedSize} />
        </td>
        <td class={badDiffId ? 'mismatch' : undefined} title={badDiffId ? `computed ${l.computed.diffId}` : undefined}>
          <Digest value={l.diffId ?? l.computed.diffId} label={`diff_id of layer ${layerName(l.index)}`} />
          {badDiffId && <span class="badge badge-failed">mismatch</span>}
        </td>
        <td class="num">
          {l.fileCount == null ? (
            l.deferred ? (
              <span
                class="muted"
                title="The other archive has the same blob (same digest and size): its files are read after the report, while the digests are verified"
              >
                same blob in both
              </span>
            ) : (
              DASH
            )
          ) : onBrowse ? (
            <button
              type="button"
              class="link-button"
              onClick={() => onBrowse(l.index)}
              aria-label={`Browse the ${formatCount(l.fileCount)} files of layer ${layerName(l.index)}`}
            >
              {formatCount(l.fileCount)}
            </button>
          ) : (
            formatCount(l.fileCount)
          )}
        </td>
        <td class="created-by">
          {l.createdBy ? (
            <code class="clamp" title={l.createdBy}>
              {l.createdBy}
            </code>
          ) : (
            <span class="muted">{DASH}</span>
          )}
        </td>
      </tr>
      {l.error && (
        <tr class="layer-error">
          <td colSpan={8}>
            <strong>{l.error.component}</strong>: {errorMessage(l.error)}
            {errorPlace(l.error) && ` (${errorPlace(l.error)})`}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
