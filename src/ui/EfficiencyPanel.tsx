import type { ImageReport } from '../report/types';
import { formatCount, layerName } from '../present/format';
import { Bytes } from './Bytes';
import './FileTree.css';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

/**
 * dive's figures for one image (src/image/efficiency.ts): the efficiency score, the wasted bytes,
 * the share of the bytes above the base layer they are, the paths that waste the most, and what
 * each layer adds, modifies and deletes relative to the layers below it.
 */
export function EfficiencyPanel({ image, id }: { image: ImageReport; id: string }) {
  const e = image.efficiency;
  if (!e) return null;
  return (
    <section class="efficiency" aria-labelledby={`${id}-efficiency-title`}>
      <h3 id={`${id}-efficiency-title`}>Efficiency</h3>
      <dl class="efficiency-figures facts">
        <div>
          <dt>Efficiency score</dt>
          <dd data-figure="score" title={String(e.score)}>
            {pct(e.score)}
          </dd>
        </div>
        <div>
          <dt>Wasted bytes</dt>
          <dd data-figure="wasted" data-bytes={e.wastedBytes}>
            <Bytes n={e.wastedBytes} /> <span class="muted">({formatCount(e.wastedBytes)} bytes)</span>
          </dd>
        </div>
        <div>
          <dt>Of the bytes above the base layer</dt>
          <dd data-figure="user-wasted" title={e.userWastedPercent === null ? undefined : String(e.userWastedPercent)}>
            {e.userWastedPercent === null ? '—' : pct(e.userWastedPercent)}{' '}
            <span class="muted">
              of <Bytes n={e.userSizeBytes} />
            </span>
          </dd>
        </div>
      </dl>
      <p class="muted small">
        As dive computes them: every copy of a path found in more than one layer counts as wasted (the visible copy too); the score is the smallest copy of each
        path over all copies.
      </p>
      {e.topWasted.length > 0 ? (
        <details open>
          <summary>
            Top wasted files ({e.topWasted.length} of {formatCount(e.wastedFileCount)})
          </summary>
          <div class="table-scroll">
            <table class="wasted-files">
              <thead>
                <tr>
                  <th class="num">bytes</th>
                  <th class="num">copies</th>
                  <th>layers</th>
                  <th>path</th>
                </tr>
              </thead>
              <tbody>
                {e.topWasted.map((w) => (
                  <tr key={w.path}>
                    <td class="num">
                      <Bytes n={w.size} />
                    </td>
                    <td class="num">{w.count}</td>
                    <td>{w.layers.map((l) => layerName(l)).join(', ')}</td>
                    <td class="path">
                      <code>{w.path}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : (
        <p class="muted">No path is in more than one layer.</p>
      )}
      <details>
        <summary>What each layer changes</summary>
        <div class="table-scroll">
          <table class="layer-changes">
            <thead>
              <tr>
                <th class="num">layer</th>
                <th class="num">added</th>
                <th class="num">modified</th>
                <th class="num">deleted</th>
              </tr>
            </thead>
            <tbody>
              {image.layers.map((l) =>
                l.changes ? (
                  <tr key={l.index}>
                    <td class="num">{layerName(l.index)}</td>
                    <td class="num">
                      {formatCount(l.changes.added.count)} (<Bytes n={l.changes.added.bytes} />)
                    </td>
                    <td class="num">
                      {formatCount(l.changes.modified.count)} (<Bytes n={l.changes.modified.bytes} />)
                    </td>
                    <td class="num">
                      {formatCount(l.changes.deleted.count)} (<Bytes n={l.changes.deleted.bytes} />)
                    </td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
