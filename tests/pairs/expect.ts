/** Assertions on comparison reports shared by golden.test.ts and tests/corpus/compare-corpus.test.ts. */
import { expect } from 'vitest';
import type { CauseId, ComparisonReport, Level, RemedyBasis, Verdict } from '../../src/compare/types';
import { stepInstruction, stepWhere } from '../../src/present/step';

export interface CauseCheck {
  level?: Level;
  count?: number;
  /** the summary contains (string, case-insensitive) or matches each of these */
  summary?: (string | RegExp)[];
  /** the summary must not contain / match any of these */
  notSummary?: (string | RegExp)[];
  /** some evidence line (text and where) contains / matches each of these */
  evidence?: (string | RegExp)[];
  /** the remedy contains / matches each of these (the knob the evidence and builder call for) */
  remedy?: (string | RegExp)[];
  /** the remedy names none of these (tools unrelated to the evidence) */
  notRemedy?: (string | RegExp)[];
  /** what the remedy was chosen from (`Cause.remedyFor`), matched as a subset */
  remedyFor?: RemedyBasis;
  /** each is among the cause's build steps (`Cause.steps`), read as "layer N: INSTRUCTION" (src/present/step.ts) */
  steps?: (string | RegExp)[];
}

export interface ReportExpectation {
  verdict: Verdict;
  /** the exact set of cause ids (or, with `causesAtLeast`, ids that must be among them) */
  causes: CauseId[];
  /** natural pairs too large to check every cause independently: `causes` is a subset */
  causesAtLeast?: boolean;
  checks?: Partial<Record<CauseId, CauseCheck>>;
  headline?: (string | RegExp)[];
}

export const matches = (text: string, want: string | RegExp) =>
  typeof want === 'string' ? text.toLowerCase().includes(want.toLowerCase()) : new RegExp(want.source, want.flags.replace('g', '')).test(text);

/** A sentence a person reads: not empty, no placeholder of the code that wrote it, no line
 *  that starts with a separator (an empty path or name before it), no empty list after a colon. */
export function expectReadable(what: string, s: string): void {
  expect(s.trim().length, `${what} is empty`).toBeGreaterThan(0);
  expect(s, what).not.toMatch(/undefined|NaN|\[object |\bnull\b|\$\{/);
  expect(s, `${what} starts with a separator: something before it is empty`).not.toMatch(/^[\s:·,;]/);
  expect(s, `${what} has an empty list after a colon`).not.toMatch(/:\s*([;,]|$)/);
}

export function checkCause(r: ComparisonReport, id: CauseId, c: CauseCheck): void {
  const cause = r.causes.find((x) => x.id === id);
  expect(cause, `cause ${id}`).toBeDefined();
  if (!cause) return;
  if (c.level) expect(cause.level, `${id} level`).toBe(c.level);
  if (c.count !== undefined) expect(cause.count, `${id} count`).toBe(c.count);
  for (const s of c.summary ?? []) expect(matches(cause.summary, s), `${id} summary "${cause.summary}" should contain ${s}`).toBe(true);
  for (const s of c.notSummary ?? []) expect(matches(cause.summary, s), `${id} summary "${cause.summary}" should not contain ${s}`).toBe(false);
  for (const s of c.remedy ?? []) expect(matches(cause.remedy, s), `${id} remedy "${cause.remedy}" should contain ${s}`).toBe(true);
  if (c.remedyFor) expect(cause.remedyFor, `${id} remedyFor`).toMatchObject(c.remedyFor);
  for (const s of c.notRemedy ?? []) expect(matches(cause.remedy, s), `${id} remedy "${cause.remedy}" should not contain ${s}`).toBe(false);
  const steps = (cause.steps ?? []).map((s) => `${stepWhere(s)}: ${stepInstruction(s.createdBy)}`);
  for (const s of c.steps ?? [])
    expect(
      steps.some((l) => matches(l, s)),
      `${id} steps ${JSON.stringify(steps)} should name ${s}`,
    ).toBe(true);
  const lines = cause.evidence.map((e) => `${e.text} ${e.where ?? ''}`);
  for (const s of c.evidence ?? [])
    expect(
      lines.some((l) => matches(l, s)),
      `${id} evidence ${JSON.stringify(lines)} should mention ${s}`,
    ).toBe(true);
}

/** Verdict, cause ids, the per-cause checks, and readable sentences everywhere. */
export function expectReport(r: ComparisonReport, want: ReportExpectation): void {
  const ids = r.causes.map((c) => c.id);
  expect(new Set(ids).size, `a cause id listed twice: ${ids}`).toBe(ids.length);
  if (want.causesAtLeast) {
    expect(r.verdict).toBe(want.verdict);
    expect(ids).toEqual(expect.arrayContaining(want.causes));
  } else {
    expect({ verdict: r.verdict, causes: [...ids].sort() }).toEqual({ verdict: want.verdict, causes: [...want.causes].sort() });
  }
  for (const [id, c] of Object.entries(want.checks ?? {})) checkCause(r, id as CauseId, c);
  for (const h of want.headline ?? []) expect(matches(r.headline, h), `headline "${r.headline}" should contain ${h}`).toBe(true);
  expectReadable('headline', r.headline);
  for (const c of r.causes) {
    expectReadable(`${c.id} summary`, c.summary);
    expectReadable(`${c.id} remedy`, c.remedy);
    expect(c.count, `${c.id} count`).toBeGreaterThan(0);
    expect(c.evidence.length, `${c.id} has no evidence`).toBeGreaterThan(0);
    for (const e of c.evidence) expectReadable(`${c.id} evidence`, e.text);
  }
}
