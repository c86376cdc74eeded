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
 */
export const PART_ITEMS = 1000;

export interface Hole {
  path: (string | number)[];
  length: number;
  /** Not sent: the array at the same path in report `from` (the one before), unchanged. */
  from?: number;
}

export type ReportMessage =
  | { kind: 'part'; id: number; hole: number; start: number; items: unknown[] }
  /** The report without its long arrays; sent after its parts. `update`: a comparison's
   *  refinement; `ignored`: how many differences its options ignore (api.ts onUpdate). */
  | { kind: 'whole'; id: number; value: unknown; holes: Hole[]; update: boolean; ignored?: number };

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
  return new ReportSender(max).prepare(id, value, update, ignored).messages;
}

/**
 * The coordinator's side, one per run: a long array equal to the one at the same path in the
 * report sent before (a comparison's verified report repeats most of the final one: the same
 * differences, the same file listings) is not sent again; the page reuses its copy, so it neither
 * deserializes it nor recomputes what it derived from it (the UI's memos are keyed by identity).
 * Equality by a 64-bit fingerprint of the array's JSON (a report is JSON: docs/report-schema.md),
 * computed in the Worker, after the messages of a report are posted (`remember`).
 */
export class ReportSender {
  private sent: { id: number; prints: Map<string, string> } | null = null;

  constructor(private readonly max = PART_ITEMS) {}

  prepare(id: number, value: unknown, update: boolean, ignored?: number): { messages: ReportMessage[]; remember: () => void } {
    const { max } = this;
    const s = splitReport(value, max);
    const before = this.sent;
    const prints = new Map<string, string>();
    const messages: ReportMessage[] = [];
    const holes = s.holes.map((h, hole): Hole => {
      const key = JSON.stringify(h.path);
      const had = before?.prints.get(key);
      if (before && had?.startsWith(`${h.length}:`)) {
        const print = fingerprint(s.arrays[hole]);
        prints.set(key, print);
        if (print === had) return { ...h, from: before.id };
      }
      const a = s.arrays[hole];
      for (let start = 0; start < a.length; start += max) messages.push({ kind: 'part', id, hole, start, items: a.slice(start, start + max) });
      return h;
    });
    messages.push({ kind: 'whole', id, value: s.value, holes, update, ...(ignored === undefined ? {} : { ignored }) });
    return {
      messages,
      remember: () => {
        s.holes.forEach((h, hole) => {
          const key = JSON.stringify(h.path);
          if (!prints.has(key)) prints.set(key, fingerprint(s.arrays[hole]));
        });
        this.sent = { id, prints };
      },
    };
  }
}

/**
 * `length:`, the JSON's length and two 32-bit hashes (FNV-1a and a multiplicative one) of the
 * array's JSON, element by element: the JSON of a whole array of 200,000 differences is a string
 * of ~100 MB, held at once on top of the report (issue 12: the page's memory for 100,000 changed
 * files); one element's is small.
 */
function fingerprint(a: unknown[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let n = 0;
  for (const x of a) {
    // `undefined` (a hole) has no JSON: the array's own JSON writes it as null.
    const text = JSON.stringify(x) ?? 'null';
    n += text.length + 1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 44; // ',' between elements
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  return `${a.length}:${n}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
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
      list.push({ start: m.start, items: m.items });
      return null;
    }
    const byHole = this.parts.get(m.id);
    this.parts.delete(m.id);
    m.holes.forEach((h, i) => {
      const list = (byHole?.get(i) ?? []).sort((x, y) => x.start - y.start);
      const whole = h.from !== undefined ? this.kept(h) : list.length === 1 ? list[0].items : ([] as unknown[]).concat(...list.map((p) => p.items));
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
