import type { ErrorInfo } from '../io/errors';
import { formatError } from '../io/errors';
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
 * The first fatal error (`input.error`) as an alert at the top, with its kind, component and
 * place; then every other recorded problem (`errors[]`). Everything read before the error is
 * still shown below this panel. In a comparison there is one panel per archive (`id`, `side`).
 */
export function ErrorPanel({ input, cancelled, id = 'errors', side }: { input: InputReport; cancelled: boolean; id?: string; side?: string }) {
  // A cancel is not a problem of the archive: the page says it once, neutrally (the verdict
  // header), so the errors it left (code `cancelled`) are not listed here.
  const errors = input.errors.filter((e) => e.code !== 'cancelled');
  const error = cancelled && errors.length === 0 ? null : input.error;
  if (!error && errors.length === 0) return null;
  const fatal = !!error && !cancelled;
  // The error the message came from, if it is one of errors[] (normally the first).
  const main = error ? errors.find((e) => formatError(e) === error || e.message === error) : undefined;
  const others = errors.filter((e) => e !== main);
  return (
    <section class={`panel errors${fatal ? ' is-fatal' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {side && `${side}: `}
        {cancelled ? 'Cancelled' : fatal ? 'The archive could not be read completely' : 'Problems found'}
      </h2>
      {error && (
        <p class="error-main" role={fatal ? 'alert' : 'status'}>
          {error}
        </p>
      )}
      {main && <ErrorFacts error={main} />}
      {error && !cancelled && <p class="muted">Everything read before the error is shown below and is in the exported JSON.</p>}
      {others.length > 0 && (
        <>
          <h3>{error ? `Other problems (${others.length})` : `${others.length} problem${others.length === 1 ? '' : 's'}`}</h3>
          <ul class="error-list">
            {others.map((e, i) => (
              <li key={i}>
                <ErrorFacts error={e} withMessage />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "[truncated] tar: <message> (in <path>, at offset 1,024)". */
function ErrorFacts({ error: e, withMessage }: { error: ErrorInfo; withMessage?: boolean }) {
  const place = errorPlace(e);
  return (
    <span class="error-facts">
      <span class={`badge badge-${e.code}`}>{CODE_LABEL[e.code] ?? e.code}</span> <strong class="component">{e.component}</strong>
      {withMessage && (
        <>
          {': '}
          <span class="error-message">{errorMessage(e)}</span>
        </>
      )}
      {place && <span class="error-place"> {withMessage ? `(${place})` : place}</span>}
    </span>
  );
}
