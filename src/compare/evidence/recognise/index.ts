/**
 * The recognisers, in order (STYLE.md habit 4: a registry, not a switch): each names a
 * kind of file that often differs between builds, and says what differs in it. Path-based
 * ones work without bytes (`recogniseByPath`, used by the explainer); byte-based ones run
 * on the heads the extract job returns (`recognise`). More specific kinds come first.
 */
import type { ContentEvidence } from '../../types';
import type { Recogniser, Recognised, Side } from './types';
import { pyc } from './pyc';
import { packageLogs } from './package-logs';
import { ldconfigAuxCache } from './ldconfig';
import { machineId } from './machine-id';
import { nestedGzip } from './nested-gzip';
import { zip } from './zip';
import { tar } from './tar';
import { elf } from './elf';

export type { Recogniser, Recognised, Side } from './types';

export const RECOGNISERS: Recogniser[] = [pyc, machineId, ldconfigAuxCache, packageLogs, nestedGzip, zip, tar, elf];

/** What a path is known to be, from the path alone (pure; no bytes): .pyc, machine-id, logs… */
export function recogniseByPath(path: string): Recognised | null {
  for (const r of RECOGNISERS) {
    const hit = r.byPath?.(path);
    if (hit) return hit;
  }
  return null;
}

/** The first recogniser that knows these bytes (or this path), as content evidence. */
export function recognise(path: string, a: Side, b: Side): Extract<ContentEvidence, { kind: 'recognised' }> | null {
  for (const r of RECOGNISERS) {
    let hit: Recognised | null = null;
    try {
      hit = r.explain?.(a, b, path) ?? r.byPath?.(path) ?? null;
    } catch {
      hit = null; // a recogniser never breaks the evidence pass: hostile bytes are just unrecognised
    }
    if (hit) return { kind: 'recognised', what: hit.what, detail: hit.detail };
  }
  return null;
}
