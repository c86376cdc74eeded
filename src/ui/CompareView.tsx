import type { Progress } from '../engine/progress';
import type { HeldComparison } from '../engine/api';
import type { ComponentChildren } from 'preact';
import { useCallback, useMemo } from 'preact/hooks';
import type { ComparisonReport, Difference, Evidence, IgnoreOptions } from '../compare/types';
import { CauseList } from './CauseList';
import { DifferenceIndex, type DifferenceSource } from '../present/diff-selection';
import { DrillDown } from './DrillDown';
import { InputsPanel } from './InputsPanel';
import { JumpLinks } from './JumpLinks';
import { OptionsPanel } from './OptionsPanel';
import type { RunStatus } from './run';
import { VerdictHeader } from './VerdictHeader';
import { pure } from './pure';
import './panels.css';
import './compare.css';
import './shown'; // archive names escaped in every text node and attribute (the CLI's escape)

// What a progress event does not change is not rendered again (pure.ts): only the verdict
// header (the verification line) and the progress bar follow the ticks.
const Inputs = pure(InputsPanel);
const Causes = pure(CauseList);
const Options = pure(OptionsPanel);
const Drill = pure(DrillDown);

export interface CompareViewProps {
  /** The report as explained for `options` (a pure presenter: it never reads the archives). */
  report: ComparisonReport;
  /** Where the report's differences are when the page does not hold them all (the browser engine
   *  keeps a comparison's differences in its coordinator Worker: `report.differences` is then only
   *  the ones its causes list). Default: `report.differences`. */
  differences?: HeldComparison | DifferenceSource | null;
  status: RunStatus;
  options: IgnoreOptions;
  onOptions: (o: IgnoreOptions) => void;
  ignored: number | null;
  /** The progress bar while the deep comparison runs (shown right under the verdict). */
  progress?: ComponentChildren;
  /** The digest verification's progress, while it runs after the final report. */
  verifying?: Progress | null;
  onStopVerifying?: () => void;
  /** Runs the same comparison again (offered after a cancel). */
  onCompareAgain?: () => void;
}

/**
 * A comparison: the verdict and headline first, then the progress while the deep comparison
 * runs, the two archives, the ranked causes next to the ignore options, and the drill-down of
 * every difference by level.
 */
export function CompareView({
  report,
  differences,
  status,
  options,
  onOptions,
  ignored,
  progress,
  verifying,
  onStopVerifying,
  onCompareAgain,
}: CompareViewProps) {
  const local = useMemo(() => (differences ? null : new DifferenceIndex(report.differences)), [differences, report.differences]);
  const source = differences ?? local!;
  const byIdMap = useMemo(() => new Map(report.differences.map((d) => [d.id, d])), [report.differences]);
  const byId = useCallback((id: string): Difference | undefined => byIdMap.get(id), [byIdMap]);
  const evidence = useMemo(() => {
    const m = new Map<string, Evidence[]>();
    for (const c of report.causes) for (const e of c.evidence) if (e.difference) m.set(e.difference, [...(m.get(e.difference) ?? []), e]);
    return m;
  }, [report.causes]);
  const withImage = report.pairing.images.length > 1;
  return (
    <div class="compare">
      <VerdictHeader
        report={report}
        status={status}
        ignored={ignored}
        verifying={verifying}
        onStopVerifying={onStopVerifying}
        onCompareAgain={onCompareAgain}
      />
      {progress}
      <Inputs report={report} cancelled={status === 'cancelled'} files={differences && 'files' in differences ? differences.files : undefined} />
      {source.total > 0 && <JumpLinks />}
      <div class="causes-and-options">
        <Causes report={report} source={source} cancelled={status === 'cancelled'} byId={byId} evidence={evidence} withImage={withImage} />
        <Options options={options} onChange={onOptions} ignored={ignored} />
      </div>
      <Drill report={report} source={source} byId={byId} evidence={evidence} withImage={withImage} />
    </div>
  );
}
