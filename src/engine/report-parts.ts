/**
 * A report sent from the coordinator Worker to the page in parts, so that no single message
 * costs the page's main thread a long task. The structured clone of a comparison of two
 * archives of 20,000 files each (~26 MB, 260,000 objects, 800,000 strings) took 260–550 ms to
 * deserialize in one task on the page (docs/benchmarks.md "Responsiveness"); every message is
 * deserialized in a task of its own, so a report cut into parts of at most `PART_ITEMS`
 * elements costs a series of short tasks instead.
 *
 * `splitReport` replaces each array longer than `max` (file listings, differences) by an empty
 * array and lists where it was (`holes`: the path of keys, never a marker value, since a report
 * carries keys from the archive: labels, annotations) and its elements in slices. Only the
 * containers on the way to a hole are copied (the report itself is not changed); elements of a
 * long array are not searched for long arrays of their own. `ReportReceiver` puts them back.
 *
 * The slices cross as JSON text (a report is JSON: docs/report-schema.md), parsed on the page:
 * 200,000 differences held 149 MB as structured clone made them (objects with out-of-object
 * properties, every string its own) and 29 MB as JSON.parse makes them (in-object properties,
 * shared shapes), and parsing took 1.1 s against 1.9 s (Node 20, `v8.deserialize` against
 * `JSON.parse` of the same 200 slices; the page's heap comparing 100,000 changed files: see
 * docs/benchmarks.md "Memory").
 */
import type { HeldSummary } from './shown-comparison';

export const PART_ITEMS = 1000;

export interface Hole {
  path: (string | number)[];
  length: number;
  /** Not sent, or only in part: the array at the same path in report `from` (the one before). */
  from?: number;
  /** With `from`: how the array is made of that one's elements and the ones sent, as pairs
   *  [start, count] — `count` elements of the array before from `start`, or, for start -1, the
   *  next `count` elements of this hole's parts. Absent: the array before, whole and unchanged. */
  runs?: number[];
}

export type ReportMessage =
  /** `json`: the JSON of elements `start`… of the hole's elements sent (an array). */
  | { kind: 'part'; id: number; hole: number; start: number; json: string }
  /** The report without its long arrays; sent after its parts. `update`: a comparison's
   *  refinement; `ignored`: how many differences its options ignore (api.ts onUpdate); `held`:
   *  the report is a comparison the coordinator keeps whole and sent as shown-comparison.ts says. */
  | { kind: 'whole'; id: number; value: unknown; holes: Hole[]; update: boolean; ignored?: number; held?: HeldSummary };

export function splitReport<T>(value: T, max = PART_ITEMS): { value: T; holes: Hole[]; arrays: unknown[][] } {
  const holes: Hole[] = [];
  const arrays: unknown[][] = [];
  const path: (string | number)[] = [];
  const strip = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    if (Array.isArray(v)) {
      if (v.length > max) {
        holes.push({ path: [...path], length: v.length });
        arrays.push(v);
        return [];
      }
      let copy: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const s = strip(v[i]);
        path.pop();
        if (s !== v[i]) (copy ??= v.slice())[i] = s;
      }
      return copy ?? v;
    }
    let copy: Record<string, unknown> | null = null;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      path.push(k);
      const s = strip(o[k]);
      path.pop();
      if (s !== o[k]) (copy ??= { ...o })[k] = s;
    }
    return copy ?? v;
  };
  return { value: strip(value) as T, holes, arrays };
}

/** The messages that carry `value` as report `id`: its parts, then the whole. */
export function reportMessages(id: number, value: unknown, update: boolean, ignored?: number, max = PART_ITEMS): ReportMessage[] {
  return [...new ReportSender(max).messages(id, value, update, ignored)];
}

