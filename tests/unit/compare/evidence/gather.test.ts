/**
 * gatherEvidence end to end on archives built in memory and read by the real engine steps:
 * which differences get which details, one extract pass per blob, hex windows beyond the
 * first 64 KiB, plain tars, compressed outer files skipped with a reason, attachEvidence.
 */
import { describe, it, expect } from 'vitest';
import { buildOciArchive, layerTar } from '../../../builders/image';
import { buildTar } from '../../../builders/tar';
import { gatherEvidence, attachEvidence } from '../../../../src/compare/evidence';
import { inlineRunner } from '../../../../src/engine/inline';
import { evidenceSource } from '../../../../src/engine/evidence-port';
import type { JobRunner } from '../../../../src/engine/runner';
import type { Cause, ContentEvidence, DiffResult } from '../../../../src/compare/types';
import { compareBytes, hooks, noise, run } from './support';

const big = noise(300_000, 7);
const bigB = big.slice();
bigB[200_123] ^= 0xff;

function pyc(mtime: number): Uint8Array {
  // Python 3.11 header (magic 3495, flags 0, mtime, source size) + the same code bytes.
  const h = new Uint8Array(16);
  const dv = new DataView(h.buffer);
  dv.setUint16(0, 3495, true);
  h[2] = 0x0d;
  h[3] = 0x0a;
  dv.setUint32(8, mtime, true);
  dv.setUint32(12, 120, true);
  return new Uint8Array([...h, 0xe3, 1, 2, 3, 4, 5, 6, 7]);
}

function archives(compress = true) {
  const la = layerTar([
    { name: 'etc/', typeflag: '5' },
    { name: 'etc/app.conf', data: 'a=1\nb=2\nc=3\nd=4\ne=5\nf=6\ng=7\nh=8\n' },
    { name: 'etc/machine-id', data: '0123456789abcdef0123456789abcdef\n' },
    { name: 'usr/lib/python3.11/x.cpython-311.pyc', data: pyc(1700000000) },
    { name: 'usr/bin/big', data: big },
  ]);
  const lb = layerTar([
    { name: 'etc/', typeflag: '5' },
    { name: 'etc/app.conf', data: 'a=1\nb=2\nc=3\nd=four\ne=5\nf=6\ng=7\nh=8\n' },
    { name: 'etc/machine-id', data: 'fedcba9876543210fedcba9876543210\n' },
    { name: 'usr/lib/python3.11/x.cpython-311.pyc', data: pyc(1700086400) },
    { name: 'usr/bin/big', data: bigB },
  ]);
  const gz = { ...hooks, gzip: (b: Uint8Array) => run(['gzip', '-6', '-n'], b) };
  return [buildOciArchive([{ tags: ['t:1'], layers: [la] }], gz, { compress }).tar, buildOciArchive([{ tags: ['t:1'], layers: [lb] }], gz, { compress }).tar];
}

/** A runner that counts extract jobs (one pass per blob and pass) and the bytes they read. */
function counting(): JobRunner & { extracts: number; bytesRead: number; blobSizes: number[]; seeks: boolean[] } {
  const inner = inlineRunner();
  const r = {
    ...inner,
    concurrency: 2,
    extracts: 0,
    bytesRead: 0,
    blobSizes: [] as number[],
    seeks: [] as boolean[],
    extract: async (blob: Blob, o: Parameters<JobRunner['extract']>[1]) => {
      r.extracts++;
      r.blobSizes.push(blob.size);
      r.seeks.push(...o.wants.map((w) => w.at !== undefined));
      const x = await inner.extract(blob, o);
      r.bytesRead += x.bytesRead;
      return x;
    },
  };
  return r;
}

const kinds = (d: ContentEvidence[] | undefined) => (d ?? []).map((x) => x.kind);
const contentIds = (diff: DiffResult) => diff.differences.filter((d) => d.field === 'content').map((d) => d.id);

