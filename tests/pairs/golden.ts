/**
 * The golden summary of a comparison report: what a reviewer reads to judge it (verdict,
 * headline, each cause's id, level, count, summary, the first evidence lines, remedy),
 * without what changes from run to run (timings, createdAt, bytes read) and with a pair's
 * volatile values (times a writer takes from the clock) masked. Written under
 * tests/pairs/golden/<pair>.json; `UPDATE_GOLDEN=1` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonReport, Evidence } from '../../src/compare/types';
import { stepText, stepWhere } from '../../src/present/step';

export const GOLDEN_DIR = join(__dirname, 'golden');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Evidence lines kept per cause: enough to judge, few enough to review. */
const EVIDENCE_LINES = 3;

export interface GoldenCause {
  id: string;
  level: string;
  count: number;
  consequences: number;
  summary: string;
  evidence: string[];
  remedy: string;
  /** The build steps behind the cause, as the reports show them ("layer 2: COPY app/ /app/"); absent when none. */
  steps?: string[];
}

export interface Golden {
  pair: string;
  what: string;
  a: string;
  b: string;
  verdict: string;
  headline: string;
  causes: GoldenCause[];
}

export function goldenOf(
  r: ComparisonReport,
  pair: { name: string; what: string; volatile?: RegExp[]; volatileDifferences?: RegExp[] },
  names: [string, string],
): Golden {
  const mask = (s: string) => (pair.volatile ?? []).reduce((t, re) => t.replace(re, '<volatile>'), s);
  // consequences the pair marks volatile, per root difference they follow
  const volatileFollowing = new Map<string, number>();
  for (const d of r.differences)
    if (d.follows && pair.volatileDifferences?.some((re) => re.test(d.id))) volatileFollowing.set(d.follows, (volatileFollowing.get(d.follows) ?? 0) + 1);
  return {
    pair: pair.name,
    what: pair.what,
    a: names[0],
    b: names[1],
    verdict: r.verdict,
    headline: mask(r.headline),
    causes: r.causes.map((c) => ({
      id: c.id,
      level: c.level,
      count: c.count,
      consequences: c.consequences - c.differences.reduce((n, id) => n + (volatileFollowing.get(id) ?? 0), 0),
      summary: mask(c.summary),
      evidence: c.evidence.slice(0, EVIDENCE_LINES).map((e) => mask(evidenceLine(e))),
      remedy: mask(c.remedy),
      ...(c.steps ? { steps: c.steps.map((s) => mask(`${stepWhere(s)}: ${stepText(s.createdBy)}`)) } : {}),
    })),
  };
}

/** One evidence item on one line: text, where, and the gist of its content detail. */
function evidenceLine(e: Evidence): string {
  let line = e.where ? `${e.text}  [${e.where}]` : e.text;
  const d = e.detail;
  if (d?.kind === 'text-diff') {
    const changed = d.hunks.flatMap((h) => h.lines.filter((l) => l.op !== ' ').map((l) => `${l.op}${l.text}`));
    line += `  {text-diff: ${changed.slice(0, 6).join(' | ')}${changed.length > 6 || d.truncated ? ' …' : ''}}`;
  } else if (d?.kind === 'hex') line += `  {hex at ${d.offset}, ${d.length} bytes}`;
  else if (d?.kind === 'recognised') line += `  {recognised: ${d.what}: ${d.detail}}`;
  else if (d?.kind === 'compression')
    line += `  {compression: ${d.detail}${d.divergesAt !== undefined ? `; diverges at ${d.divergesAt}` : ''}${d.matchesZlibLevel != null ? `; zlib level ${d.matchesZlibLevel}` : ''}}`;
  return line;
}

/** The stored golden of a pair (undefined when there is none yet). */
export function readGolden(name: string): Golden | undefined {
  const f = join(GOLDEN_DIR, `${name}.json`);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Golden) : undefined;
}

export function writeGolden(g: Golden): void {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  writeFileSync(join(GOLDEN_DIR, `${g.pair}.json`), JSON.stringify(g, null, 2) + '\n');
}
