/**
 * The terminal presenter: a readable summary of an inspection or a comparison, in colour
 * only when asked (the CLI asks on a TTY). Every string from an archive goes through
 * `visible()`, which also removes ESC and every other byte a terminal would interpret.
 */
import { ciLines } from './ci-rules';
import { efficiencySummary, failedReason } from './efficiency';
import { evidenceErrorLines } from './evidence-errors';
import type { InspectionReport, InputReport, ImageReport } from '../report/types';
import type { ComparisonReport, Cause, ContentEvidence } from '../compare/types';
import { type ExampleGroup, groupEvidence } from '../compare/evidence-groups';
import { visible } from './escape';
import { formatBytes, formatCount, formatDurationMs, compactMediaType, plural, formatPlatform, truncatedDigest, compressionName, layerName } from './format';
import { ignoredText } from './comparison-words';
import { differenceGroups, embeddedTimestampsText, inputFacts, verificationText } from './facts';
import { comparisonOutcome, inspectionOutcome } from './outcome';
import { packagesSummary } from './packages';
import { stepText, stepWhere } from './step';
import { warningText } from './warnings';

export interface TextOptions {
  /** ANSI colours and bold (the CLI: stdout is a TTY, NO_COLOR unset). */
  color?: boolean;
  /** Evidence items shown per cause. */
  evidencePerCause?: number;
}

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

