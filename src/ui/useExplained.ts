import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import type { HeldComparison } from '../engine/api';
import { explainFor, type ExplainFn, type Explained, sameOptions } from './compareRun';

/**
 * `explainFor` for the page, keeping the main thread's tasks short (issue 12: no task over
 * 200 ms). With the options the engine used, the report is shown as the engine made it at once,
 * and the ignored count — a whole run of the explainer, ~100 ms for 20,000 differences — follows
 * in a task of its own instead of lengthening the one that renders the report — or not at all
 * when the engine sent it with the report (`known`: the page's engine computes it in its
 * coordinator Worker). With other
 * options the report must be re-explained before it is shown: that stays in the render — unless
 * the engine holds the report (`held`: its differences stay in the coordinator Worker, issue 12),
 * which then re-explains it there; the page shows the report as it was until the answer comes.
 */
export function useExplained(
  comparison: ComparisonReport | null,
  options: IgnoreOptions,
  explain: ExplainFn | null,
  /** The count for `comparison`'s own options, when the engine sent it (useRun `ignored`). */
  known: number | null = null,
  /** Where the rest of `comparison` is, when the engine kept it (useRun `held`). */
  held: HeldComparison | null = null,
): Explained | null {
  const same = !!comparison && sameOptions(options, comparison.options);
  const [asked, setAsked] = useState<{ of: ComparisonReport; options: IgnoreOptions; answer: Explained } | null>(null);
  useEffect(() => {
    if (!comparison || !held || same) return;
    let live = true;
    held.explain(options).then(
      (answer) => live && setAsked({ of: comparison, options, answer }),
      () => {}, // the coordinator is gone: the report stays as the engine explained it
    );
    return () => {
      live = false;
    };
  }, [comparison, held, options, same]);
  const now = useMemo(() => (comparison ? explainFor(comparison, options, same || held ? null : explain) : null), [comparison, options, explain, same, held]);
  const [later, setLater] = useState<{ of: ComparisonReport; ignored: number } | null>(null);
  useEffect(() => {
    if (!comparison || !same || !explain || known !== null) return;
    const t = setTimeout(() => setLater({ of: comparison, ignored: explainFor(comparison, options, explain).ignored ?? 0 }), 0);
    return () => clearTimeout(t);
  }, [comparison, same, explain, options, known]);
  if (!now) return null;
  if (held && !same) return asked?.of === comparison && asked.options === options ? asked.answer : { report: now.report, ignored: null };
  if (!same) return now;
  if (known !== null) return { report: now.report, ignored: known };
  return { report: now.report, ignored: later?.of === comparison ? later.ignored : null };
}
