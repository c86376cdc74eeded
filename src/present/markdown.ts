/**
 * The Markdown presenter: a summary for a pull-request comment or a GitHub Actions step
 * summary. Result line, the causes as a table with counts, the evidence folded in
 * `<details>`, the remedies. Kept under GitHub's comment limit (65,536 characters) by
 * rendering again with fewer examples when the first attempt is too long.
 *
 * Escaping: Markdown text goes through `md()`, text inside the raw-HTML `<summary>` line
 * through `htmlText()` (no Markdown is parsed there), file contents through `mdFence()`.
 * Only our own vocabulary (cause ids, verdicts) is put in code spans, and only after
 * checking it is made of safe characters.
 */
import { efficiencySummary, failedReason } from './efficiency';
import { causeTitle } from '../compare/cause-titles';
import { mdWithCode } from './code-spans';
import { evidenceErrorLines } from './evidence-errors';
import type { ImagePackage, ImageReport, InspectionReport, InputReport } from '../report/types';
import type { ComparisonReport, Cause } from '../compare/types';
import { type ExampleGroup, groupEvidence } from '../compare/evidence-groups';
import { htmlText, md, mdFence } from './escape';
import { formatBytes, formatCount, compactMediaType, plural, formatPlatform, truncatedDigest } from './format';
import { ignoredText } from './comparison-words';
import { differenceGroups, embeddedTimestampsText, inputFacts, verificationText } from './facts';
import { comparisonOutcome, inspectionOutcome } from './outcome';
import { MAX_PACKAGE_ROWS, PACKAGE_HEAD, packageRow, packagesSummary } from './packages';
import { stepText, stepWhere } from './step';
import { warningText } from './warnings';

export interface MarkdownOptions {
  /** Longest output before examples are dropped (GitHub comments: 65,536). */
  maxChars?: number;
}

interface Budget {
  evidence: number;
  hunkLines: number;
  layers: boolean;
}

const BUDGETS: Budget[] = [
  { evidence: 5, hunkLines: 30, layers: true },
  { evidence: 2, hunkLines: 8, layers: true },
  { evidence: 0, hunkLines: 0, layers: false },
];

/** A code span for our own identifiers; anything unexpected is escaped as text instead. */
function code(id: string): string {
  return /^[a-z0-9][a-z0-9.:-]*$/i.test(id) ? `\`${id}\`` : md(id);
}

/** A table cell: escaped, shortened. */
const cell = (s: string | null | undefined, max = 120) => md(s ?? '', max);

function fit(render: (b: Budget) => string, maxChars: number): string {
  let out = '';
  for (const b of BUDGETS) {
    out = render(b);
    if (out.length <= maxChars) return out;
  }
  return `${out.slice(0, maxChars - 80)}\n\n_(truncated: the full report is in the JSON or HTML output)_\n`;
}

export function comparisonMarkdown(r: ComparisonReport, o: MarkdownOptions = {}): string {
  return fit((b) => renderComparison(r, b), o.maxChars ?? 60_000);
}

function renderComparison(r: ComparisonReport, b: Budget): string {
  const outcome = comparisonOutcome(r);
  const mark = outcome === 'same' ? '✅ same' : outcome === 'different' ? '❌ different' : '⚠️ error';
  const [A, B] = r.inputs.map(inputFacts);
  const out = [
    `### tarscope: ${mark} — ${code(r.verdict)}`,
    '',
    `**A** ${md(A.name, 200)} (${formatBytes(A.size)}, ${md(A.layout)}) · **B** ${md(B.name, 200)} (${formatBytes(B.size)}, ${md(B.layout)})`,
    '',
    `> ${md(r.headline, 600)}`,
    '',
  ];
  const ignored = ignoredText(r.options);
  if (ignored) out.push(`Ignoring: ${md(ignored, 400)}.`, '');
  if (r.stats.phase === 'preliminary') out.push('_Preliminary: layer contents not compared yet._', '');
  const stamps = embeddedTimestampsText(r);
  if (stamps) out.push(`_${md(stamps, 600)}._`, '');
  else if (r.stats.verification.state !== 'done' || !r.stats.digestsVerified) {
    const v = verificationText(r);
    out.push(`_${md(v.charAt(0).toUpperCase() + v.slice(1))}._`, '');
  }
  for (const f of [A, B]) if (f.error) out.push(`- **${md(f.name, 200)}**: ${md(f.error, 400)}`);
  if (A.error || B.error) out.push('');
  if (r.causes.length) {
    out.push('| # | cause | level | count | summary |', '|--:|---|---|--:|---|');
    r.causes.forEach((c, i) => {
      const cons = c.consequences ? ` (+${formatCount(c.consequences)})` : '';
      out.push(`| ${i + 1} | ${md(causeTitle(c.id))} ${code(c.id)} | ${cell(c.level)} | ${formatCount(c.count)}${cons} | ${cell(c.summary, 300)} |`);
    });
    out.push('');
    const stepped = r.causes.filter((c) => c.steps);
    if (stepped.length) {
      out.push('#### Build steps', '');
      for (const c of stepped)
        out.push(`- ${md(causeTitle(c.id))} (${code(c.id)}): ${c.steps!.map((s) => `${md(stepWhere(s))}, ${md(stepText(s.createdBy))}`).join('; ')}`);
      out.push('');
    }
    if (b.evidence > 0) for (const c of r.causes) out.push(...causeDetails(c, b));
    const remedies = r.causes.filter((c) => c.remedy);
    if (remedies.length) {
      out.push('#### Remedies', '');
      for (const c of remedies) out.push(`- ${md(causeTitle(c.id))} (${code(c.id)}): ${mdWithCode(c.remedy, 600)}`);
      out.push('');
    }
    const failed = evidenceErrorLines(r);
    if (failed.length) {
      out.push('#### Evidence not read', '');
      for (const line of failed) out.push(`- ${md(line, 600)}`);
      out.push('');
    }
  } else {
    out.push('No differences remain.', '');
  }
  const groups = differenceGroups(r.differences);
  if (groups.length) {
    out.push(
      `<sub>${formatCount(r.differences.length)} differences: ${groups.map((g) => `${htmlText(g.label)} ${formatCount(g.differences.length)}`).join(' · ')} · tarscope ${htmlText(r.tool.version)}</sub>`,
      '',
    );
  }
  return out.join('\n');
}

