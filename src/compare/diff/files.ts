/**
 * Files of two tars compared by path: the files of a paired layer, or of two plain tars.
 * Maps keyed by path, one pass over each side: 100,000+ entries per layer diff in well under a
 * second (no quadratic scans). A path that occurs several times in one tar (later entries win
 * when extracting) is paired occurrence by occurrence.
 */
import type { FileRecord } from '../../report/types';
import type { Difference, RecordFacts, Scope } from '../types';
import type { Collector } from './emit';
import { compareRecords, recordFacts, type RecordSink } from './records';
import { linkedCopy } from './hardlinks';

export interface FileScope {
  c: Collector;
  /** 'file:i0:L1-1' or 'file:plain'. */
  idPrefix: string;
  /** 'file-order:i0:L1-1' or 'file-order:plain'. */
  orderId: string;
  scope: Scope;
  /** A side whose layer was not read to the end: what it lacks may just be unread. */
  incompleteA?: boolean;
  incompleteB?: boolean;
  /** Collects every difference by path (for the merged filesystem's `follows`). */
  byPath?: Map<string, Difference[]>;
}

/** Key of the n-th occurrence of a path (the first is the path itself). */
function keyed(files: FileRecord[]): { keys: string[]; map: Map<string, FileRecord> } {
  const map = new Map<string, FileRecord>();
  const keys: string[] = new Array(files.length);
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    let k = f.path;
    if (map.has(k)) {
      let n = 2;
      while (map.has(`${f.path}\u0000${n}`)) n++;
      k = `${f.path}\u0000${n}`;
    }
    keys[i] = k;
    map.set(k, f);
  }
  return { keys, map };
}

function idPath(key: string): string {
  const i = key.indexOf('\u0000');
  return i < 0 ? key : `${key.slice(0, i)}#${key.slice(i + 1)}`;
}

function isSorted(files: FileRecord[]): boolean {
  for (let i = 1; i < files.length; i++) if (files[i - 1].path > files[i].path) return false;
  return true;
}

/**
 * `{ ...scope, path }`, the same keys in the same order, built by a copy and a store: V8 (Node
 * 20) makes an object spread with a key added a dictionary, ~340 bytes where this is ~96, and a
 * layer of 100,000 changed files holds one per file (issue 12: 25 MB of the report's heap).
 */
function withPath(scope: Scope, path: string): Scope {
  const o: Scope = Object.assign({}, scope);
  o.path = path;
  return o;
}

function presence(r: FileRecord): { type: string; size: number } {
  return { type: r.type, size: r.size };
}

export function diffFiles(aFiles: FileRecord[], bFiles: FileRecord[], s: FileScope): Difference[] {
  const out: Difference[] = [];
  const A = keyed(aFiles);
  const B = keyed(bFiles);
  const push = (d: Difference, path: string) => {
    out.push(d);
    if (s.byPath) {
      const list = s.byPath.get(path);
      if (list) list.push(d);
      else s.byPath.set(path, [d]);
    }
  };
  const one = (key: string, r: FileRecord, side: 'a' | 'b') => {
    const facts: RecordFacts = { ...recordFacts(r, r) };
    if (side === 'a' ? s.incompleteB : s.incompleteA) facts.incomplete = true;
    const d = s.c.add({
      id: `${s.idPrefix}:${idPath(key)}:${side === 'a' ? '-' : '+'}`,
      subject: 'file',
      kind: side === 'a' ? 'removed' : 'added',
      scope: withPath(s.scope, r.path),
      ...(side === 'a' ? { a: presence(r) } : { b: presence(r) }),
      facts,
    });
    push(d, r.path);
  };

  // One sink for every pair (no closure per pair): it reads the pair being compared.
  let key = '';
  let ra: FileRecord = aFiles[0];
  let scope: Scope | null = null; // shared by the differences of one pair
  const sink: RecordSink = (field, av, bv, facts) => {
    scope ??= withPath(s.scope, ra.path);
    const d = s.c.add({ id: `${s.idPrefix}:${idPath(key)}:${field}`, subject: 'file', kind: 'changed', scope, field, a: av, b: bv, facts });
    push(d, ra.path);
  };
  const lookupA = (p: string) => A.map.get(p);
  const lookupB = (p: string) => B.map.get(p);
  const commonA: string[] = [];
  for (let i = 0; i < aFiles.length; i++) {
    key = A.keys[i];
    ra = aFiles[i];
    const rb = B.map.get(key);
    if (!rb) {
      one(key, ra, 'a');
      continue;
    }
    commonA.push(key);
    scope = null;
    // A hard link on one side, a copy of the same bytes on the other (hardlinks.ts).
    const linked = ra.type !== rb.type ? linkedCopy(ra, rb, lookupA, lookupB) : null;
    if (linked) {
      sink('type', ra.type, rb.type, linked.facts);
      compareRecords(linked.a, linked.b, sink);
    } else compareRecords(ra, rb, sink);
  }
  const commonB: string[] = [];
  for (let i = 0; i < bFiles.length; i++) {
    const key = B.keys[i];
    if (A.map.has(key)) commonB.push(key);
    else one(key, bFiles[i], 'b');
  }
  const order = orderDifference(commonA, commonB);
  if (order) {
    out.push(
      s.c.add({
        id: s.orderId,
        subject: 'file-order',
        kind: 'reordered',
        scope: s.scope,
        field: 'order',
        a: idPath(order.a),
        b: idPath(order.b),
        facts: {
          common: commonA.length,
          moved: order.moved,
          firstMismatch: { index: order.index, a: idPath(order.a), b: idPath(order.b) },
          aSorted: isSorted(aFiles),
          bSorted: isSorted(bFiles),
        },
      }),
    );
  }
  return out;
}

/** Where two sequences of the same members first differ, and how many positions differ. */
export function orderDifference(a: string[], b: string[]): { index: number; a: string; b: string; moved: number } | null {
  let first = -1;
  let moved = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      if (first < 0) first = i;
      moved++;
    }
  }
  return first < 0 ? null : { index: first, a: a[first], b: b[first], moved };
}