/**
 * The coordinator's side, one per run: a long array whose elements equal those at the same path in
 * the report sent before (a comparison's verified report repeats most of the final one: the same
 * file listings, the same differences plus the few that verification found) is not sent again,
 * or only its new elements are; the page reuses its copies of the others, so it neither
 * deserializes nor holds them twice, and an array kept whole keeps its identity (the UI's memos are
 * keyed by it). Equality by a 64-bit fingerprint of each element's JSON (a report is JSON:
 * docs/report-schema.md), computed in the Worker: for an array seen for the first time from the
 * same JSON its parts carry.
 */
export class ReportSender {
  private sent: { id: number; prints: Map<string, Prints> } | null = null;

  constructor(private readonly max = PART_ITEMS) {}

  /**
   * The messages of report `id`, made one at a time as they are taken (the JSON of 200,000
   * differences at once would be ~100 MB of strings on top of the report): its parts, then the
   * whole. The report sent before is the one the next comparison refers to only once every
   * message was taken.
   */
  *messages(id: number, value: unknown, update: boolean, ignored?: number, held?: HeldSummary): Generator<ReportMessage> {
    const { max } = this;
    const s = splitReport(value, max);
    const before = this.sent;
    const prints = new Map<string, Prints>();
    const holes: Hole[] = [];
    for (let hole = 0; hole < s.holes.length; hole++) {
      const h = s.holes[hole];
      const key = JSON.stringify(h.path);
      const a = s.arrays[hole];
      const had = before?.prints.get(key);
      // Matching needs every element's print first; an array with nothing to match against
      // gets its prints while its parts are made (each element's JSON made once).
      const now = had ? elementPrints(a) : emptyPrints(a.length);
      prints.set(key, now);
      const runs = before && had ? matchRuns(had, now) : null;
      let fresh = a;
      if (before && runs) {
        // every element the one at the same place before, and no more of them before: kept whole
        const whole = runs.length === 2 && runs[0] === 0 && runs[1] === a.length && had!.h1.length === a.length;
        holes.push(whole ? { ...h, from: before.id } : { ...h, from: before.id, runs });
        fresh = [];
        for (let r = 0, at = 0; r < runs.length; r += 2) {
          if (runs[r] < 0) for (let k = 0; k < runs[r + 1]; k++) fresh.push(a[at + k]);
          at += runs[r + 1];
        }
      } else holes.push(h);
      // The prints of an array not matched were made above when it had a report to match
      // against (then its JSON is made twice: the rare case of an array mostly new).
      const text = (x: unknown, i: number) => (had ? (JSON.stringify(x) ?? 'null') : print(x, now, i));
      for (let start = 0; start < fresh.length; start += max) {
        const texts: string[] = [];
        for (let i = start; i < Math.min(fresh.length, start + max); i++) texts.push(text(fresh[i], i));
        yield { kind: 'part', id, hole, start, json: `[${texts.join(',')}]` };
      }
    }
    this.sent = { id, prints };
    yield { kind: 'whole', id, value: s.value, holes, update, ...(ignored === undefined ? {} : { ignored }), ...(held ? { held } : {}) };
  }
}

/** Two 32-bit hashes per element: FNV-1a and a multiplicative one of its JSON, the second with
 *  the JSON's length mixed in. */
interface Prints {
  h1: Uint32Array;
  h2: Uint32Array;
}

function emptyPrints(n: number): Prints {
  return { h1: new Uint32Array(n), h2: new Uint32Array(n) };
}

/** Element `i`'s JSON, its hashes stored in `p`. */
function print(x: unknown, p: Prints, i: number): string {
  // `undefined` (a hole) has no JSON: the array's own JSON writes it as null.
  const text = JSON.stringify(x) ?? 'null';
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ text.length;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  p.h1[i] = h1;
  p.h2[i] = h2;
  return text;
}

/** The prints of every element of `a`. */
function elementPrints(a: unknown[]): Prints {
  const p = emptyPrints(a.length);
  for (let i = 0; i < a.length; i++) print(a[i], p, i);
  return p;
}

/** How far ahead in the array before an element is looked for (an inserted or removed run
 *  longer than this is sent again from there on, still correct). */
const LOOK_AHEAD = 256;

