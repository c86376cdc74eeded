/**
 * The self-contained HTML report: one file that opens offline and makes no request.
 * Inline CSS, no external fonts, images or scripts; `<details>` does expand/collapse, so
 * the page runs no script at all, and its Content-Security-Policy says so
 * (`default-src 'none'`): even a string that escaped escaping could neither run nor load
 * anything. The report itself is embedded as JSON in a non-executed
 * `<script type="application/json" id="tarscope-report">` (escaped against `</script>`,
 * escape.ts) so the file can be loaded back into tarscope or read with `jq`.
 */
import type { CiResult, InspectionReport } from '../report/types';
import { failedReason } from './efficiency';
import type { ComparisonReport } from '../compare/types';
import { h, trusted, type Html } from './html-kit';
import { jsonForScript } from './escape';
import { CSS } from './html-style';
import { inputDetail, inputsTable } from './html-inspection';
import { causesSection, differencesSection, verdictBanner } from './html-comparison';
import { inspectionOutcome } from './outcome';

export interface HtmlOptions {
  /** Embed the whole report as JSON (default true). Large listings make large pages. */
  embedJson?: boolean;
}

export const REPORT_SCRIPT_ID = 'tarscope-report';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function page(title: string, body: Html, report: InspectionReport | ComparisonReport, o: HtmlOptions): string {
  const data = o.embedJson === false ? '' : trusted(`<script type="application/json" id="${REPORT_SCRIPT_ID}">${jsonForScript(report)}</script>`);
  return h`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="tarscope ${report.tool.version}">
<title>${title}</title>
<style>${trusted(CSS)}</style></head>
<body><main>${body}
<footer>tarscope ${report.tool.version} · report created ${report.createdAt} · the embedded JSON (<code>#${REPORT_SCRIPT_ID}</code>) holds every field.</footer>
</main>${data}</body></html>
`.html;
}

export function comparisonHtml(r: ComparisonReport, o: HtmlOptions = {}): string {
  const [A, B] = r.inputs;
  const body = h`<h1>tarscope: <code>${A.name}</code> vs <code>${B.name}</code></h1>
${verdictBanner(r)}
<h2>Inputs</h2>${inputsTable(r.inputs, ['A', 'B'])}
${causesSection(r)}
${differencesSection(r)}
<h2>Inputs in detail</h2>
<details><summary>A: <code>${A.name}</code></summary>${inputDetail(A)}</details>
<details><summary>B: <code>${B.name}</code></summary>${inputDetail(B)}</details>`;
  return page(`tarscope: ${A.name} vs ${B.name} — ${r.verdict}`, body, r, o);
}

export function inspectionHtml(r: InspectionReport, o: HtmlOptions = {}): string {
  const outcome = inspectionOutcome(r);
  const word = outcome === 'ok' ? 'same' : outcome === 'failed' ? 'different' : 'error';
  const says = outcome === 'ok' ? 'ok' : outcome === 'failed' ? failedReason(r) : 'unreadable';
  const meaning =
    outcome === 'ok'
      ? 'readable to the end; every integrity check passed'
      : outcome === 'failed'
        ? 'an integrity check or a CI rule failed, or a layer could not be read'
        : 'the archive could not be read to the end; the report keeps what was read';
  const names = r.inputs.map((i) => i.name).join(', ');
  const body = h`<h1>tarscope: <code>${names}</code></h1>
<section class="verdict ${trusted(word)}"><span class="word">${says}</span> <span class="muted">— ${meaning}</span></section>
${inputsTable(r.inputs)}
${r.ci ? ciSection(r.ci) : ''}
${r.inputs.map((i) => h`<h2><code>${i.name}</code></h2>${inputDetail(i)}`)}`;
  return page(`tarscope: ${names}`, body, r, o);
}

/** dive's CI rules, one row per rule and image. */
function ciSection(ci: CiResult): Html {
  const rows = ci.rules.flatMap((rule) =>
    rule.status === 'skip'
      ? [h`<tr><td>SKIP</td><td>${rule.rule}</td><td class="num"></td><td class="num">disabled</td><td></td></tr>`]
      : rule.images.map(
          (i) =>
            h`<tr><td class="${i.status === 'fail' ? 'bad' : 'ok'}">${i.status === 'fail' ? '✗ FAIL' : '✓ PASS'}</td><td>${rule.rule}</td><td class="num">${i.value === null ? 'n/a' : String(i.value)}</td><td class="num">${rule.threshold}</td><td>${i.image}</td></tr>`,
        ),
  );
  return h`<section class="ci"><h2>CI rules (dive): ${ci.pass ? 'PASS' : 'FAIL'}</h2>
<table><thead><tr><th>result</th><th>rule</th><th class="num">value</th><th class="num">threshold</th><th>image</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function presentHtml(r: InspectionReport | ComparisonReport, o: HtmlOptions = {}): string {
  return r.kind === 'comparison' ? comparisonHtml(r, o) : inspectionHtml(r, o);
}
