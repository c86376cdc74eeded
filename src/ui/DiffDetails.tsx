import { Fragment } from 'preact';
import type { Difference, Evidence } from '../compare/types';
import { ContentEvidenceView } from './ContentEvidenceView';
import { factLabel, formatValue, valueText, whatText } from './diffText';
import { whereText } from '../present/where';
import { layerName } from '../present/format';
import { Lines } from './Lines';

export interface DiffDetailsProps {
  diff: Difference | null;
  /** Looks up the root a consequence follows. */
  byId: (id: string) => Difference | undefined;
  /** Evidence the explainers gathered about this difference (text diff, hex, recognised kind…). */
  evidence?: Evidence[];
}

/** Everything about the selected difference: A and B in full, where, what it follows, facts, evidence. */
export function DiffDetails({ diff: d, byId, evidence }: DiffDetailsProps) {
  if (!d) return <p class="diff-details muted">Select a difference (click, or ↑/↓ in the list) to see A and B in full.</p>;
  const root = d.follows ? byId(d.follows) : undefined;
  const label = d.scope.path ?? whatText(d);
  return (
    <section class="diff-details" aria-label="Selected difference">
      <dl class="facts">
        <dt>What</dt>
        <dd>
          {whatText(d)}{' '}
          <span class="muted">
            ({d.subject}, {d.kind})
          </span>
        </dd>
        {(d.scope.image || d.scope.layerA != null || d.scope.layerB != null) && (
          <>
            <dt>Where</dt>
            <dd>{whereText(d)}</dd>
          </>
        )}
        {d.scope.path && (
          <>
            <dt>Path</dt>
            <dd>
              <code class="wrap">{d.scope.path}</code>
            </dd>
          </>
        )}
      </dl>
      <div class="ab-values">
        <div class="ab-side">
          <h4>A</h4>
          <pre class="value wrap">
            <Lines lines={valueText(d, 'a', true).split('\n')} />
          </pre>
        </div>
        <div class="ab-side">
          <h4>B</h4>
          <pre class="value wrap">
            <Lines lines={valueText(d, 'b', true).split('\n')} />
          </pre>
        </div>
      </div>
      <dl class="facts">
        {d.follows && (
          <>
            <dt>Follows from</dt>
            <dd>
              {root ? `${whatText(root)}${whereText(root) ? ` · ${whereText(root)}` : ''}` : d.follows}{' '}
              <span class="muted">(a consequence: it changed because that did)</span>
            </dd>
          </>
        )}
        {d.facts &&
          Object.entries(d.facts).map(([k, v]) => (
            <Fragment key={k}>
              <dt>{factLabel(k)}</dt>
              <dd class="wrap">{factText(k, v)}</dd>
            </Fragment>
          ))}
      </dl>
      {/* The difference's id is for tools and bug reports (the JSON's differences[].id), not for reading. */}
      <details class="diff-id">
        <summary class="muted">Difference id (as in the exported JSON)</summary>
        <code class="wrap select-all">{d.id}</code>
      </details>
      {evidence?.map((e, i) => (
        <div key={i} class="evidence-detail">
          <p class="evidence-text">{e.text}</p>
          {e.detail && <ContentEvidenceView detail={e.detail} label={label} />}
        </div>
      ))}
    </section>
  );
}

function factText(key: string, v: Difference['a']): string {
  if ((key === 'layerA' || key === 'layerB') && typeof v === 'number') return layerName(v);
  return formatValue(key, v, true);
}
