/**
 * Small value helpers shared by every level of the differ: clipping values so a report stays
 * small, structural equality of parsed JSON, and the hints explainers use to recognise
 * timestamps, digests, annotations and labels in JSON documents.
 */
import type { Json, JsonHints } from '../types';

/** Strings longer than this are cut in `a`/`b`/facts (ids are never cut). */
export const MAX_VALUE = 200;

export const HEX64 = /[0-9a-f]{64}/g;
const DIGEST_VALUE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
/** RFC 3339 / ISO 8601 date-time (what image configs and annotations use). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME_KEY = /(^|[._-])(created|date|time|timestamp|epoch)$/i;

function clipString(s: string): string {
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE) + '…' : s;
}

/** A JSON-safe, size-capped copy of a value; undefined stays undefined (absent side). */
export function clip(v: unknown): Json | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string') return clipString(v);
  if (typeof v === 'bigint') return v.toString();
  if (isSmallFlat(v)) return v as Json;
  let text: string;
  try {
    text = JSON.stringify(v) ?? 'null';
  } catch {
    return clipString(String(v));
  }
  if (text.length > MAX_VALUE) return clipString(text);
  return JSON.parse(text) as Json;
}

/** Facts keep their structure (explainers read into them): strings are cut, lists and
 *  objects capped at 50 members, anything deeper than 3 levels becomes a clipped value. */
function clipDeep(v: unknown, depth: number): Json | undefined {
  if (v === undefined) return undefined;
  if (depth >= 3 || v === null || typeof v !== 'object') return clip(v);
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => clipDeep(x, depth + 1) ?? null);
  const out: Record<string, Json> = {};
  let n = 0;
  for (const [k, x] of Object.entries(v)) {
    if (n++ >= 50) break;
    const c = clipDeep(x, depth + 1);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** A plain object of a few short primitives: kept as is (the fast path for 100,000s of values). */
function isSmallFlat(v: object): boolean {
  if (Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  let n = 0;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (++n > 8) return false;
    if (x === undefined || (x !== null && typeof x === 'object') || (typeof x === 'number' && !Number.isFinite(x))) return false;
    if (typeof x === 'string' && x.length > 64) return false;
    if (typeof x === 'bigint' || typeof x === 'function' || typeof x === 'symbol') return false;
  }
  return true;
}

/** A value clipping keeps as it is: null, a boolean, a finite number, a string up to MAX_VALUE. */
function keptAsIs(x: unknown): boolean {
  return x === null || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x.length <= MAX_VALUE);
}

/** Facts that need no clipping: a few primitives, or short lists of them (`fields` of the
 *  100,000 merged differences of a large layer: issue 12); kept as they are. */
function plainFacts(f: Record<string, unknown>): boolean {
  for (const k in f) {
    const x = f[k];
    if (keptAsIs(x)) continue;
    if (!Array.isArray(x) || x.length > 50) return false;
    for (const y of x) if (!keptAsIs(y)) return false;
  }
  return true;
}

/** Clips every value of a facts object; drops undefined ones. The type is kept: strings are
 *  only cut and lists only shortened (no fact is typed deeper than clipping reaches). */
export function clipFacts<F extends object>(facts: F | undefined): F | undefined {
  if (!facts) return undefined;
  const f = facts as Record<string, unknown>;
  if (plainFacts(f)) {
    for (const _ in f) return facts;
    return undefined;
  }
  const out: Record<string, Json> = {};
  let n = 0;
  for (const k in f) {
    const c = clipDeep(f[k], 0);
    if (c === undefined) continue;
    out[k] = c;
    n++;
  }
  return n ? (out as F) : undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of parsed JSON (key order ignored, as JSON objects are unordered). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) if (!(k in bo) || !jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** 64-hex digests (sha256) found in the given strings, in order. */
export function hexesIn(...values: unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string') continue;
    for (const m of v.toLowerCase().matchAll(HEX64)) out.push(m[0]);
  }
  return out;
}

export function isDigestValue(v: unknown): boolean {
  return typeof v === 'string' && DIGEST_VALUE.test(v);
}

export function isDateTime(v: unknown): boolean {
  return typeof v === 'string' && DATE_TIME.test(v);
}

function lastKey(path: string): string {
  const noIndex = path.replace(/\[\d+\]$/, '');
  return noIndex.slice(noIndex.lastIndexOf('.') + 1);
}

/**
 * Hints for a JSON leaf at `path` with values a/b. Key-based hints look at the whole path so
 * that `annotations.org.opencontainers.image.created` (a key with dots) is a timestamp too.
 */
export function jsonHints(path: string, a: unknown, b: unknown): JsonHints {
  const f: JsonHints = {};
  const present = [a, b].filter((v) => v !== undefined);
  const key = lastKey(path);
  if (TIME_KEY.test(path.replace(/\[\d+\]/g, '')) || TIME_KEY.test(key) || (present.length > 0 && present.every(isDateTime))) {
    f.timestamp = true;
  }
  if (key === 'digest' || /(^|\.)diff_ids\[\d+\]$/.test(path) || (present.length > 0 && present.every(isDigestValue))) {
    f.digest = true;
  }
  if (/(^|\.)annotations\./.test(path) || path.startsWith('annotations.')) f.annotation = true;
  if (/(^|\.)Labels\./.test(path)) f.label = true;
  return f;
}
