// Types of targets.mjs, for the unit tests (tests/unit/bench/).
export interface Target {
  id: string;
  title: string;
  limit: string;
  limitRatio?: number;
  value: string | null;
  status: string;
  note: string;
  ratio?: number | null;
  measuredMs?: number | null;
  boundMs?: number | null;
}
export const VERIFY_LIMIT: number;
export function evaluateTargets(f: unknown): Target[];
export function inspectReason(ts: unknown): string;
