import { useState } from 'preact/hooks';
import type { IgnoreOptions } from '../compare/types';
import type { HeldComparison } from '../engine/api';
import { downloadBlob } from './download';

export interface ExportButtonProps {
  /** The report to save (inspection or comparison); null while there is none yet. */
  report: object | null;
  /** The file name to save as (`download.ts`: reportFilename / comparisonFilename). */
  filename: string;
  /** True while the engine works: the report would be incomplete. */
  busy: boolean;
  /** A comparison the engine holds whole (useRun `held`): it writes the file, explained for `options`. */
  held?: HeldComparison | null;
  options?: IgnoreOptions;
}

/**
 * "Export JSON": saves the report as the page shows it: an inspection exactly as the engine
 * returned it; a comparison with the current ignore options and the verdict and causes
 * explained for them — written by the engine when it holds the comparison whole (`held`: the
 * page has only what it shows), as the CLI writes it. Enabled once the work has finished, failed or been cancelled — a
 * partial report is worth keeping, it says where reading stopped.
 */
export function ExportButton({ report, filename, busy, held, options }: ExportButtonProps) {
  const [making, setMaking] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const disabled = busy || !report || making;
  async function save() {
    if (!report) return;
    if (!held || !options) {
      downloadBlob(new Blob([JSON.stringify(report), '\n'], { type: 'application/json' }), filename);
      return;
    }
    setMaking(true);
    setFailed(null);
    try {
      downloadBlob(await held.export('json', options), filename);
    } catch (e) {
      setFailed(`Export JSON failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setMaking(false);
    }
  }
  return (
    <>
      <button type="button" class="button" disabled={disabled} onClick={save} title={disabled ? undefined : `Save ${filename}`}>
        Export JSON
      </button>
      {failed && (
        <span class="error-inline" role="alert">
          {failed}
        </span>
      )}
    </>
  );
}
