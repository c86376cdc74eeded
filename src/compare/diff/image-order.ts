/**
 * The images of an index document in another order: docker's `manifest.json` items and OCI
 * `index.json` `manifests[]` are compared item by item *as paired* (pair-images.ts: config
 * digest, tags, platform, position), never position by position, so two images listed in the
 * other order do not read as "RepoTags app:1 → app:2". The order itself is one difference,
 * `index:<file>:order` (kind `reordered`): the archive lists the same images in another order,
 * which changes neither image (cause `archive.image-order`, docs/causes.md).
 */
import type { Difference, DocName } from '../types';
import type { Collector } from './emit';
import { isObject } from './values';

export interface AlignedItems {
  /** A's items, then a hole per B-only item. */
  a: unknown[];
  /** B's items at their partner's position (a hole where A's has none), then the B-only items. */
  b: unknown[];
  /** For each A item, the index of its partner in B's own order (-1 when none). */
  partnerOf: number[];
}

/** One alignment pass: the B item (index) an A item takes, found among the free ones. */
export type Pass = (item: unknown, free: (pred: (y: unknown) => boolean) => number) => number | undefined;

/**
 * Aligns B's items on A's: for each pass in turn (e.g. the paired image's descriptor, then the
 * same digest), every A item not yet aligned takes the free B item the pass names; then an
 * equal item (same JSON); then the next free one in order. B's leftovers are appended. Holes
 * are `undefined` (json-diff sees an absent element: an added/removed item).
 */
export function alignItems(da: unknown[], db: unknown[], passes: Pass[]): AlignedItems {
  const used = new Set<number>();
  const partnerOf = da.map(() => -1);
  const run = (pick: Pass) =>
    da.forEach((x, i) => {
      if (partnerOf[i] >= 0) return;
      const j = pick(x, free);
      if (j === undefined || j < 0 || j >= db.length || used.has(j)) return;
      used.add(j);
      partnerOf[i] = j;
    });
  function free(pred: (y: unknown) => boolean): number {
    return db.findIndex((y, k) => !used.has(k) && pred(y));
  }
  for (const p of passes) run(p);
  run((x) => {
    const s = JSON.stringify(x);
    return free((y) => JSON.stringify(y) === s);
  });
  run(() => free(() => true));
  const restB = db.filter((_, k) => !used.has(k));
  return {
    a: [...da, ...restB.map(() => undefined)],
    b: [...partnerOf.map((j) => (j >= 0 ? db[j] : undefined)), ...restB],
    partnerOf,
  };
}

/**
 * How many paired items sit in another relative order: the number of items outside the
 * longest run that keeps its order (n − LIS of the partners' positions). 0 = same order.
 */
export function movedItems(partnerOf: number[]): number {
  const seq = partnerOf.filter((j) => j >= 0);
  const tails: number[] = [];
  for (const v of seq) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return seq.length - tails.length;
}

/** A readable name of an item: its first RepoTag, ref.name annotation, Config or digest. */
export function itemLabel(x: unknown): string {
  if (!isObject(x)) return String(x);
  if (Array.isArray(x.RepoTags) && typeof x.RepoTags[0] === 'string') return x.RepoTags[0];
  const ann = isObject(x.annotations) ? x.annotations['org.opencontainers.image.ref.name'] : undefined;
  if (typeof ann === 'string') return ann;
  if (typeof x.Config === 'string') return x.Config;
  return typeof x.digest === 'string' ? x.digest : '?';
}

/** The `index:<file>:order` difference when paired items are listed in another order. */
export function diffItemOrder(c: Collector, file: DocName, da: unknown[], db: unknown[], partnerOf: number[]): Difference | undefined {
  const moved = movedItems(partnerOf);
  if (moved === 0) return undefined;
  const paired = partnerOf.map((j, i) => [i, j]).filter(([, j]) => j >= 0);
  const orderA = paired.map(([i]) => itemLabel(da[i]));
  const orderB = [...paired].sort((x, y) => x[1] - y[1]).map(([, j]) => itemLabel(db[j]));
  return c.add({
    id: `index:${file}:order`,
    subject: 'index',
    kind: 'reordered',
    scope: { path: file },
    field: 'order',
    a: orderA,
    b: orderB,
    facts: { file, moved },
  });
}

/** The hex part of a digest or a digest-named path (`sha256:ab…`, `ab….json`, `blobs/sha256/ab…`). */
export function hexOf(s: unknown): string | undefined {
  return typeof s === 'string' ? /[0-9a-f]{64}/.exec(s)?.[0] : undefined;
}
