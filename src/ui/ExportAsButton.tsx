import { useState } from 'preact/hooks';
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import type { HeldComparison } from '../engine/api';
import type { InspectionReport } from '../report/types';
import { downloadBlob } from './download';

export type ShareFormat = 'html' | 'markdown';

type Report = InspectionReport | ComparisonReport;

/**
 * The presenters of src/present (the CLI's, pure functions of the report) are imported on
 * the first click only: they are not part of the page's initial JavaScript (issue 4 budget).
 */
const PRESENT: Record<ShareFormat, { label: string; type: string; render: (r: Report) => Promise<string> }> = {
  html: {
    label: 'Export HTML',
    type: 'text/html;charset=utf-8',
    render: async (r) => (await import('../present/html')).presentHtml(r),
  },
  markdown: {
    label: 'Export Markdown',
    type: 'text/markdown;charset=utf-8',
    render: async (r) => (await import('../present/markdown')).presentMarkdown(r),
  },
};

export interface ExportAsButtonProps {
  format: ShareFormat;
  /** The report as the page shows it (as Export JSON saves it); null while there is none. */
  report: Report | null;
  filename: string;
  busy: boolean;
  /** A comparison the engine holds whole (useRun `held`): it writes the file, explained for `options`. */
  held?: HeldComparison | null;
  options?: IgnoreOptions;
}

/**
 * "Export HTML": one self-contained file (inline CSS, no script runs, CSP `default-src
 * 'none'`, every archive name escaped: src/present/html.ts) that opens offline and can be
 * attached to a ticket. "Export Markdown": a summary sized for a pull-request comment.
 * Enabled, like Export JSON, once the run has finished, failed or been cancelled.
 */
export function ExportAsButton({ format, report, filename, busy, held, options }: ExportAsButtonProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const [making, setMaking] = useState(false);
  const p = PRESENT[format];
  const disabled = busy || !report || making;
  async function save() {
    if (!report) return;
    setMaking(true);
    setFailed(null);
    try {
      downloadBlob(held && options ? await held.export(format, options) : new Blob([await p.render(report)], { type: p.type }), filename);
    } catch (e) {
      setFailed(`${p.label} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setMaking(false);
    }
  }
  return (
    <>
      <button type="button" class="button" disabled={disabled} onClick={save} title={disabled ? undefined : `Save ${filename}`}>
        {p.label}
      </button>
      {failed && (
        <span class="error-inline" role="alert">
          {failed}
        </span>
      )}
    </>
  );
}
