import type { Verdict } from '../compare/types';
import { VERDICT_ICON, VERDICT_LABEL, VERDICT_MEANING, VERDICT_TONE } from './verdictText';

/**
 * The verdict as a colour-coded badge. The visible text is the verdict's name, with a shape
 * for those who do not tell the colours apart; screen readers hear "Verdict: Metadata only".
 */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span class={`verdict-badge tone-${VERDICT_TONE[verdict]}`} data-verdict={verdict} title={VERDICT_MEANING[verdict]}>
      <span aria-hidden="true" class="verdict-icon">
        {VERDICT_ICON[verdict]}
      </span>
      <span class="visually-hidden">Verdict: </span>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}
