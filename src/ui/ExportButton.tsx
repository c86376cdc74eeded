import { downloadBlob } from './download';

export interface ExportButtonProps {
  /** The report to save (inspection or comparison); null while there is none yet. */
  report: object | null;
  /** The file name to save as (`download.ts`: reportFilename / comparisonFilename). */
  filename: string;
  /** True while the engine works: the report would be incomplete. */
  busy: boolean;
}

/**
 * "Export JSON": saves the report as the page shows it: an inspection exactly as the engine
 * returned it; a comparison with the current ignore options and the verdict and causes
 * explained for them. Enabled once the work has finished, failed or been cancelled — a
 * partial report is worth keeping, it says where reading stopped.
 */
export function ExportButton({ report, filename, busy }: ExportButtonProps) {
  const disabled = busy || !report;
  function save() {
    if (!report) return;
    const blob = new Blob([JSON.stringify(report), '\n'], { type: 'application/json' });
    downloadBlob(blob, filename);
  }
  return (
    <button type="button" class="button" disabled={disabled} onClick={save} title={disabled ? undefined : `Save ${filename}`}>
      Export JSON
    </button>
  );
}
