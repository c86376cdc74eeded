/**
 * The lists of differences the page shows — a drill-down level, or a cause's differences and
 * what follows them — selected, filtered (path substring or glob, which field, consequences
 * shown or hidden) and cut into pages. Pure, and the same function wherever the differences are:
 * in the page's memory (a report it was given whole), or in the coordinator Worker, which keeps
 * a large comparison's differences and answers the page one page of rows at a time (issue 12:
 * 200,000 differences cost the page ~100 MB of heap it only ever shows 30 rows of).
 */
import type { Difference } from '../compare/types';
import { compilePathFilter } from '../compare/glob';
import { levelCounts, levelOf, type LevelCount, type LevelId } from './levels';

export type { LevelCount } from './levels';
import { whereText } from './where';

/** Which differences a list shows. */
export interface DiffSelection {
  /** The differences of one drill-down level, in the report's order… */
  level?: LevelId;
  /** …or these (a cause's listed ones), then every difference that follows one of them. */
  roots?: readonly string[];
  /** Paths by substring or glob (src/compare/glob.ts); a difference without a path is matched on
   *  where it is in words (`whereText`). Empty: any. */
  path?: string;
  /** Which difference (`kindKey`: a field such as "mtime", or "added", "removed"…); empty: any. */
  kind?: string;
  /** False: differences that only follow from another one are left out. */
  consequences?: boolean;
}

/** Rows `start`… of a selection, and what the list's controls need to know about it. */
export interface DiffPage {
  /** How many differences the selection matches, filters included. */
  count: number;
  /** How many it has before the path, kind and consequence filters. */
  total: number;
  /** `kindKey` → count, before the filters, most first. */
  kinds: [string, number][];
  /** Whether any difference of the unfiltered selection is a consequence. */
  hasConsequences: boolean;
  start: number;
  rows: Difference[];
  /** The differences these rows follow (`follows`), so that a row's details can say what it is a
   *  consequence of where the page does not hold it. */
  followed: Difference[];
}

/**
 * Where a comparison's differences are. The page's lists ask it for pages of rows; a source
 * in the page's memory answers at once, the coordinator Worker's with a promise.
 */
export interface DifferenceSource {
  /** Every difference of the report. */
  readonly total: number;
  readonly levels: Readonly<Record<LevelId, LevelCount>>;
  page(sel: DiffSelection, start: number, end: number): DiffPage | Promise<DiffPage>;
}

/** "mtime", "added", "content": what the "which difference" filter groups by. */
export function kindKey(d: Difference): string {
  return d.kind === 'changed' ? (d.field ?? 'changed') : d.kind;
}

interface Base {
  /** Indexes into the differences, in list order. */
  at: number[];
  kinds: [string, number][];
  hasConsequences: boolean;
}

/** Selections remembered (a list scrolled asks for many pages of one selection). */
const KEEP = 6;

/** A report's differences, answering selections: the page's in-memory source and the coordinator's. */
export class DifferenceIndex implements DifferenceSource {
  readonly total: number;
  readonly levels: Record<LevelId, LevelCount>;
  private ids: Map<string, number> | null = null;
  private followers: Map<string, number[]> | null = null;
  private readonly bases = new Map<string, Base>();
  private readonly filtered = new Map<string, { base: Base; at: number[] }>();

  constructor(readonly differences: readonly Difference[]) {
    this.total = differences.length;
    this.levels = levelCounts(differences);
  }

  byId(id: string): Difference | undefined {
    if (!this.ids) {
      const ids = new Map<string, number>();
      for (let i = 0; i < this.differences.length; i++) ids.set(this.differences[i].id, i);
      this.ids = ids;
    }
    const i = this.ids.get(id);
    return i === undefined ? undefined : this.differences[i];
  }

  page(sel: DiffSelection, start: number, end: number): DiffPage {
    const { base, at } = this.select(sel);
    const from = Math.max(0, Math.min(start, at.length));
    const to = Math.max(from, Math.min(end, at.length));
    const rows: Difference[] = [];
    const followed = new Map<string, Difference>();
    for (let i = from; i < to; i++) {
      const d = this.differences[at[i]];
      rows.push(d);
      const root = d.follows && !followed.has(d.follows) ? this.byId(d.follows) : undefined;
      if (root) followed.set(root.id, root);
    }
    return {
      count: at.length,
      total: base.at.length,
      kinds: base.kinds,
      hasConsequences: base.hasConsequences,
      start: from,
      rows,
      followed: [...followed.values()],
    };
  }

  private select(sel: DiffSelection): { base: Base; at: number[] } {
    const key = JSON.stringify([sel.level ?? null, sel.roots ?? null, sel.path ?? '', sel.kind ?? '', sel.consequences !== false]);
    const hit = this.filtered.get(key);
    if (hit) {
      // most recently used last
      this.filtered.delete(key);
      this.filtered.set(key, hit);
      return hit;
    }
    const base = this.base(sel);
    const q = sel.path?.trim() ?? '';
    const match = q ? compilePathFilter(sel.path!) : null;
    const kind = sel.kind ?? '';
    const hideConsequences = sel.consequences === false;
    let at = base.at;
    if (match || kind || hideConsequences) {
      at = base.at.filter((i) => {
        const d = this.differences[i];
        return (!hideConsequences || !d.follows) && (!kind || kindKey(d) === kind) && (!match || match(d.scope.path ?? whereText(d)));
      });
    }
    const made = { base, at };
    this.filtered.set(key, made);
    if (this.filtered.size > KEEP) this.filtered.delete(this.filtered.keys().next().value as string);
    return made;
  }

  private base(sel: DiffSelection): Base {
    const key = JSON.stringify([sel.level ?? null, sel.roots ?? null]);
    const hit = this.bases.get(key);
    if (hit) return hit;
    const at: number[] = [];
    if (sel.roots) {
      const roots: number[] = [];
      for (const id of sel.roots) {
        this.byId(id);
        const i = this.ids!.get(id);
        if (i !== undefined) roots.push(i);
      }
      const f = this.followerMap();
      at.push(...roots);
      for (const i of roots) for (const j of f.get(this.differences[i].id) ?? []) at.push(j);
    } else {
      for (let i = 0; i < this.differences.length; i++) if (!sel.level || levelOf(this.differences[i].subject) === sel.level) at.push(i);
    }
    const counts = new Map<string, number>();
    let hasConsequences = false;
    for (const i of at) {
      const d = this.differences[i];
      const k = kindKey(d);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (d.follows) hasConsequences = true;
    }
    const base = { at, kinds: [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])), hasConsequences };
    this.bases.set(key, base);
    if (this.bases.size > KEEP) this.bases.delete(this.bases.keys().next().value as string);
    return base;
  }

  /** Root id → indexes of the differences that follow it, in report order (built once). */
  private followerMap(): Map<string, number[]> {
    if (!this.followers) {
      const f = new Map<string, number[]>();
      this.differences.forEach((d, i) => {
        if (!d.follows) return;
        const list = f.get(d.follows);
        if (list) list.push(i);
        else f.set(d.follows, [i]);
      });
      this.followers = f;
    }
    return this.followers;
  }
}