function causeDetails(c: Cause, b: Budget): string[] {
  // One example per difference: the evidence pass repeats one for each detail it found.
  const groups = groupEvidence(c.evidence);
  const shown = groups.slice(0, b.evidence);
  if (!shown.length) return [];
  const more = groups.length > shown.length ? ` of ${groups.length}` : '';
  const out = [`<details><summary>${htmlText(c.id)}: ${shown.length}${more} ${shown.length === 1 ? 'example' : 'examples'}</summary>`, ''];
  for (const g of shown) out.push(...exampleItem(g, b), '');
  out.push('</details>', '');
  return out;
}

function exampleItem(g: ExampleGroup, b: Budget): string[] {
  const [first, ...more] = g.texts;
  const out = [`- ${md(first, 400)}${g.first.where ? ` — _at_ ${md(g.first.where, 200)}` : ''}`, ...more.map((t) => `  ${md(t, 400)}`)];
  for (const d of g.details) {
    let block: string[] = [];
    if (d.kind === 'text-diff') {
      const lines: string[] = [];
      for (const h of d.hunks) {
        lines.push(`@@ -${h.aStart + 1} +${h.bStart + 1} @@`);
        for (const l of h.lines) lines.push(`${l.op}${l.text}`);
      }
      const cut = lines.length > b.hunkLines;
      block = mdFence(cut ? [...lines.slice(0, b.hunkLines), '…'] : lines, 'diff').split('\n');
    } else if (d.kind === 'hex') {
      block = mdFence([`offset ${d.offset}`, `A ${d.a}`, `B ${d.b}`]).split('\n');
    } else {
      out.push(`  ${md(d.kind === 'recognised' ? `${d.what}: ${d.detail}` : d.detail, 400)}`);
    }
    // Indented by two spaces: the block belongs to the list item.
    if (block.length) out.push('', ...block.map((l) => `  ${l}`));
  }
  return out;
}

export function inspectionMarkdown(r: InspectionReport, o: MarkdownOptions = {}): string {
  return fit((b) => renderInspection(r, b), o.maxChars ?? 60_000);
}

function renderInspection(r: InspectionReport, b: Budget): string {
  const outcome = inspectionOutcome(r);
  const mark = outcome === 'ok' ? '✅ ok' : outcome === 'failed' ? `❌ ${failedReason(r)}` : '⚠️ unreadable';
  const out = [
    `### tarscope: ${mark} — ${r.inputs.map((i) => md(i.name, 200)).join(', ')}`,
    '',
    '| archive | size | layout | compression | images | layers | files | integrity |',
    '|---|--:|---|---|--:|--:|--:|---|',
  ];
  for (const input of r.inputs) {
    const f = inputFacts(input);
    const integrity = f.checks ? (f.failed.length ? `❌ ${f.failed.length} of ${f.checks} failed` : `✅ ${f.checks} passed`) : '—';
    out.push(
      `| ${cell(f.name)} | ${formatBytes(f.size)} | ${cell(f.layout)} | ${cell(f.compression)} | ${f.images}${f.attestations ? ` (+${f.attestations} attestations)` : ''} | ${f.layers} | ${f.files == null ? '—' : formatCount(f.files)} | ${integrity} |`,
    );
  }
  out.push('');
  if (r.ci) {
    out.push('#### CI rules (dive)', '', '| result | rule | value | threshold | image |', '|---|---|--:|--:|---|');
    for (const rule of r.ci.rules) {
      if (rule.status === 'skip') out.push(`| SKIP | ${rule.rule} | | disabled | |`);
      for (const i of rule.images)
        out.push(
          `| ${i.status === 'fail' ? '❌ FAIL' : '✅ PASS'} | ${rule.rule} | ${i.value === null ? 'n/a' : i.value} | ${cell(rule.threshold)} | ${cell(i.image)} |`,
        );
    }
    out.push('', `CI result: ${r.ci.pass ? '**PASS**' : '**FAIL**'}`, '');
  }
  for (const input of r.inputs) out.push(...inputSections(input, b));
  out.push(`<sub>tarscope ${htmlText(r.tool.version)}</sub>`, '');
  return out.join('\n');
}

