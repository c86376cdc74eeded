import type { ErrorInfo } from '../io/errors';
import type { InputReport } from '../report/types';
import { errorMessage, errorPlace } from './errorText';

const CODE_LABEL: Record<ErrorInfo['code'], string> = {
  truncated: 'truncated',
  corrupt: 'corrupt',
  unsupported: 'unsupported',
  cancelled: 'cancelled',
  internal: 'internal error',
};

/**
 * The first fatal error (`input.error`) as an alert at the top, then every recorded problem
 * (`errors[]`) with its component and place. Everything read before the error is still
 * shown below this panel.
 */
export function ErrorPanel({ input, cancelled }: { input: InputReport; cancelled: boolean }) {
  const { error, errors } = input;
  if (!error && errors.length === 0) return null;
  const fatal = error && !cancelled;
  return (
    <section class={`panel errors${fatal ? ' is-fatal' : ''}`} aria-labelledby="errors-title">
      <h2 id="errors-title">{cancelled ? 'Cancelled' : fatal ? 'The archive could not be read completely' : 'Problems found'}</h2>
      {error && (
        <p class="error-main" role={fatal ? 'alert' : 'status'}>
          {error}
        </p>
      )}
      {!cancelled && error && <p class="muted">Everything read before the error is shown below and is in the exported JSON.</p>}
      {errors.length > 0 && (
        <ul class="error-list">
          {errors.map((e, i) => (
            <li key={i}>
              <span class={`badge badge-${e.code}`}>{CODE_LABEL[e.code] ?? e.code}</span> <strong class="component">{e.component}</strong>
              {': '}
              <span class="error-message">{errorMessage(e)}</span>
              {errorPlace(e) && <span class="error-place"> ({errorPlace(e)})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
