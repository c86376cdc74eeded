import { useState } from 'preact/hooks';
import type { ImageReport } from '../report/types';
import { Annotations } from './Annotations';
import { Bytes } from './Bytes';
import { Digest } from './Digest';
import { FileBrowser, type FileView } from './FileBrowser';
import { EfficiencyPanel } from './EfficiencyPanel';
import { FileTree } from './FileTree';
import { DASH, formatIsoDate, plural, shortMediaType } from '../present/format';
import { HistoryList } from './HistoryList';
import { imagePlatform, imageTitle } from './imageText';
import { LayersTable } from './LayersTable';
import { PackagesView } from './PackagesView';

export interface ImageDetailsProps {
  image: ImageReport;
  /** Position in `input.images`, for the title and unique ids. */
  position: number;
}

/** One image: manifest and config basics, layers, history, and its files. */
export function ImageDetails({ image, position }: ImageDetailsProps) {
  const [view, setView] = useState<FileView>('merged');
  const id = `image-${position}`;
  const emptyLayers = image.history.filter((h) => h.empty_layer).length;

  function browse(layer: number) {
    setView(layer);
    // Bring the listing into view once it shows the layer.
    requestAnimationFrame(() => document.getElementById(`${id}-files-title`)?.scrollIntoView({ block: 'start' }));
  }

  return (
    <section class="panel image" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {imageTitle(image, position)}
        {image.kind === 'attestation' && <span class="badge badge-muted">attestation</span>}
        {imagePlatform(image) && <span class="badge">{imagePlatform(image)}</span>}
      </h2>
      <dl class="facts">
        <dt>Tags</dt>
        <dd>
          {image.tags.length ? (
            image.tags.map((t) => (
              <code class="tag" key={t}>
                {t}
              </code>
            ))
          ) : (
            <span class="muted">none</span>
          )}
        </dd>
        {image.attests && (
          <>
            <dt>Attests</dt>
            <dd>
              <Digest value={image.attests} label="digest of the attested manifest" />
            </dd>
          </>
        )}
        <dt>Manifest</dt>
        <dd>
          {image.manifest ? (
            <>
              <Digest value={image.manifest.digest} label="manifest digest" />{' '}
              <span class="muted" title={image.manifest.mediaType ?? undefined}>
                {shortMediaType(image.manifest.mediaType)}
                {image.manifest.size != null && (
                  <>
                    , <Bytes n={image.manifest.size} />
                  </>
                )}
              </span>
            </>
          ) : (
            <span class="muted">none in this layout</span>
          )}
        </dd>
        <dt>Config</dt>
        <dd>
          <Digest value={image.config.digest} label="config digest" />{' '}
          <span class="muted" title={image.config.mediaType ?? undefined}>
            {shortMediaType(image.config.mediaType)}
          </span>
        </dd>
        <dt>Created</dt>
        <dd>{image.created ? <time dateTime={formatIsoDate(image.created)}>{formatIsoDate(image.created)}</time> : DASH}</dd>
        <dt>OS / arch</dt>
        <dd>{[image.os, image.architecture].filter(Boolean).join(' / ') || DASH}</dd>
      </dl>
      {image.manifest?.annotations && Object.keys(image.manifest.annotations).length > 0 && (
        <details>
          <summary>Manifest annotations</summary>
          <Annotations values={image.manifest.annotations} />
        </details>
      )}
      <h3 id={`${id}-layers-title`}>Layers ({image.layers.length})</h3>
      <LayersTable image={image} onBrowse={browse} />
      <details class="history-details" open>
        <summary>
          <h3>
            History ({plural(image.history.length, 'entry', 'entries')}
            {emptyLayers ? `, ${emptyLayers} without a layer` : ''})
          </h3>
        </summary>
        <HistoryList image={image} />
      </details>
      {image.packages && <PackagesView image={image} packages={image.packages} name={imageTitle(image, position)} id={id} onBrowse={browse} />}
      <EfficiencyPanel image={image} id={id} />
      <FileBrowser id={`${id}-files`} image={image} view={view} onViewChange={setView} />
      {image.merged && <FileTree id={`${id}-tree`} image={image} />}
    </section>
  );
}
