/**
 * What every difference has, whatever its subject: an id, a scope (where it lives), the values
 * on each side and the root it follows. The per-level files (input.ts, outer.ts, …) add a
 * `subject`, the kinds it comes in, its `field` and its typed `facts`; union.ts joins them.
 * The JSON shape is the report's (docs/comparison-report.schema.json): these types only name
 * what the differ (../diff) already writes, they never change it.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export type DiffKind =
  | 'added' // present in B only
  | 'removed' // present in A only
  | 'changed' // a field's value differs (see `field`)
  | 'reordered'; // same members, different order

/** Where a difference lives, for the drill-down breadcrumb: archive → index → manifest → config → layer → file. */
export interface Scope {
  /** Image pairing label, e.g. "app:1 (linux/amd64)". */
  image?: string;
  /** Index of the image in inputs[0|1].images */
  imageA?: number;
  imageB?: number;
  /** Layer index on each side (after pairing). */
  layerA?: number;
  layerB?: number;
  /** Outer entry name, or path inside a layer. */
  path?: string;
}

export type Side = 'a' | 'b';

export interface DifferenceCore {
  /** Unique within the report and stable for the same inputs, e.g. "file:i0:L1-1:etc/passwd:mtime". */
  id: string;
  scope: Scope;
  /** Values on each side (small: truncated strings, numbers, short JSON). Absent side → undefined. */
  a?: Json;
  b?: Json;
  /** Id of the root difference this one only follows from (digest chains: layer → manifest → index).
   *  Explainers fold such consequences under their root cause and never count them as causes. */
  follows?: string;
}

/**
 * Set on any difference (but `input`) that the differ made follow an input which could not be
 * read to its end: what it lacks on that side may just be unread (diff/index.ts followIncomplete).
 */
export interface Incomplete {
  incomplete?: true;
}

/** Hints on a JSON leaf (diff/values.ts jsonHints): what kind of value the path holds. */
export interface JsonHints extends Incomplete {
  /** keys `created`, `*.created`, `*date*` / `*time*` names, or RFC 3339 values */
  timestamp?: true;
  /** `digest` keys, `diff_ids`, `sha256:…` values (false on a manifest's own `size`) */
  digest?: boolean;
  /** a path under `annotations` */
  annotation?: true;
  /** a path under `config.Labels` */
  label?: true;
}
