/**
 * The state of one inspection as the page sees it, and the report to show when the
 * engine itself could not be started (pure helpers; App holds the state).
 */
import type { ErrorInfo } from '../io/errors';
import { TOOL } from '../report/tool';
import { emptyInput } from '../report/empty';
import { SCHEMA_VERSION, type InspectionReport } from '../report/types';

export type RunStatus = 'idle' | 'working' | 'done' | 'failed' | 'cancelled';

/** How an inspection ended: cancelled by the user, failed with an error, or done. */
export function finishedStatus(report: InspectionReport, aborted: boolean): Exclude<RunStatus, 'idle' | 'working'> {
  const input = report.inputs[0];
  if (aborted || input?.errors.some((e) => e.code === 'cancelled')) return 'cancelled';
  return !input || input.error ? 'failed' : 'done';
}

/**
 * A report for a run that never reached the engine (its code failed to load, or it broke
 * its promise not to reject), so the page still shows what happened and can export it.
 */
export function failureReport(name: string, size: number, e: unknown, component = 'page'): InspectionReport {
  const info: ErrorInfo = {
    code: 'internal',
    component,
    message: `${component}: ${e instanceof Error ? e.message : String(e)}`,
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    kind: 'inspection',
    createdAt: new Date().toISOString(),
    inputs: [emptyInput(name, size, [info])],
  };
}

export const STATUS_TEXT: Record<RunStatus, string> = {
  idle: '',
  working: 'Reading…',
  done: 'Finished',
  failed: 'Finished with errors',
  cancelled: 'Cancelled: showing what was read before',
};