function inputSections(input: InputReport, b: Budget): string[] {
  const f = inputFacts(input);
  const out: string[] = [];
  if (f.error) out.push(`**Error** in ${md(f.name, 200)}: ${md(f.error, 600)}`, '');
  if (f.failed.length) {
    out.push(`#### Integrity failures in ${md(f.name, 200)}`, '', '| check | subject | expected | actual |', '|---|---|---|---|');
    for (const c of f.failed.slice(0, 50)) out.push(`| ${cell(c.kind)} | ${cell(c.subject, 200)} | ${cell(c.expected)} | ${cell(c.actual)} |`);
    if (f.failed.length > 50) out.push(`| … | ${formatCount(f.failed.length - 50)} more | | |`);
    out.push('');
  }
  if (f.errors.length) {
    out.push(`#### ${plural(f.errors.length, 'error')} in ${md(f.name, 200)}`, '');
    for (const e of f.errors.slice(0, 20)) out.push(`- ${md(e.message, 400)}`);
    out.push('');
  }
  if (input.warnings?.length) {
    out.push(`#### ${plural(input.warnings.length, 'warning')} in ${md(f.name, 200)}`, '');
    for (const w of input.warnings) out.push(`- ${md(warningText(w), 600)}`);
    out.push('');
  }
  const images = input.images;
  if (images.length) {
    out.push('| image | platform | created | layers | manifest |', '|---|---|---|--:|---|');
    for (const img of images) {
      const tags = img.tags.length ? img.tags.map((t) => md(t, 120)).join(', ') : '_untagged_';
      out.push(
        `| ${tags}${img.kind === 'attestation' ? ' (attestation)' : ''} | ${cell(formatPlatform(img.platform))} | ${cell(img.created)} | ${img.layers.length} | ${cell(truncatedDigest(img.manifest?.digest))} |`,
      );
    }
    out.push('');
  }
  if (b.layers) {
    for (const img of images.filter((i) => i.layers.length)) {
      const label = img.tags[0] ?? truncatedDigest(img.manifest?.digest);
      out.push(`<details><summary>Layers of ${htmlText(label, 120)} (${img.layers.length})</summary>`, '');
      out.push('| # | digest | media type | size | files | created by |', '|--:|---|---|--:|--:|---|');
      for (const l of img.layers) {
        out.push(
          `| ${l.index + 1} | ${cell(truncatedDigest(l.digest))} | ${cell(compactMediaType(l.mediaType))} | ${formatBytes(l.size)} | ${l.fileCount == null ? '—' : formatCount(l.fileCount)} | ${cell(l.createdBy, 100)} |`,
        );
      }
      out.push('', '</details>', '');
    }
  }
  for (const img of images.filter((i) => i.efficiency)) {
    const e = img.efficiency!;
    const label = img.tags[0] ?? truncatedDigest(img.manifest?.digest);
    out.push(`**${md(label, 120)}**: ${md(efficiencySummary(e), 400)}`, '');
    if (e.topWasted.length) {
      out.push(
        `<details><summary>Wasted space in ${htmlText(label, 120)} (top ${Math.min(20, e.topWasted.length)})</summary>`,
        '',
        '| bytes | copies | path |',
        '|--:|--:|---|',
      );
      for (const w of e.topWasted.slice(0, 20)) out.push(`| ${formatBytes(w.size)} | ${w.count} | ${cell(w.path, 200)} |`);
      out.push('', '</details>', '');
    }
  }
  for (const img of images.filter((i) => i.packages?.packages.length)) out.push(...packageSection(img, b.layers ? MAX_PACKAGE_ROWS : 20));
  return out;
}

function packageSection(img: ImageReport, max: number): string[] {
  const pk = img.packages!;
  const label = img.tags[0] ?? truncatedDigest(img.manifest?.digest);
  const out = [`<details><summary>Packages of ${htmlText(label, 120)}: ${htmlText(packagesSummary(pk), 300)}</summary>`, ''];
  out.push(`| ${PACKAGE_HEAD.join(' | ')} |`, `|${PACKAGE_HEAD.map((h) => (h === 'files' || h === 'installed size' ? '--:' : '---')).join('|')}|`);
  const row = (p: ImagePackage) => packageRow(p).map((c) => cell(c, 100));
  for (const p of pk.packages.slice(0, max)) out.push(`| ${row(p).join(' | ')} |`);
  const more = pk.packages.length - max;
  if (more > 0) out.push('', `… ${formatCount(more)} more in the JSON report (\`tarscope inspect --sbom cyclonedx\` writes them all).`);
  out.push('', '</details>', '');
  return out;
}

export function presentMarkdown(r: InspectionReport | ComparisonReport, o: MarkdownOptions = {}): string {
  return r.kind === 'comparison' ? comparisonMarkdown(r, o) : inspectionMarkdown(r, o);
}
