/**
 * dive's CI rules (wagoodman/dive `runtime/ci/rule.go`, `evaluator.go`) over the inspection's
 * `efficiency` figures, with dive's names, comparisons and defaults:
 *  - lowestEfficiency R (0–1): fails when R > efficiency score;
 *  - highestWastedBytes N (a size as go-humanize's ParseBytes reads it: `20MB` = 20,000,000,
 *    `1KiB` = 1,024, `50kB`, `1000`): fails when wasted bytes > N;
 *  - highestUserWastedPercent R (0–1, a fraction as dive compares it): fails when
 *    R < wasted / user bytes.
 * `--ci` alone uses dive's defaults: 0.9, disabled, 0.1. Every image with efficiency figures is
 * evaluated; a rule fails when it fails for one of them. Pure: the CLI stores the result in the
 * report (`report.ci`), so the exit code and every format read the same thing.
 */
import type { CiResult, CiRuleName, CiRuleResult, ImageReport, InspectionReport } from '../report/types';

export type CiThresholds = Partial<Record<CiRuleName, string>>;

/** dive's defaults when `--ci` is given (runtime/ci/evaluator.go: SetDefault). */
export const DIVE_CI_DEFAULTS: Record<CiRuleName, string> = {
  lowestEfficiency: '0.9',
  highestWastedBytes: 'disabled',
  highestUserWastedPercent: '0.1',
};

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  ki: 1024,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  p: 1e15,
  pb: 1e15,
  pi: 1024 ** 5,
  pib: 1024 ** 5,
};

/** go-humanize ParseBytes: a number (commas allowed), optional spaces, an SI or IEC unit. */
export function parseBytes(s: string): number | null {
  const m = /^\s*([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)\s*([a-zA-Z]*)\s*$/.exec(s);
  if (!m) return null;
  const unit = UNITS[m[2].toLowerCase()];
  const n = Number(m[1].replace(/,/g, ''));
  if (unit === undefined || !Number.isFinite(n)) return null;
  return Math.floor(n * unit);
}

function fraction(s: string): number | null {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s)) return null;
  const n = Number(s);
  return n >= 0 && n <= 1 ? n : null;
}

/** The threshold's problem in words (dive's validators), or null when it is usable. */
export function thresholdError(rule: CiRuleName, value: string): string | null {
  if (value === 'disabled') return null;
  if (rule === 'highestWastedBytes')
    return parseBytes(value) === null ? `--highest-wasted-bytes must be a size such as 20MB, 512KiB or 1000 (got "${value}")` : null;
  const flag = rule === 'lowestEfficiency' ? '--lowest-efficiency' : '--highest-user-wasted-percent';
  return fraction(value) === null ? `${flag} must be a number from 0 to 1 (got "${value}")` : null;
}

function imageName(img: ImageReport, i: number): string {
  const p = img.platform ? `${img.platform.os}/${img.platform.architecture}${img.platform.variant ? `/${img.platform.variant}` : ''}` : '';
  return [img.tags[0] ?? `image ${i + 1}`, p].filter(Boolean).join(' ');
}

export const CI_RULES: CiRuleName[] = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent'];

export function evaluateCi(report: InspectionReport, thresholds: CiThresholds): CiResult {
  const rules: CiRuleResult[] = [];
  for (const rule of CI_RULES) {
    const threshold = thresholds[rule];
    if (threshold === undefined) continue;
    if (threshold === 'disabled') {
      rules.push({ rule, threshold, status: 'skip', images: [] });
      continue;
    }
    const images: CiRuleResult['images'] = [];
    for (const input of report.inputs) {
      for (const [n, img] of input.images.entries()) {
        const e = img.efficiency;
        if (!e) continue;
        let value: number | null;
        let fail: boolean;
        if (rule === 'lowestEfficiency') {
          value = e.score;
          fail = fraction(threshold)! > e.score;
        } else if (rule === 'highestWastedBytes') {
          value = e.wastedBytes;
          fail = e.wastedBytes > parseBytes(threshold)!;
        } else {
          // dive divides by the user bytes: 0/0 is NaN (passes), n/0 is +Inf (fails).
          value = e.userWastedPercent;
          fail = value === null ? e.wastedBytes > 0 : fraction(threshold)! < value;
        }
        images.push({ image: imageName(img, n), value, status: fail ? 'fail' : 'pass' });
      }
    }
    rules.push({ rule, threshold, status: images.some((i) => i.status === 'fail') ? 'fail' : 'pass', images });
  }
  return { pass: rules.every((r) => r.status !== 'fail'), rules };
}

/** One line per rule and image, as dive prints them ("PASS: lowestEfficiency"). */
export function ciLines(ci: CiResult): string[] {
  const out: string[] = [];
  for (const r of ci.rules) {
    if (r.status === 'skip') {
      out.push(`SKIP: ${r.rule} (disabled)`);
      continue;
    }
    if (!r.images.length) out.push(`${r.status.toUpperCase()}: ${r.rule} (threshold ${r.threshold}; no image with efficiency figures)`);
    for (const i of r.images)
      out.push(
        `${i.status.toUpperCase()}: ${r.rule} ${ruleValue(r.rule, i.value)} ${ruleOp(r.rule, i.status)} ${r.threshold}${r.images.length > 1 ? ` (${i.image})` : ''}`,
      );
  }
  out.push(`Result: ${ci.pass ? 'PASS' : 'FAIL'}`);
  return out;
}

function ruleValue(rule: CiRuleName, v: number | null): string {
  if (v === null) return rule === 'highestUserWastedPercent' ? 'n/a (no user bytes)' : 'n/a';
  if (rule === 'highestWastedBytes') return `${v} bytes`;
  return String(Number(v.toFixed(6)));
}

function ruleOp(rule: CiRuleName, status: 'pass' | 'fail'): string {
  const low = rule === 'lowestEfficiency';
  if (status === 'pass') return low ? '>=' : '<=';
  return low ? '<' : '>';
}