/**
 * The array `now` as runs over `before` (Hole.runs), walking both in order: an element equal to
 * the next one before, or to one at most LOOK_AHEAD further, is reused; any other is sent. Null
 * when fewer than half the elements would be reused (then the array is sent whole).
 */
function matchRuns(before: Prints, now: Prints): number[] | null {
  const runs: number[] = [];
  const n = before.h1.length;
  let i = 0;
  let reused = 0;
  const push = (start: number) => {
    const last = runs.length - 2;
    const contiguous = last >= 0 && (start < 0 ? runs[last] < 0 : runs[last] >= 0 && runs[last] + runs[last + 1] === start);
    if (contiguous) runs[last + 1]++;
    else runs.push(start, 1);
  };
  for (let j = 0; j < now.h1.length; j++) {
    let k = -1;
    for (let t = i; t < n && t <= i + LOOK_AHEAD; t++) {
      if (before.h1[t] === now.h1[j] && before.h2[t] === now.h2[j]) {
        k = t;
        break;
      }
    }
    if (k < 0) push(-1);
    else {
      push(k);
      reused++;
      i = k + 1;
    }
  }
  return reused * 2 >= now.h1.length && reused > 0 ? runs : null;
}

/** The page's side: collects parts and returns the report when its whole arrives. */
export class ReportReceiver {
  private parts = new Map<number, Map<number, { start: number; items: unknown[] }[]>>();
  private last: { id: number; value: unknown } | null = null;

  /** The report `m` completes, or null. */
  receive(m: ReportMessage): unknown {
    if (m.kind === 'part') {
      let byHole = this.parts.get(m.id);
      if (!byHole) this.parts.set(m.id, (byHole = new Map()));
      let list = byHole.get(m.hole);
      if (!list) byHole.set(m.hole, (list = []));
      list.push({ start: m.start, items: JSON.parse(m.json) as unknown[] });
      return null;
    }
    const byHole = this.parts.get(m.id);
    this.parts.delete(m.id);
    m.holes.forEach((h, i) => {
      const list = (byHole?.get(i) ?? []).sort((x, y) => x.start - y.start);
      const sent = list.length === 1 ? list[0].items : ([] as unknown[]).concat(...list.map((p) => p.items));
      const whole = h.from === undefined ? sent : h.runs ? fromRuns(this.kept(h), h.runs, sent) : this.kept(h);
      if (whole.length !== h.length) throw new Error(`engine: report ${m.id} lost part of ${h.path.join('.')} (${whole.length} of ${h.length})`);
      if (!h.path.length) {
        m.value = whole;
        return;
      }
      let at = m.value as Record<string | number, unknown>;
      for (const k of h.path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      at[h.path[h.path.length - 1]] = whole;
    });
    this.last = { id: m.id, value: m.value };
    return m.value;
  }

  /** The array of the report before, at the hole's path. */
  private kept(h: Hole): unknown[] {
    const last = this.last;
    if (!last || last.id !== h.from) throw new Error(`engine: report ${h.from} is not the one before`);
    let at = last.value as Record<string | number, unknown> | undefined;
    for (const k of h.path) at = at?.[k] as Record<string | number, unknown> | undefined;
    if (!Array.isArray(at)) throw new Error(`engine: report ${h.from} has no ${h.path.join('.')}`);
    return at;
  }

  /** Report `id` if it is the last one received. */
  take(id: number): unknown {
    return this.last?.id === id ? this.last.value : undefined;
  }
}

/** The array `runs` (Hole.runs) describes: elements of `before`, and of `sent` in order. */
function fromRuns(before: unknown[], runs: number[], sent: unknown[]): unknown[] {
  const out: unknown[] = [];
  let next = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const [start, count] = [runs[r], runs[r + 1]];
    if (start < 0) for (let k = 0; k < count; k++) out.push(sent[next++]);
    else for (let k = 0; k < count; k++) out.push(before[start + k]);
  }
  if (next !== sent.length) throw new Error(`engine: a report's runs used ${next} of the ${sent.length} elements sent`);
  return out;
}
