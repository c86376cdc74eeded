/**
 * HTML sections for a comparison: the verdict banner, the causes with their evidence
 * (text hunks, hex, recognised kinds, compression facts) and remedies, and every
 * difference grouped by the level it lives at.
 */
import { causeTitle } from '../compare/cause-titles';
import { htmlWithCode } from './code-spans';
import { evidenceErrorLines } from './evidence-errors';
import type { ComparisonReport, Cause, ContentEvidence } from '../compare/types';
import { type ExampleGroup, groupEvidence } from '../compare/evidence-groups';
import { h, text, trusted, type Html } from './html-kit';
import { formatBytes, formatCount, formatDurationMs, plural } from './format';
import { VERDICT_TEXT, ignoredText } from './comparison-words';
import { changeText, differenceGroups, embeddedTimestampsText, scopeText, verificationText } from './facts';
import { comparisonOutcome } from './outcome';
import { stepFull, stepText, stepWhere } from './step';

/** Rows per difference group before "… N more in the embedded JSON". */
export const MAX_DIFFERENCE_ROWS = 2000;

export function verdictBanner(r: ComparisonReport): Html {
  const outcome = comparisonOutcome(r);
  const word = outcome === 'same' ? 'same' : outcome === 'different' ? 'different' : 'error';
  const ignored = ignoredText(r.options);
  const meaning = VERDICT_TEXT[r.verdict] ?? r.verdict;
  return h`<section class="verdict ${trusted(word)}"><div><span class="word">${word}</span><strong><code>${r.verdict}</code></strong> <span class="muted">— ${meaning}</span></div>
<p>${text(r.headline, 2000)}</p>
${ignored ? h`<p class="muted">Ignoring ${ignored}.</p>` : ''}
${r.stats.phase === 'preliminary' ? h`<p class="warn">Preliminary: layer contents not compared yet.</p>` : ''}
${embeddedTimestampsText(r) ? h`<p class="muted">${text(embeddedTimestampsText(r), 600)}.</p>` : ''}
<p class="muted small">Read ${formatBytes(r.stats.bytesRead)} in ${formatDurationMs(r.stats.elapsedMs)}; ${plural(r.stats.layersScanned, 'layer blob')} scanned${verificationText(r) ? `; ${verificationText(r)}` : ''}.</p></section>`;
}

export function causesSection(r: ComparisonReport): Html {
  if (!r.causes.length) return h`<h2>Causes</h2><p>No differences remain${ignoredText(r.options) ? ' after the ignore options' : ''}.</p>`;
  const failed = evidenceErrorLines(r);
  return h`<h2>Causes (${r.causes.length})</h2>${r.causes.map((c, i) => cause(c, i))}${
    failed.length ? h`<p class="warn">Evidence not read:</p><ul>${failed.map((l) => h`<li>${text(l, 2000)}</li>`)}</ul>` : ''
  }`;
}

function cause(c: Cause, i: number): Html {
  const cons = c.consequences ? `, ${plural(c.consequences, 'consequence')}` : '';
  return h`<details${i < 5 ? trusted(' open') : ''}><summary>${i + 1}. ${causeTitle(c.id)} <code>${c.id}</code> <span class="muted">${c.level}</span> — ${plural(c.count, 'difference')}${cons}</summary>
<p>${text(c.summary, 4000)}</p>
${c.steps ? h`<ul class="steps">${c.steps.map((s) => h`<li>Step: ${stepWhere(s)}, <code title="${stepFull(s.createdBy)}">${stepText(s.createdBy)}</code></li>`)}</ul>` : ''}
${c.evidence.length ? h`<ul class="evidence">${groupEvidence(c.evidence).map(example)}</ul>` : ''}
${c.remedy ? h`<p><strong>Remedy:</strong> ${htmlWithCode(c.remedy, 4000)}</p>` : ''}</details>`;
}

/** One example per difference (the evidence pass repeats one for each detail it found). */
function example(g: ExampleGroup): Html {
  const e = g.first;
  const values =
    e.a !== undefined || e.b !== undefined
      ? h`<table class="small values"><tbody><tr><th>A</th><td><code>${json(e.a)}</code></td></tr><tr><th>B</th><td><code>${json(e.b)}</code></td></tr></tbody></table>`
      : '';
  const [first, ...more] = g.texts;
  return h`<li>${text(first, 2000)}${more.map((t) => h`<br>${text(t, 2000)}`)}${e.where ? h` <span class="muted">at <code>${e.where}</code></span>` : ''}${values}${g.details.map(detail)}</li>`;
}

function json(v: unknown): string {
  if (v === undefined) return '(absent)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function detail(d: ContentEvidence): Html {
  switch (d.kind) {
    case 'text-diff':
      return h`<pre class="diff">${d.hunks.map(
        (hk) =>
          h`<span class="hunk">@@ -${hk.aStart + 1} +${hk.bStart + 1} @@</span>${hk.lines.map(
            (l) =>
              h`<span class="${trusted(l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'ctx')}">${l.op === '+' || l.op === '-' ? l.op : ' '}${text(l.text, 2000)}</span>`,
          )}`,
      )}${d.truncated ? h`<span class="hunk">… (truncated)</span>` : ''}</pre>`;
    case 'hex':
      return h`<pre>offset ${formatCount(d.offset)} (${formatCount(d.length)} bytes)
A ${text(d.a, 4000)}
B ${text(d.b, 4000)}</pre>`;
    case 'recognised':
      return h`<p class="small"><strong>${d.what}</strong>: ${d.detail}</p>`;
    case 'compression':
      return h`<p class="small">${d.detail}${d.divergesAt !== undefined ? `; the streams diverge at byte ${formatCount(d.divergesAt)}` : ''}${d.matchesZlibLevel != null ? `; matches zlib level ${d.matchesZlibLevel}` : ''}</p>`;
    default:
      return h``;
  }
}

export function differencesSection(r: ComparisonReport): Html {
  const groups = differenceGroups(r.differences);
  if (!groups.length) return h``;
  return h`<h2>Differences by level (${formatCount(r.differences.length)})</h2>${groups.map((g) => {
    const shown = g.differences.slice(0, MAX_DIFFERENCE_ROWS);
    const more = g.differences.length - shown.length;
    const rows = shown.map(
      (d) => h`<tr><td><code>${scopeText(d) || '—'}</code></td><td>${d.kind}</td><td><code>${text(changeText(d, 400), 1000)}</code></td>
<td class="small muted">${d.follows ? h`follows <code>${d.follows}</code>` : ''}</td></tr>`,
    );
    return h`<details><summary>${g.label} (${formatCount(g.differences.length)}${g.consequences ? `, ${formatCount(g.consequences)} consequences` : ''})</summary>
<table><thead><tr><th>where</th><th>kind</th><th>change</th><th></th></tr></thead><tbody>${rows}</tbody></table>
${more > 0 ? h`<p class="muted">… ${formatCount(more)} more in the embedded JSON report.</p>` : ''}</details>`;
  })}`;
}
