/**
 * Giving the causes their content evidence: each evidence item whose difference has details
 * gets one; a difference with several (a hex window and a recognised kind, or one
 * compression sentence per side) repeats the item once per detail, in order — the shape
 * src/ui/compareRun.ts carries over when the page re-explains. Pure.
 */
import type { Cause, ContentEvidence, Evidence } from '../types';

export function attachEvidence(causes: Cause[], details: Map<string, ContentEvidence[]>): Cause[] {
  if (!details.size) return causes;
  return causes.map((c) => {
    if (!c.evidence.some((e) => !e.detail && e.difference && details.get(e.difference)?.length)) return c;
    const evidence: Evidence[] = [];
    for (const e of c.evidence) {
      const list = !e.detail && e.difference ? details.get(e.difference) : undefined;
      if (!list?.length) evidence.push(e);
      else for (const detail of list) evidence.push({ ...e, detail });
    }
    return { ...c, evidence };
  });
}
