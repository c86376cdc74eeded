/**
 * The drill-down's levels (archive → index → manifests → config/history → layers → files)
 * and which difference subjects live at each (src/compare/types.ts `Subject`). Failed
 * integrity checks sit with the layers: missing blobs and digest mismatches are about them.
 */
import type { Difference, Subject } from '../compare/types';

export type LevelId = 'archive' | 'index' | 'manifests' | 'config' | 'layers' | 'files';

export interface LevelInfo {
  id: LevelId;
  label: string;
  subjects: Subject[];
}

export const LEVELS: LevelInfo[] = [
  { id: 'archive', label: 'Archive', subjects: ['input', 'outer-compression', 'outer-entry', 'outer-order', 'outer-end', 'layout'] },
  { id: 'index', label: 'Index', subjects: ['index', 'image'] },
  { id: 'manifests', label: 'Manifests', subjects: ['manifest'] },
  { id: 'config', label: 'Config & history', subjects: ['config', 'history'] },
  { id: 'layers', label: 'Layers', subjects: ['layer', 'layer-blob', 'integrity'] },
  { id: 'files', label: 'Files', subjects: ['file', 'file-order', 'merged'] },
];

const BY_SUBJECT = new Map<Subject, LevelId>(LEVELS.flatMap((l) => l.subjects.map((s) => [s, l.id] as const)));

export function levelOf(s: Subject): LevelId {
  return BY_SUBJECT.get(s) ?? 'archive';
}

export interface LevelCount {
  all: number;
  /** Differences that are not consequences of another one. */
  roots: number;
}

/** Every difference counted by drill-down level, in one pass (there may be 200,000 of them). */
export function levelCounts(diffs: readonly Difference[]): Record<LevelId, LevelCount> {
  const out = Object.fromEntries(LEVELS.map((l) => [l.id, { all: 0, roots: 0 }])) as Record<LevelId, LevelCount>;
  for (const d of diffs) {
    const c = out[levelOf(d.subject)];
    c.all++;
    if (!d.follows) c.roots++;
  }
  return out;
}

/** Cause levels (causes.md) → the drill-down level that shows their differences. */
export function levelOfCause(level: string): LevelId {
  switch (level) {
    case 'index':
      return 'index';
    case 'manifest':
      return 'manifests';
    case 'config':
      return 'config';
    case 'layer':
    case 'integrity':
      return 'layers';
    case 'file':
      return 'files';
    default:
      return 'archive';
  }
}
