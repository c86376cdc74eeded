import type { EvidenceError } from '../compare/types';
import { plural } from '../present/format';
import { errorMessage, errorPlace } from './errorText';

/**
 * `stats.evidenceErrors` under the causes: content evidence reads that failed, so an example
 * without its line diff or hex window says why (the report is otherwise complete: these are
 * the details the evidence pass could not add). Nothing when none failed.
 */
export function EvidenceErrorsNote({ errors }: { errors: readonly EvidenceError[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div class="evidence-errors" role="note">
      <p>
        <strong>Evidence not read.</strong> The causes are complete; these examples are shown without their line diff or hex window:
      </p>
      <ul>
        {errors.map((e, i) => {
          const place = errorPlace(e.error);
          return (
            <li key={i}>
              {e.differences.length ? `${plural(e.differences.length, 'difference')}: ` : 'The evidence pass stopped: '}
              <span class="component">{e.error.component}</span>: {errorMessage(e.error)}
              {place && <span class="muted"> ({place})</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
