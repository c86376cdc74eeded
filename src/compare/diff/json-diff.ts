/**
 * A reusable leaf-by-leaf JSON diff: objects by key (A's key order, then B's new keys),
 * arrays by position, and a subtree present on one side only is walked down to its leaves so
 * that every leaf gets its own path (`annotations.org.opencontainers.image.created`,
 * `history[2].created_by`, `config.Env[3]`). Used for index.json, manifest.json, repositories,
 * manifests and configs. Hints (timestamp/digest/annotation/label) come from values.ts.
 * Recursive, one frame per level: every document comes from src/image's parseJson, which
 * refuses anything nested deeper than 256 levels (src/image/json-depth.ts).
 */
import type { DiffKind } from '../types';
import { isObject } from './values';

export interface JsonLeaf {
  /** '' is the document itself. */
  path: string;
  kind: Exclude<DiffKind, 'reordered'>;
  a?: unknown;
  b?: unknown;
}

const ABSENT = undefined;

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return Array.isArray(v) || isObject(v);
}

/** Leaves of a subtree present on one side only (empty containers are leaves themselves). */
function oneSided(v: unknown, path: string, side: 'a' | 'b', out: JsonLeaf[]): void {
  const kind: JsonLeaf['kind'] = side === 'a' ? 'removed' : 'added';
  if (Array.isArray(v) && v.length) {
    v.forEach((x, i) => {
      oneSided(x, `${path}[${i}]`, side, out);
    });
  } else if (isObject(v) && Object.keys(v).length) {
    for (const [k, x] of Object.entries(v)) oneSided(x, join(path, k), side, out);
  } else {
    out.push(side === 'a' ? { path, kind, a: v } : { path, kind, b: v });
  }
}

export function jsonLeaves(a: unknown, b: unknown, path = '', out: JsonLeaf[] = []): JsonLeaf[] {
  if (a === b) return out;
  if (a === ABSENT) {
    oneSided(b, path, 'b', out);
    return out;
  }
  if (b === ABSENT) {
    oneSided(a, path, 'a', out);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    // Holes (undefined elements, never in parsed JSON) are absent elements: aligned arrays use them.
    for (let i = 0; i < n; i++) jsonLeaves(i < a.length ? a[i] : ABSENT, i < b.length ? b[i] : ABSENT, `${path}[${i}]`, out);
    return out;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) jsonLeaves(a[k], k in b ? b[k] : ABSENT, join(path, k), out);
    for (const k of Object.keys(b)) if (!(k in a)) jsonLeaves(ABSENT, b[k], join(path, k), out);
    return out;
  }
  // Different primitives, or a container against a primitive/another kind of container.
  if (!isContainer(a) && !isContainer(b) && Object.is(a, b)) return out;
  out.push({ path, kind: 'changed', a, b });
  return out;
}
