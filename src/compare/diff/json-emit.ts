/**
 * Turns JSON leaves (json-diff.ts) into differences: one per leaf path, with hints, and with
 * `follows` for leaves that name a digest the resolver knows (a descriptor's `digest`, a
 * `rootfs.diff_ids[i]`, a manifest.json `Layers[i]` name…). A descriptor's `size` follows its
 * sibling `digest`: both change together when the blob does; so does every leaf of a
 * descriptor present on one side only.
 */
import type { DifferenceOf, FactsOf, JsonHints, Scope } from '../types';
import type { Collector } from './emit';
import type { JsonLeaf } from './json-diff';
import type { Resolver } from './resolver';
import { hexesIn, jsonHints } from './values';

/** Subjects whose differences are JSON leaves (their facts carry the JSON hints). */
export type JsonSubject = 'index' | 'manifest' | 'config' | 'history';

export interface LeafOptions<S extends JsonSubject> {
  /** Id prefix, e.g. 'config:i0'; the id is `${prefix}:${path}`. */
  prefix: (path: string) => string;
  subject: (path: string) => S;
  scope: Scope;
  /** Facts every leaf carries besides its hints (index documents: `file`). */
  facts?: Omit<FactsOf<S>, keyof JsonHints>;
  /** A leaf-specific root, tried before the resolver. */
  follows?: (leaf: JsonLeaf) => string | undefined;
  /** What leaves follow when nothing more specific explains them. */
  fallback?: string;
  /** Path for ids and fields ('' → '$'). */
  field?: (path: string) => string;
}

/** 'manifests[1].platform.os' → 'manifests[1].platform' → 'manifests[1]' → 'manifests' → null. */
function parentPath(path: string): string | null {
  const i = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return i <= 0 ? null : path.slice(0, i);
}

export function emitLeaves<S extends JsonSubject>(c: Collector, r: Resolver, leaves: JsonLeaf[], o: LeafOptions<S>): DifferenceOf<JsonSubject>[] {
  const follows = new Map<string, string | undefined>();
  for (const leaf of leaves) {
    let f = o.follows?.(leaf);
    if (f === undefined && hexesIn(leaf.a, leaf.b, leaf.path).length) f = r.find(leaf.a, leaf.b, leaf.path);
    follows.set(leaf.path, f);
  }
  for (const leaf of leaves) {
    if (follows.get(leaf.path)) continue;
    if (leaf.kind === 'changed') {
      if (!leaf.path.endsWith('.size')) continue;
      const sibling = follows.get(leaf.path.slice(0, -'.size'.length) + '.digest');
      if (sibling) follows.set(leaf.path, sibling);
      continue;
    }
    // A whole descriptor on one side: its mediaType, platform, annotations… go with its digest.
    for (let p = parentPath(leaf.path); p !== null; p = parentPath(p)) {
      const d = follows.get(`${p}.digest`);
      if (d) {
        follows.set(leaf.path, d);
        break;
      }
    }
  }
  const out: DifferenceOf<JsonSubject>[] = [];
  for (const leaf of leaves) {
    const field = o.field ? o.field(leaf.path) : leaf.path || '$';
    out.push(
      c.add<JsonSubject>({
        id: `${o.prefix(leaf.path)}:${field}`,
        subject: o.subject(leaf.path),
        kind: leaf.kind,
        scope: o.scope,
        field,
        a: leaf.a,
        b: leaf.b,
        follows: follows.get(leaf.path) ?? o.fallback,
        facts: { ...o.facts, ...jsonHints(leaf.path, leaf.a, leaf.b) },
      }),
    );
  }
  return out;
}
