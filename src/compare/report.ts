/**
 * The envelope of a comparison report — schema version, tool, kind, creation time — around
 * what the engine (or the page, for a run that never reached it) found. One place, so every
 * producer stamps the same header.
 */
import { TOOL } from '../report/tool';
import type { ComparisonReport } from './types';

export type ComparisonBody = Omit<ComparisonReport, 'schemaVersion' | 'tool' | 'kind' | 'createdAt'>;

export function comparisonReport(body: ComparisonBody): ComparisonReport {
  return { schemaVersion: 1, tool: TOOL, kind: 'comparison', createdAt: new Date().toISOString(), ...body };
}
