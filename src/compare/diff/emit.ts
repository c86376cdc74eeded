/**
 * The difference collector: every level adds its differences here. It gives each one a unique
 * deterministic id, clips values, and resolves `follows` to a root so that chains
 * (file → layer blob → manifest → index) never need walking by the explainers.
 */
import type { Difference, DifferenceOf, FactsOf, FieldOf, Scope, Subject } from '../types';
import { clip, clipFacts } from './values';

/**
 * A difference as a level adds it: typed by its subject (../difference/), so a fact or field
 * the subject does not have, or a kind it never comes in, does not compile. Values and facts
 * are clipped by the collector (strings cut, lists capped: values.ts), which keeps their types.
 */
export interface NewDifference<S extends Subject> {
  id: string;
  subject: S;
  kind: DifferenceOf<S>['kind'];
  scope: Scope;
  field?: FieldOf<S>;
  a?: unknown;
  b?: unknown;
  follows?: string;
  facts?: FactsOf<S>;
}

/** Fields whose differences explain a container's digest better than metadata does. */
const STRONG_FIELDS = new Set(['type', 'content', 'linkname', 'size', '$']);

/** Lower is a better root: existence/type/content, then metadata, then order. */
export function rootRank(d: Difference): number {
  if (d.kind === 'added' || d.kind === 'removed') return 0;
  if (d.kind === 'reordered') return 2;
  if (d.field && STRONG_FIELDS.has(d.field)) return 0;
  if ((d.subject === 'file' || d.subject === 'outer-entry' || d.subject === 'outer-end') && d.facts?.tarFormat === true) return 1.5;
  return 1;
}

export class Collector {
  readonly list: Difference[] = [];
  private readonly byId = new Map<string, Difference>();

  add<S extends Subject>(n: NewDifference<S>): DifferenceOf<S> {
    // A flat id: built by concatenation it is a rope of 3–4 pieces in V8, which reading a
    // character flattens into one string (~60 bytes less per difference: issue 12).
    let id = n.id;
    id.charCodeAt(0);
    if (this.byId.has(id)) {
      let i = 2;
      while (this.byId.has(`${n.id}#${i}`)) i++;
      id = `${n.id}#${i}`;
    }
    const a = clip(n.a);
    const b = clip(n.b);
    let follows = this.root(n.follows);
    if (follows === id) follows = undefined;
    const facts = clipFacts(n.facts);
    // Key order is the report's (id, subject, kind, scope, field, a, b, follows, facts). The
    // shape of 100,000s of file and merged differences (a changed field, both values, facts) is
    // one literal: V8 then holds every member in the object, not in a second array (issue 12).
    let d: Partial<Record<keyof Difference, unknown>>;
    if (n.field !== undefined && a !== undefined && b !== undefined && facts) {
      d =
        follows === undefined
          ? { id, subject: n.subject, kind: n.kind, scope: n.scope, field: n.field, a, b, facts }
          : { id, subject: n.subject, kind: n.kind, scope: n.scope, field: n.field, a, b, follows, facts };
    } else {
      d = { id, subject: n.subject, kind: n.kind, scope: n.scope };
      if (n.field !== undefined) d.field = n.field;
      if (a !== undefined) d.a = a;
      if (b !== undefined) d.b = b;
      if (follows !== undefined) d.follows = follows;
      if (facts) d.facts = facts;
    }
    // The one place a difference is assembled: its members were typed by NewDifference<S>.
    const out = d as unknown as DifferenceOf<S>;
    this.list.push(out);
    this.byId.set(id, out);
    return out;
  }

  get(id: string): Difference | undefined {
    return this.byId.get(id);
  }

  /** The root a difference follows (itself when it is a root); undefined stays undefined. */
  root(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    const d = this.byId.get(id);
    return d?.follows ?? id;
  }

  /** Re-points every `follows` at a root after late passes turned a root into a consequence. */
  flatten(): void {
    for (const d of this.list) {
      let seen = 0;
      while (d.follows && seen++ < 8) {
        const t = this.byId.get(d.follows);
        if (!t?.follows || t.follows === d.id) break;
        d.follows = t.follows;
      }
    }
  }

  /** Makes `d` follow `target`'s root (used by late passes); `incomplete`: sets `facts.incomplete`
   *  (what `d` lacks on a side may just be unread: index.ts followIncomplete). */
  setFollows(d: Difference, target: string, incomplete = false): void {
    const root = this.root(target);
    if (root && root !== d.id) d.follows = root;
    if (incomplete && d.subject !== 'input') d.facts = { ...d.facts, incomplete: true };
  }
}

/**
 * The best root explaining a group of differences: the best-ranked root among them, else the
 * root the first of them follows. Undefined for an empty group.
 */
export function bestRoot(group: Difference[]): string | undefined {
  let best: Difference | undefined;
  for (const d of group) {
    if (d.follows) continue;
    if (!best || rootRank(d) < rootRank(best)) best = d;
    if (rootRank(best) === 0) break;
  }
  if (best) return best.id;
  return group[0]?.follows;
}
