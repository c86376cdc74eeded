import type { InspectionReport } from '../report/types';
import { downloadBlob, reportFilename } from './download';

export interface ExportButtonProps {
  /** The report to save; null while there is none yet. */
  report: InspectionReport | null;
  /** Name of the archive the report is about (the file name is derived from it). */
  archiveName: string;
  /** True while an inspection runs: the report would be incomplete. */
  busy: boolean;
}

/**
 * "Export JSON": saves the report exactly as the engine returned it, as
 * `<archive-name>.tarscope.json`. Enabled once the work has finished, failed or been
 * cancelled — a partial report is worth keeping, it says where reading stopped.
 */
export function ExportButton({ report, archiveName, busy }: ExportButtonProps) {
  const disabled = busy || !report;
  function save() {
    if (!report) return;
    const blob = new Blob([JSON.stringify(report), '\n'], { type: 'application/json' });
    downloadBlob(blob, reportFilename(archiveName));
  }
  return (
    <button type="button" class="button" disabled={disabled} onClick={save} title={disabled ? undefined : `Save ${reportFilename(archiveName)}`}>
      Export JSON
    </button>
  );
}
