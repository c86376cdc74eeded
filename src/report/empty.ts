/** The report of an input nothing could be read from (it still names the error). */
import type { ErrorInfo } from '../io/errors';
import { formatError } from '../io/errors';
import type { InputReport } from './types';

export function emptyInput(name: string, size: number, errors: ErrorInfo[], elapsedMs = 0): InputReport {
  return {
    name,
    size,
    format: { outerCompression: null, layout: null, layoutLabel: null, notes: [], tar: null },
    error: errors[0] ? formatError(errors[0]) : null,
    errors,
    entries: [],
    index: null,
    dockerManifest: null,
    repositories: null,
    images: [],
    files: null,
    integrity: { done: false, ok: false, checks: [] },
    stats: { bytesRead: 0, elapsedMs: Math.round(elapsedMs) },
  };
}
