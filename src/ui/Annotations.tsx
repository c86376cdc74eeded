import { Fragment } from 'preact';

/** OCI annotations (or any string map) as a definition list. */
export function Annotations({ values }: { values: Record<string, string> }) {
  return (
    <dl class="facts annotations">
      {Object.entries(values).map(([k, v]) => (
        <Fragment key={k}>
          <dt>
            <code>{k}</code>
          </dt>
          <dd class="wrap">{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
