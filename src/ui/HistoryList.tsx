import type { ImageReport } from '../report/types';
import { DASH, formatIsoDate, layerName } from '../present/format';
import { historyLayers } from './imageText';

/** The image config's history, every entry, including those that made no layer. */
export function HistoryList({ image }: { image: ImageReport }) {
  if (image.history.length === 0) return <p class="muted">The image config has no history.</p>;
  const layers = historyLayers(image);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable region is focusable so keyboard users can scroll it (WCAG 2.1.1)
    <div class="table-scroll" tabIndex={0} role="region" aria-label="History table">
      <table class="table history">
        <caption class="visually-hidden">History, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Created</th>
            <th scope="col">Created by</th>
            <th scope="col">Layer</th>
          </tr>
        </thead>
        <tbody>
          {image.history.map((h, i) => (
            <tr key={i} class={h.empty_layer ? 'is-empty-layer' : undefined}>
              <th scope="row">{i + 1}</th>
              <td class="nowrap">{h.created ? <time dateTime={formatIsoDate(h.created)}>{formatIsoDate(h.created)}</time> : DASH}</td>
              <td class="created-by">
                <code class="wrap">{h.created_by ?? DASH}</code>
                {h.comment && <div class="muted">{h.comment}</div>}
                {h.author && <div class="muted">by {h.author}</div>}
              </td>
              <td class="nowrap">{h.empty_layer ? <span class="badge badge-muted">empty layer</span> : layers[i] != null ? layerName(layers[i]) : DASH}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
