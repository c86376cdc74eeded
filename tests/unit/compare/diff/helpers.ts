/** Shared by the differ tests: inspect built archives with the real engine, query results. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { inspectArchive } from '../../../../src/engine/inspect';
import { inlineRunner } from '../../../../src/engine/inline';
import type { InputReport } from '../../../../src/report/types';
import { is, subject, type Difference, type DifferenceOf, type DiffResult, type Subject } from '../../../../src/compare/types';
import { diffInputs } from '../../../../src/compare/diff';
import { differencesErrors } from '../../../../src/compare/difference/validate';

export async function inspect(bytes: Uint8Array, name = 'x.tar'): Promise<InputReport> {
  const report = await inspectArchive(inlineRunner(), new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return report.inputs[0];
}

export async function inspectFile(path: string): Promise<InputReport> {
  return inspect(new Uint8Array(readFileSync(path)), path.slice(path.lastIndexOf('/') + 1));
}

/** Diffs and checks the invariants every result keeps (unique ids, follows names a root). */
export function diff(a: InputReport, b: InputReport): DiffResult {
  const r = diffInputs(a, b);
  const ids = new Map(r.differences.map((d) => [d.id, d]));
  expect(ids.size).toBe(r.differences.length);
  for (const d of r.differences) {
    if (d.follows === undefined) continue;
    const root = ids.get(d.follows);
    expect(root, `${d.id} follows ${d.follows}, which is not in the list`).toBeDefined();
    expect(root!.follows, `${d.id} follows ${d.follows}, which is not a root`).toBeUndefined();
  }
  // JSON-serialisable as is.
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  // Every difference is what its subject's type says (kind, field, facts).
  expect(differencesErrors(r.differences)).toEqual([]);
  return r;
}

export function roots(r: DiffResult): Difference[] {
  return r.differences.filter((d) => d.follows === undefined);
}

export function bySubject<S extends Subject>(r: DiffResult, s: S): DifferenceOf<S>[] {
  return r.differences.filter(subject(s));
}

export function get(r: DiffResult, id: string): Difference;
/** …of a subject: typed (its facts read without casts); throws when the subject is another. */
export function get<S extends Subject>(r: DiffResult, id: string, s: S): DifferenceOf<S>;
export function get(r: DiffResult, id: string, s?: Subject): Difference {
  const d = r.differences.find((x) => x.id === id);
  if (!d) throw new Error(`no difference ${id}; ids: ${r.differences.map((x) => x.id).join(', ')}`);
  if (s !== undefined && !is(d, s)) throw new Error(`${id} is not a ${s} difference`);
  return d;
}

/** "subject:field" of every root, sorted (a compact picture of what a result says). */
export function rootKinds(r: DiffResult): string[] {
  return [...new Set(roots(r).map((d) => `${d.subject}:${d.field ?? d.kind}`))].sort();
}

/** Patches a gzip member's MTIME (RFC 1952 §2.3, bytes 4–7, little endian). */
export function setGzipMtime(gz: Uint8Array, mtime: number): Uint8Array {
  const out = gz.slice();
  new DataView(out.buffer, out.byteOffset).setUint32(4, mtime, true);
  return out;
}
