/**
 * gatherEvidence through the EvidenceSource port when the port fails: a failed read or job is
 * reported in `errors` with the differences it left without details, the other differences
 * keep theirs, and a cancel is not an error. The port is the engine's (evidence-port.ts) with
 * one method replaced, so everything but the failure is what a real comparison reads.
 */
import { describe, it, expect } from 'vitest';
import { buildOciArchive, layerTar } from '../../../builders/image';
import { buildTar } from '../../../builders/tar';
import { gatherEvidence, type EvidenceSource } from '../../../../src/compare/evidence';
import { evidenceSource } from '../../../../src/engine/evidence-port';
import { inlineRunner } from '../../../../src/engine/inline';
import type { ErrorInfo } from '../../../../src/io/errors';
import { compareBytes, hooks, noise, run } from './support';

const big = noise(300_000, 11);
const bigB = big.slice();
bigB[150_001] ^= 0xff;

const boom = (component: string): ErrorInfo => ({ code: 'internal', component, message: `${component}: the disk went away` });
const contentIds = (ids: string[]) => ids.filter((id) => id.startsWith('file:') && id.endsWith(':content')).sort();

/** One gzip layer each, two files that differ: two content differences in one blob per side. */
function layered() {
  const files = (conf: string) =>
    layerTar([
      { name: 'etc/app.conf', data: conf },
      { name: 'etc/machine-id', data: `${conf.length}\n` },
    ]);
  const gz = { ...hooks, gzip: (b: Uint8Array) => run(['gzip', '-6', '-n'], b) };
  return [
    buildOciArchive([{ tags: ['t:1'], layers: [files('a=1\n')] }], gz, { compress: true }).tar,
    buildOciArchive([{ tags: ['t:1'], layers: [files('a=22\n')] }], gz, { compress: true }).tar,
  ];
}

describe('gatherEvidence when the port fails', () => {
  it('an extract job that fails on one side: reported once with its differences, which are skipped', async () => {
    const [a, b] = layered();
    const { diff, reads } = await compareBytes(a, b);
    const real = evidenceSource(reads, inlineRunner());
    const source: EvidenceSource = {
      ...real,
      extract: async (p, wants, signal) => (p.side === 'b' ? { ok: false, error: boom('extract') } : real.extract(p, wants, signal)),
    };
    const details = await gatherEvidence(diff, source);
    const ids = contentIds(diff.differences.map((d) => d.id));
    expect(ids.length).toBe(2);
    expect(details.size).toBe(0);
    expect(details.errors).toEqual([{ differences: expect.arrayContaining(ids), error: boom('extract') }]);
    expect(details.errors[0].differences.length).toBe(2);
    expect(details.skipped.map((s) => [s.difference, s.why]).sort()).toEqual(ids.map((id) => [id, "the file could not be read from B's layer"]));
  });

  it('a plain-tar read that fails: that file is reported, the other keeps its details', async () => {
    const a = buildTar([
      { name: 'notes.txt', data: 'one\ntwo\n' },
      { name: 'blob.bin', data: big },
    ]);
    const b = buildTar([
      { name: 'notes.txt', data: 'one\n2\n' },
      { name: 'blob.bin', data: bigB },
    ]);
    const { diff, reads } = await compareBytes(a, b);
    const real = evidenceSource(reads, inlineRunner());
    const source: EvidenceSource = {
      ...real,
      read: async (p, start, end, signal) => (p.entry === 'notes.txt' ? { ok: false, error: boom('evidence') } : real.read(p, start, end, signal)),
    };
    const details = await gatherEvidence(diff, source);
    expect(details.errors).toEqual([{ differences: ['file:plain:notes.txt:content'], error: boom('evidence') }]);
    expect(details.get('file:plain:notes.txt:content')).toBeUndefined();
    expect(details.get('file:plain:blob.bin:content')?.[0]).toMatchObject({ kind: 'hex', offset: 149_984, length: 64 });
  });

  it('a plain-tar read that fails beyond the heads: the file keeps what the heads gave, the failure is reported', async () => {
    const a = buildTar([{ name: 'blob.bin', data: big }]);
    const b = buildTar([{ name: 'blob.bin', data: bigB }]);
    const { diff, reads } = await compareBytes(a, b);
    const real = evidenceSource(reads, inlineRunner());
    const source: EvidenceSource = {
      ...real,
      read: async (p, start, end, signal) => (start > 0 ? { ok: false, error: boom('evidence') } : real.read(p, start, end, signal)),
    };
    const details = await gatherEvidence(diff, source);
    expect(details.errors).toEqual([{ differences: ['file:plain:blob.bin:content'], error: boom('evidence') }]);
    // The heads are equal, so there is no hex window without the read that failed.
    expect(details.get('file:plain:blob.bin:content')?.find((e) => e.kind === 'hex')).toBeUndefined();
  });

  it('a forensics job that fails: that layer pair is reported, the next pair still gets its sentences', async () => {
    // Two images, each with a layer recompressed (gzip -1 vs -9), so two `layer.compression` roots.
    const la = layerTar([{ name: 'etc/a', data: 'a\n' }]);
    const lb = layerTar([{ name: 'etc/b', data: noise(4000, 3) }]);
    const gz = (l: string) => ({ ...hooks, gzip: (b: Uint8Array) => run(['gzip', l, '-n'], b) });
    const imgs = [
      { tags: ['one:1'], layers: [la] },
      { tags: ['two:1'], layers: [lb] },
    ];
    const { diff, reads } = await compareBytes(
      buildOciArchive(imgs, gz('-1'), { compress: true }).tar,
      buildOciArchive(imgs, gz('-9'), { compress: true }).tar,
    );
    const pairs = diff.differences.filter((d) => d.subject === 'layer-blob' && !d.follows);
    expect(pairs.length).toBe(2);
    const real = evidenceSource(reads, inlineRunner());
    let calls = 0;
    const source: EvidenceSource = {
      ...real,
      forensics: async (x, y, o) => (calls++ === 0 ? { ok: false, error: boom('forensics') } : real.forensics(x, y, o)),
    };
    const details = await gatherEvidence(diff, source);
    expect(details.errors).toEqual([{ differences: [pairs[0].id], error: boom('forensics') }]);
    expect(details.get(pairs[0].id)).toBeUndefined();
    expect(details.get(pairs[1].id)?.[0]).toMatchObject({ kind: 'compression' });
  });

  it('a port that throws (not a cancel): reported as the pass stopping, never a rejection', async () => {
    const [a, b] = layered();
    const { diff, reads } = await compareBytes(a, b);
    const real = evidenceSource(reads, inlineRunner());
    const source: EvidenceSource = {
      ...real,
      extract: async () => {
        throw new Error('a bug in the port');
      },
    };
    const details = await gatherEvidence(diff, source);
    expect(details.errors).toEqual([{ differences: [], error: { code: 'internal', component: 'evidence', message: 'evidence: a bug in the port' } }]);
  });

  it('cancelled while reading: what was gathered, no error', async () => {
    const [a, b] = layered();
    const { diff, reads } = await compareBytes(a, b);
    const real = evidenceSource(reads, inlineRunner());
    const ac = new AbortController();
    const source: EvidenceSource = {
      ...real,
      extract: async () => {
        ac.abort();
        throw new DOMException('stopped', 'AbortError');
      },
    };
    const details = await gatherEvidence(diff, source, ac.signal);
    expect(details.errors).toEqual([]);
    expect(details.size).toBe(0);
  });
});
