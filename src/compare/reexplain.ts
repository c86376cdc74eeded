/**
 * A comparison report explained again for other ignore options (the page's): verdict, headline
 * and causes anew, from the report alone — its differences, pairing and identicalBytes are the
 * DiffResult the explainer takes — never the archives again. The page runs it on a report it
 * holds whole; the coordinator Worker on the reports it keeps (src/engine/coordinator-api.ts).
 * The explainer is a parameter: the page loads it lazily.
 */
import type { ComparisonReport, ContentEvidence, DiffResult, ExplainFn, IgnoreOptions } from './types';

export function diffResultOf(r: ComparisonReport): DiffResult {
  return { differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes };
}

export function sameOptions(x: IgnoreOptions, y: IgnoreOptions): boolean {
  return (
    x.timestamps === y.timestamps &&
    x.fileOrder === y.fileOrder &&
    x.ownerNames === y.ownerNames &&
    x.tarFormat === y.tarFormat &&
    x.history === y.history &&
    !!x.imageName === !!y.imageName &&
    !!x.modeBits === !!y.modeBits &&
    x.paths.length === y.paths.length &&
    x.paths.every((p, i) => p === y.paths[i])
  );
}

export interface Explained {
  report: ComparisonReport;
  /** Differences the options ignore; null until the explainer is loaded. */
  ignored: number | null;
}

/**
 * The report for the page's current options. With the options the engine used, the engine's
 * own verdict and causes are kept as they are (Export JSON then saves exactly what the engine
 * returned); only the ignored count comes from re-running the explainer. With other options,
 * verdict, headline and causes are re-explained; content evidence (text diffs, hex) gathered by
 * the engine for a difference is carried over to the new evidence about that same difference.
 */
export function explainFor(r: ComparisonReport, options: IgnoreOptions, explain: ExplainFn | null): Explained {
  if (!explain) return { report: r, ignored: null };
  const ex = explain(diffResultOf(r), r.inputs[0], r.inputs[1], options);
  if (sameOptions(options, r.options)) return { report: r, ignored: ex.ignored };
  // A difference may have several details (a hex window and a recognised kind): handed out in order.
  const details = new Map<string, ContentEvidence[]>();
  for (const c of r.causes)
    for (const e of c.evidence) if (e.detail && e.difference) details.set(e.difference, [...(details.get(e.difference) ?? []), e.detail]);
  const used = new Map<string, number>();
  const causes = ex.causes.map((c) => ({
    ...c,
    evidence: c.evidence.map((e) => {
      if (e.detail || !e.difference) return e;
      const i = used.get(e.difference) ?? 0;
      const detail = details.get(e.difference)?.[i];
      if (!detail) return e;
      used.set(e.difference, i + 1);
      return { ...e, detail };
    }),
  }));
  return { report: { ...r, options, verdict: ex.verdict, headline: ex.headline, causes }, ignored: ex.ignored };
}
