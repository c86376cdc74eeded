/**
 * `stats.evidenceErrors` in words, for the written reports: reads of the content evidence
 * pass that failed (src/compare/evidence/port.ts), so a cause without its line diff or hex
 * window says why instead of looking complete. Raw strings: each presenter escapes them.
 */
import type { ComparisonReport, EvidenceError } from '../compare/types';
import { plural } from './format';

/** "Content evidence (line diff, hex window) could not be read for 3 differences: tar: … (in …)". */
export function evidenceErrorText(e: EvidenceError): string {
  const why = e.error.message || `${e.error.component}: ${e.error.code}`;
  return e.differences.length
    ? `Content evidence (line diff, hex window) could not be read for ${plural(e.differences.length, 'difference')}: ${why}`
    : `The content evidence pass stopped: ${why}`;
}

/** One line per failed read; empty when none failed (or the report predates the field). */
export function evidenceErrorLines(r: ComparisonReport): string[] {
  return (r.stats.evidenceErrors ?? []).map(evidenceErrorText);
}