function paint(on: boolean): Paint {
  const sgr = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

/** Untrusted text, made visible and shortened; `max` in characters. */
const v = (s: string | null | undefined, max = 160) => visible(s ?? '', max);

export function inspectionText(r: InspectionReport, o: TextOptions = {}): string {
  const p = paint(!!o.color);
  const out: string[] = [];
  for (const input of r.inputs) out.push(...inputBlock(input, p), '');
  if (r.ci) {
    out.push(p.bold('CI rules (dive)'));
    for (const l of ciLines(r.ci)) out.push(`  ${l.startsWith('FAIL') ? p.red(v(l, 400)) : v(l, 400)}`);
    out.push('');
  }
  const outcome = inspectionOutcome(r);
  out.push(
    outcome === 'ok'
      ? p.green('ok: readable, every integrity check passed')
      : outcome === 'failed'
        ? p.red(`${failedReason(r)}: see above`)
        : p.red('unreadable: the archive could not be read to the end'),
  );
  return out.join('\n') + '\n';
}

function inputBlock(input: InputReport, p: Paint): string[] {
  const f = inputFacts(input);
  const out = [
    `${p.bold(v(f.name))}  ${formatBytes(f.size)}  ${v(f.layout)} · ${v(f.compression)}${input.format.tar ? ` · ${plural(input.format.tar.entries, 'entry', 'entries')}` : ''}`,
  ];
  if (f.error) out.push(`  ${p.red('error')} ${v(f.error, 400)}`);
  if (f.checks) {
    out.push(
      f.failed.length
        ? `  integrity ${p.red(`✗ ${f.failed.length} of ${plural(f.checks, 'check')} failed`)}`
        : `  integrity ${p.green(`✓ ${plural(f.checks, 'check')} passed`)}${f.integrityDone ? '' : p.yellow(' (not finished)')}`,
    );
    for (const c of f.failed) {
      out.push(`    ${p.red('✗')} ${v(c.kind)}  ${v(c.subject)}: ${v(c.message, 400)}`);
      if (c.expected !== undefined) out.push(`        expected ${v(c.expected)}`);
      if (c.actual !== undefined) out.push(`        actual   ${v(c.actual)}`);
    }
  }
  for (const img of input.images) out.push(...imageBlock(img, p));
  if (input.files) {
    const total = input.files.reduce((n, x) => n + x.size, 0);
    out.push(`  files ${formatCount(input.files.length)} (${formatBytes(total)} of content)`);
  }
  if (f.errors.length) {
    out.push(`  ${p.red(plural(f.errors.length, 'error'))}`);
    for (const e of f.errors.slice(0, 20)) out.push(`    ${v(e.message, 400)}${e.path && !e.message.includes(e.path) ? ` (in ${v(e.path)})` : ''}`);
    if (f.errors.length > 20) out.push(`    … and ${formatCount(f.errors.length - 20)} more`);
  }
  const warnings = input.warnings ?? [];
  if (warnings.length) {
    out.push(`  ${p.yellow(plural(warnings.length, 'warning'))}`);
    for (const w of warnings) out.push(`    ${warningText(w)}`);
  }
  return out;
}

function imageBlock(img: ImageReport, p: Paint): string[] {
  const name = img.tags.length ? img.tags.map((t) => v(t)).join(', ') : '(untagged)';
  const kind = img.kind === 'attestation' ? p.dim(' attestation') : '';
  const out = [`  ${p.bold('image')} ${name}${kind}  ${v(formatPlatform(img.platform))}${img.created ? `  created ${v(img.created, 40)}` : ''}`];
  out.push(`    manifest ${v(truncatedDigest(img.manifest?.digest))}  config ${v(truncatedDigest(img.config.digest))}`);
  if (!img.layers.length) return out;
  const rows = img.layers.map((l) => [
    String(l.index + 1),
    v(truncatedDigest(l.digest)),
    v(compactMediaType(l.mediaType), 30),
    v(compressionName(l.compression), 12),
    formatBytes(l.size),
    l.fileCount == null ? '—' : formatCount(l.fileCount),
    v(l.createdBy ?? '', 60),
  ]);
  out.push(...table(['#', 'digest', 'media type', 'compr.', 'size', 'files', 'created by'], rows, '    ', p));
  for (const l of img.layers) if (l.error) out.push(`    ${p.red(`layer ${layerName(l.index)}:`)} ${v(l.error.message, 400)}`);
  if (img.merged) {
    out.push(
      `    merged filesystem ${plural(img.merged.files.length, 'file')}, ${formatBytes(img.merged.totalBytes)}` +
        (img.merged.wastedBytes ? `; ${formatBytes(img.merged.wastedBytes)} hidden by later layers` : ''),
    );
  }
  if (img.efficiency) {
    out.push(`    ${v(efficiencySummary(img.efficiency), 400)}`);
    for (const w of img.efficiency.topWasted.slice(0, 10)) out.push(`      ${formatBytes(w.size).padStart(10)}  ×${w.count}  ${v(w.path, 200)}`);
  }
  if (img.packages) {
    out.push(`    packages ${v(packagesSummary(img.packages), 400)}`);
    for (const n of img.packages.notes) out.push(`    ${p.dim(`packages: ${v(n, 300)}`)}`);
  }
  return out;
}

function table(head: string[], rows: string[][], indent: string, p: Paint): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : /^[\d,.]+( [KMGTP]iB| B)?$|^—$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [p.dim(line(head)), ...rows.map(line)];
}

