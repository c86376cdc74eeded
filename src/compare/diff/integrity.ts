/**
 * Problems of one side: the input's errors (truncated, corrupt, unsupported: causes.md
 * input.*) and its failed integrity checks (missing blobs, digest/size/diff_id mismatches:
 * layer.missing-blob, layer.digest-mismatch). Reported per side even when the other side has
 * the same problem (`sameOnBoth`), because the verdict depends on them.
 */
import type { InputReport, IntegrityCheck } from '../../report/types';
import type { Collector } from './emit';
import type { Resolver } from './resolver';

export function diffInputErrors(c: Collector, a: InputReport, b: InputReport): { a?: string; b?: string } {
  const out: { a?: string; b?: string } = {};
  for (const side of ['a', 'b'] as const) {
    const x = side === 'a' ? a : b;
    const other = side === 'a' ? b : a;
    if (!x.errors.length && !x.error) continue;
    const first = x.errors[0];
    const d = c.add({
      id: `input:${side}`,
      subject: 'input',
      kind: 'changed',
      scope: {},
      field: 'error',
      a: a.error,
      b: b.error,
      facts: {
        side,
        code: first?.code ?? 'internal',
        component: first?.component ?? 'tarscope',
        message: first?.message ?? x.error,
        offset: first?.offset,
        path: first?.path,
        count: x.errors.length,
        codes: [...new Set(x.errors.map((e) => e.code))],
        sameOnBoth: other.error === x.error,
      },
    });
    out[side] = d.id;
  }
  return out;
}

function key(k: IntegrityCheck): string {
  return `${k.kind}\u0000${k.subject}\u0000${k.expected ?? ''}\u0000${k.actual ?? ''}`;
}

/** Failed `reference` checks (missing blobs) by side: the blob's name → the difference id. */
export type MissingBlobs = { a: Map<string, string>; b: Map<string, string> };

export function diffIntegrity(c: Collector, r: Resolver, a: InputReport, b: InputReport): MissingBlobs {
  const missing: MissingBlobs = { a: new Map(), b: new Map() };
  const failed = (x: InputReport) => x.integrity.checks.filter((k) => !k.ok);
  const fa = failed(a);
  const fb = failed(b);
  const keysA = new Set(fa.map(key));
  const keysB = new Set(fb.map(key));
  for (const [side, list, otherKeys] of [
    ['a', fa, keysB],
    ['b', fb, keysA],
  ] as const) {
    list.forEach((k, n) => {
      const d = c.add({
        id: `integrity:${side}:${n}`,
        subject: 'integrity',
        kind: 'changed',
        scope: {},
        field: k.kind,
        ...(side === 'a' ? { a: k.message } : { b: k.message }),
        facts: { side, kind: k.kind, subject: k.subject, expected: k.expected, actual: k.actual, message: k.message, sameOnBoth: otherKeys.has(key(k)) },
      });
      // A missing blob explains the outer entry absent on this side (resolver by name/digest).
      // Bytes that do not match their digest explain that blob's entry being different.
      if (k.kind === 'blob-digest' || k.kind === 'blob-size') r.add(k.expected, d.id);
      if (k.kind === 'reference') {
        r.add(k.expected, d.id);
        if (k.expected) missing[side].set(k.expected, d.id);
      }
    });
  }
  return missing;
}

/**
 * A layout that names a blob the archive lacks is also an error of the input (the inspector
 * shows it as such), but the archive was read to its end: when every error of a side names a
 * blob a failed reference check names, the input difference follows that check (the root:
 * layer.missing-blob), instead of counting the same missing blob twice as corruption.
 */
export function foldMissingBlobErrors(c: Collector, a: InputReport, b: InputReport, inputs: { a?: string; b?: string }, missing: MissingBlobs): void {
  for (const side of ['a', 'b'] as const) {
    const x = side === 'a' ? a : b;
    const id = inputs[side];
    if (!id || !x.errors.length || !missing[side].size) continue;
    if (!x.errors.every((e) => e.path && missing[side].has(e.path))) continue;
    const d = c.list.find((y) => y.id === id);
    if (d) c.setFollows(d, missing[side].get(x.errors[0].path!)!);
  }
}
