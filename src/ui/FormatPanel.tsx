import type { InputReport } from '../report/types';
import { Bytes } from './Bytes';
import { Annotations } from './Annotations';
import { compressionLabel, DASH, formatDuration, plural } from '../present/format';

/** What the archive is: layout, compression, outer tar facts, the index, and how it was read. */
export function FormatPanel({ input }: { input: InputReport }) {
  const { format, index, stats } = input;
  const tar = format.tar;
  return (
    <section class="panel" aria-labelledby="format-title">
      <h2 id="format-title">Archive</h2>
      <dl class="facts">
        <dt>File</dt>
        <dd>
          <span class="filename">{input.name}</span> · <Bytes n={input.size} />
        </dd>
        <dt>Layout</dt>
        <dd>
          {format.layoutLabel ?? 'not recognised'}
          {format.layout && <code class="muted"> ({format.layout})</code>}
        </dd>
        <dt>Compression</dt>
        <dd>{compressionLabel(format.outerCompression)}</dd>
        {tar && (
          <>
            <dt>Tar</dt>
            <dd>
              {plural(tar.entries, 'entry', 'entries')}
              {tar.sawEndMarker ? `, end marker (${plural(tar.zeroBlocks, 'zero block')})` : ', no end-of-archive marker'}
              {tar.trailingBytes > 0 && (
                <>
                  , <Bytes n={tar.trailingBytes} /> after it{tar.trailingGarbage ? ' (not zeros)' : ' (zeros)'}
                </>
              )}
              {tar.globalPax.length > 0 && `, ${plural(tar.globalPax.length, 'global pax header')}`}
            </dd>
          </>
        )}
        {index && (
          <>
            <dt>Index</dt>
            <dd>
              {plural(index.manifests.length, 'manifest')}
              {index.manifests.length > 0 && (
                <span class="muted"> ({[...new Set(index.manifests.map((m) => m.mediaType ?? 'no media type'))].join(', ')})</span>
              )}
            </dd>
          </>
        )}
        <dt>Images</dt>
        <dd>{input.images.length ? plural(input.images.length, 'image') : input.files ? 'none (plain tar)' : DASH}</dd>
        <dt>Processed</dt>
        <dd>
          <Bytes n={stats.bytesRead} /> in {formatDuration(stats.elapsedMs / 1000)}
        </dd>
      </dl>
      {format.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul class="notes">
            {format.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      )}
      {index?.annotations && Object.keys(index.annotations).length > 0 && (
        <>
          <h3>Index annotations</h3>
          <Annotations values={index.annotations} />
        </>
      )}
    </section>
  );
}