describe('gatherEvidence', () => {
  it('files in gzip layers: text diff, hex beyond 64 KiB, pyc mtime, machine-id; one extract per blob per pass', async () => {
    const [a, b] = archives();
    const runner = counting();
    const { diff, reads } = await compareBytes(a, b, runner);
    // As the causes would: every content difference cited.
    const details = await gatherEvidence(diff, evidenceSource(reads, runner), undefined, { prefer: contentIds(diff) });
    const id = (p: string) => diff.differences.find((d) => d.scope.path === p && d.field === 'content')!.id;

    const conf = details.get(id('etc/app.conf'))!;
    expect(kinds(conf)).toEqual(['text-diff']);
    expect(conf[0]).toEqual({
      kind: 'text-diff',
      truncated: false,
      hunks: [
        {
          aStart: 1,
          bStart: 1,
          lines: [
            { op: ' ', text: 'a=1' },
            { op: ' ', text: 'b=2' },
            { op: ' ', text: 'c=3' },
            { op: '-', text: 'd=4' },
            { op: '+', text: 'd=four' },
            { op: ' ', text: 'e=5' },
            { op: ' ', text: 'f=6' },
            { op: ' ', text: 'g=7' },
          ],
        },
      ],
    });

    const bigEv = details.get(id('usr/bin/big'))!;
    expect(bigEv[0].kind).toBe('hex');
    if (bigEv[0].kind === 'hex') {
      expect(bigEv[0].offset).toBe(200_096); // the 16-byte row before the difference at 200,123
      expect(bigEv[0].length).toBe(64);
      const at = 200_123 - bigEv[0].offset;
      expect(bigEv[0].a.slice(at * 2, at * 2 + 2)).toBe(big[200_123].toString(16).padStart(2, '0'));
      expect(bigEv[0].b.slice(at * 2, at * 2 + 2)).toBe(bigB[200_123].toString(16).padStart(2, '0'));
      expect(bigEv[0].a.slice(0, at * 2)).toBe(bigEv[0].b.slice(0, at * 2));
    }

    const p = details.get(id('usr/lib/python3.11/x.cpython-311.pyc'))!;
    expect(kinds(p)).toEqual(['hex', 'recognised']);
    expect(p[1]).toEqual({
      kind: 'recognised',
      what: 'Python bytecode',
      detail: 'Python 3.11: only the embedded source mtime 2023-11-14T22:13:20Z vs 2023-11-15T22:13:20Z; the compiled code is identical',
    });
    const m = details.get(id('etc/machine-id'))!;
    expect(m.find((x) => x.kind === 'recognised')).toMatchObject({ what: 'machine-id' });
    // The .pyc differs only in its source mtime: classified from the scan's fingerprints
    // (engine/times-fingerprint.ts, not read again) and marked.
    expect([...details.timestampOnly]).toEqual([[id('usr/lib/python3.11/x.cpython-311.pyc'), 'pyc-source-mtime']]);
    expect(details.embeddedTimestamps).toEqual({ candidates: 1, classified: 1, timestampOnly: 1, notClassified: 0, fromScan: 1 });
    // Pass 1: one job per blob (2); pass 2 for the big file: one per blob again (2).
    expect(runner.extracts).toBe(4);
    expect(details.skipped).toEqual([]);
  });

  it('files in uncompressed layers: the same details, each file read from its own header (one job per blob and pass)', async () => {
    const [ga, gb] = archives(true);
    const [a, b] = archives(false);
    const gzRunner = counting();
    const z = await compareBytes(ga, gb, gzRunner);
    const fromGzip = await gatherEvidence(z.diff, evidenceSource(z.reads, gzRunner), undefined, { prefer: contentIds(z.diff) });
    const runner = counting();
    const { diff, reads } = await compareBytes(a, b, runner);
    expect(reads[0].blobs.get(reads[0].archive!.images[0].layers[0].blob!.entry)!.compression!.algorithm).toBe('none');
    const details = await gatherEvidence(diff, evidenceSource(reads, runner));
    const byPath = (d: typeof details, x: typeof diff) => Object.fromEntries([...d].map(([id, v]) => [x.differences.find((y) => y.id === id)!.scope.path, v]));
    expect(byPath(details, diff)).toEqual(byPath(fromGzip, z.diff));
    expect(details.size).toBe(4);
    expect([...details.timestampOnly.values()]).toEqual(['pyc-source-mtime']);
    // Pass 1: one job per side; pass 2 (the big file's differing block): one per side. The .pyc
    // is classified from the scan's fingerprints, not read again.
    expect(runner.extracts).toBe(4);
    // Every want says where its entry starts (4 files × 2 sides, then the big file × 2).
    expect(runner.seeks).toEqual(Array(10).fill(true));
  });

  it('compressed layers: files later than the last cited one are not read (skipped with the reason); none cited: the first 3', async () => {
    const [a, b] = archives(true);
    const runner = counting();
    const { diff, reads } = await compareBytes(a, b, runner);
    const byPath = (p: string) => diff.differences.find((d) => d.scope.path === p && d.field === 'content')!.id;
    // Tar order: etc/app.conf, etc/machine-id, the .pyc, usr/bin/big.
    const cited = await gatherEvidence(diff, evidenceSource(reads, runner), undefined, { prefer: [byPath('etc/machine-id')] });
    expect([...cited.keys()].sort()).toEqual([byPath('etc/app.conf'), byPath('etc/machine-id')].sort());
    expect(cited.skipped.map((s) => s.difference).sort()).toEqual([byPath('usr/lib/python3.11/x.cpython-311.pyc'), byPath('usr/bin/big')].sort());
    expect(cited.skipped[0].why).toMatch(/later in a compressed layer than the files the causes cite/);
    const none = await gatherEvidence(diff, evidenceSource(reads, runner));
    expect([...none.keys()].sort()).toEqual([byPath('etc/app.conf'), byPath('etc/machine-id'), byPath('usr/lib/python3.11/x.cpython-311.pyc')].sort());
    expect(none.skipped.map((s) => s.difference)).toEqual([byPath('usr/bin/big')]);
  });

  it('attachEvidence repeats an evidence item once per detail, in order', async () => {
    const details = new Map<string, ContentEvidence[]>([
      [
        'd1',
        [
          { kind: 'hex', offset: 0, a: '00', b: '01', length: 1 },
          { kind: 'recognised', what: 'x', detail: 'y' },
        ],
      ],
    ]);
    const cause: Cause = {
      id: 'file.content',
      level: 'file',
      count: 2,
      summary: 's',
      evidence: [
        { text: 'one', difference: 'd1' },
        { text: 'two', difference: 'd2' },
      ],
      remedy: 'r',
      differences: ['d1', 'd2'],
      consequences: 0,
    };
    const [c] = attachEvidence([cause], details);
    expect(c.evidence.map((e) => [e.text, e.detail?.kind])).toEqual([
      ['one', 'hex'],
      ['one', 'recognised'],
      ['two', undefined],
    ]);
    expect(cause.evidence.length).toBe(2); // pure: the input is not changed
  });

  it('plain tars: files are slices of the archive, no extract job', async () => {
    const a = buildTar([
      { name: 'notes.txt', data: 'one\ntwo\n' },
      { name: 'blob.bin', data: big },
    ]);
    const b = buildTar([
      { name: 'notes.txt', data: 'one\n2\n' },
      { name: 'blob.bin', data: bigB },
    ]);
    const runner = counting();
    const { diff, reads } = await compareBytes(a, b, runner);
    const details = await gatherEvidence(diff, evidenceSource(reads, runner));
    expect(runner.extracts).toBe(0);
    expect(kinds(details.get('file:plain:notes.txt:content'))).toEqual(['text-diff']);
    const hex = details.get('file:plain:blob.bin:content')?.[0];
    expect(hex).toMatchObject({ kind: 'hex', offset: 200_096, length: 64 });
  });

  it('a gzip-compressed archive is skipped with the reason', async () => {
    const [a, b] = archives();
    const { diff, reads } = await compareBytes(run(['gzip', '-n'], a), b);
    const details = await gatherEvidence(diff, evidenceSource(reads, inlineRunner()));
    expect(details.size).toBe(0);
    expect(details.skipped.length).toBeGreaterThan(0);
    expect(details.skipped[0].why).toBe(
      'A is a gzip-compressed archive: its layers are not seekable slices of the file, and content evidence would mean decompressing it again',
    );
  });
});
