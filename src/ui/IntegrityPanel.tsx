import type { IntegrityCheck, InputReport } from '../report/types';
import { plural } from '../present/format';

const KIND_LABEL: Record<IntegrityCheck['kind'], string> = {
  'blob-digest': 'blob digest',
  'blob-size': 'blob size',
  'diff-id': 'diff_id',
  reference: 'reference',
  'layer-count': 'layer count',
};

/**
 * Integrity checks: digests, sizes, diff_ids and references. Failed checks come first,
 * each with what was expected and what the archive actually holds.
 */
export function IntegrityPanel({ integrity }: { integrity: InputReport['integrity'] }) {
  const { checks, done, ok } = integrity;
  const failed = checks.filter((c) => !c.ok);
  const passed = checks.filter((c) => c.ok);
  const verdict = !done
    ? `Not finished: ${plural(checks.length, 'check')} ran, ${failed.length} failed`
    : failed.length
      ? `${plural(failed.length, 'check')} of ${checks.length} failed`
      : ok
        ? `All ${plural(checks.length, 'check')} passed`
        : 'Failed';
  return (
    <section class="panel integrity" aria-labelledby="integrity-title">
      <h2 id="integrity-title">Integrity</h2>
      <p class={`verdict ${failed.length || (done && !ok) ? 'is-bad' : done ? 'is-good' : 'is-unknown'}`}>
        <span aria-hidden="true">{failed.length || (done && !ok) ? '✗ ' : done ? '✓ ' : '… '}</span>
        {verdict}
      </p>
      {failed.length > 0 && (
        <ul class="checks">
          {failed.map((c, i) => (
            <Check key={`f${i}`} check={c} />
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <details>
          <summary>{plural(passed.length, 'passed check')}</summary>
          <ul class="checks">
            {passed.map((c, i) => (
              <Check key={`p${i}`} check={c} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Check({ check: c }: { check: IntegrityCheck }) {
  return (
    <li class={c.ok ? 'check is-ok' : 'check is-failed'}>
      <div>
        <span class={`badge ${c.ok ? 'badge-ok' : 'badge-failed'}`}>{c.ok ? 'ok' : 'failed'}</span>{' '}
        <span class="check-kind">{KIND_LABEL[c.kind] ?? c.kind}</span> · <span class="check-subject">{c.subject}</span>
      </div>
      {c.message && <div class="check-message">{c.message}</div>}
      {(c.expected !== undefined || c.actual !== undefined) && (
        <dl class="facts compact">
          {c.expected !== undefined && (
            <>
              <dt>expected</dt>
              <dd>
                <code class="wrap">{c.expected}</code>
              </dd>
            </>
          )}
          {c.actual !== undefined && (
            <>
              <dt>actual</dt>
              <dd>
                <code class="wrap">{c.actual}</code>
              </dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}