export function comparisonText(r: ComparisonReport, o: TextOptions = {}): string {
  const p = paint(!!o.color);
  const per = o.evidencePerCause ?? 3;
  const out: string[] = [];
  r.inputs.forEach((input, i) => {
    const f = inputFacts(input);
    out.push(
      `${p.dim(i ? 'B' : 'A')}  ${p.bold(v(f.name))}  ${formatBytes(f.size)}  ${v(f.layout)} · ${v(f.compression)}${f.error ? `  ${p.red(v(f.error, 300))}` : ''}`,
    );
  });
  out.push('');
  const outcome = comparisonOutcome(r);
  const word = outcome === 'same' ? p.green(p.bold('SAME')) : outcome === 'different' ? p.red(p.bold('DIFFERENT')) : p.yellow(p.bold('ERROR'));
  out.push(`${word}  ${p.bold(v(r.verdict))} — ${v(r.headline, 400)}`);
  const ignored = ignoredText(r.options);
  if (ignored) out.push(p.dim(`ignoring ${v(ignored, 400)}`));
  if (r.stats.phase === 'preliminary') out.push(p.yellow('preliminary: layer contents not compared yet'));
  const stamps = embeddedTimestampsText(r);
  if (stamps) out.push(p.dim(v(stamps, 600)));
  if (r.causes.length) {
    out.push('', p.bold(`Causes (${r.causes.length})`));
    r.causes.forEach((c, i) => {
      out.push(...causeBlock(c, i, per, p));
    });
  }
  for (const line of evidenceErrorLines(r)) out.push(p.yellow(v(line, 600)));
  const groups = differenceGroups(r.differences);
  if (groups.length) {
    out.push(
      '',
      `${p.bold('Differences')} ${formatCount(r.differences.length)}: ${groups.map((g) => `${v(g.label)} ${formatCount(g.differences.length)}`).join(', ')}`,
    );
  }
  const verified = verificationText(r);
  out.push(p.dim(`read ${formatBytes(r.stats.bytesRead)} in ${formatDurationMs(r.stats.elapsedMs)}${verified ? `; ${verified}` : ''}`));
  return out.join('\n') + '\n';
}

function causeBlock(c: Cause, i: number, per: number, p: Paint): string[] {
  const cons = c.consequences ? `, ${plural(c.consequences, 'consequence')}` : '';
  const out = [`${String(i + 1).padStart(2)}. ${p.cyan(v(c.id))} ${p.dim(`(${v(c.level)})`)} — ${plural(c.count, 'difference')}${cons}`];
  out.push(`    ${v(c.summary, 600)}`);
  for (const s of c.steps ?? []) out.push(`    ${p.bold('step')} ${stepWhere(s)}: ${stepText(s.createdBy)}`);
  // One example per difference: the evidence pass repeats one for each detail it found.
  const groups = groupEvidence(c.evidence);
  for (const g of groups.slice(0, per)) out.push(...exampleLines(g, p));
  if (groups.length > per) out.push(p.dim(`    … ${plural(groups.length - per, 'more example')} in the JSON/HTML report`));
  if (c.remedy) out.push(`    ${p.bold('remedy')} ${v(c.remedy, 600)}`);
  return out;
}

function exampleLines(g: ExampleGroup, p: Paint): string[] {
  const [first, ...more] = g.texts;
  const out = [`    · ${v(first, 300)}`, ...more.map((t) => `      ${v(t, 300)}`)];
  if (g.first.where) out.push(p.dim(`        at ${v(g.first.where, 200)}`));
  for (const d of g.details) out.push(...detailLines(d, p));
  return out;
}

function detailLines(d: ContentEvidence, p: Paint): string[] {
  const out: string[] = [];
  if (d.kind === 'text-diff') {
    for (const h of d.hunks.slice(0, 2)) {
      out.push(p.dim(`        @@ -${h.aStart + 1} +${h.bStart + 1} @@`));
      for (const l of h.lines.slice(0, 12)) {
        const t = `        ${l.op}${v(l.text, 200)}`;
        out.push(l.op === '-' ? p.red(t) : l.op === '+' ? p.green(t) : t);
      }
    }
  } else if (d.kind === 'hex') {
    out.push(`        offset ${formatCount(d.offset)}: A ${v(d.a, 100)}`, `        ${' '.repeat(String(formatCount(d.offset)).length + 7)}  B ${v(d.b, 100)}`);
  } else {
    out.push(`        ${v(d.kind === 'recognised' ? `${d.what}: ${d.detail}` : d.detail, 300)}`);
  }
  return out;
}

/** Either report; the `kind` field says which. */
export function presentText(r: InspectionReport | ComparisonReport, o: TextOptions = {}): string {
  return r.kind === 'comparison' ? comparisonText(r, o) : inspectionText(r, o);
}
