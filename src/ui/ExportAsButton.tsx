import { useState } from 'preact/hooks';
import type { ComparisonReport, IgnoreOptions } from '../compare/types';
import type { HeldComparison } from '../engine/api';
import type { InspectionReport } from '../report/types';
import { downloadBlob } from './download';

export type ShareFormat = 'json' | 'html' | 'markdown';

type Report = InspectionReport | ComparisonReport;

/**
 * The presenters of src/present (the CLI's, pure functions of the report) are imported on
 * the first click only: they are not part of the page's initial JavaScript (issue 4 budget).
 * JSON is the report as it is.
 */
const PRESENT: Record<ShareFormat, { label: string; type: string; render: (r: Report) => string | Promise<string> }> = {
  json: {
    label: 'Export JSON',
    type: 'application/json',
    render: (r) => `${JSON.stringify(r)}\n`,
  },
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
 * "Export JSON": the report as the page shows it: an inspection exactly as the engine returned
 * it; a comparison with the current ignore options and the verdict and causes explained for
 * them. "Export HTML": one self-contained file (inline CSS, no script runs, CSP `default-src
 * 'none'`, every archive name escaped: src/present/html.ts) that opens offline and can be
 * attached to a ticket. "Export Markdown": a summary sized for a pull-request comment.
 * Enabled once the run has finished, failed or been cancelled (a partial report is worth
 * keeping: it says where reading stopped). A comparison the engine holds whole (`held`: the page
 * has only what it shows) is written by the engine, explained for `options`, as the CLI writes it.
 */
export function ExportAsButton({ format, report, filename, busy, held, options }: ExportAsButtonProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const [making, setMaking] = useState(false);
  const p = PRESENT[format];
  const disabled = busy || !report || making;
  async function save() {
    if (!report) return;
    // A comparison the engine holds is written there; a report on the page is rendered here.
    const own = held && options ? null : p.render(report);
    if (typeof own === 'string') {
      // in the click's own task, as browsers prefer downloads
      downloadBlob(new Blob([own], { type: p.type }), filename);
      return;
    }
    setMaking(true);
    setFailed(null);
    try {
      downloadBlob(own ? new Blob([await own], { type: p.type }) : await held!.export(format, options!), filename);
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
