/**
 * The tarhash kernel's per-file XXH64 (seed 0) against two references: xxhsum -H1 (the xxHash
 * project's own tool, run on temp files) and hash-wasm's createXXHash64() (the engine's
 * reference path), which must agree with each other; over lengths around every branch of
 * the algorithm (< 4, < 8, < 32, stripe boundaries, 1 MiB + 17), files split across pieces
 * at odd boundaries, and every combination of the stream SHA-256 and the per-file SHA-256 /
 * XXH64 lanes, each digest equal to the one computed on its own.
 * The kernel compiles xxHash's own xxhash.h (libxxhash-dev), the code xxhsum runs too: xxhsum
 * checks the build (its macros, the streaming use, the canonical form), hash-wasm is the
 * independent implementation.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createXXHash64 } from 'hash-wasm';
import { loadTarHash, type FileDigests, type FileHashes, type TarHash } from '../../../src/kernels/tarhash';
import { noise } from '../../builders/noise';
import { runSpans } from './run-spans';

let k: TarHash;
let dir: string;
beforeAll(async () => {
  k = await loadTarHash();
  dir = mkdtempSync(join(tmpdir(), 'tarscope-xxh64-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const XXHSUM = '/usr/bin/xxhsum';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function hashWasm(b: Uint8Array): Promise<string> {
  const h = await createXXHash64();
  h.init();
  h.update(b);
  return h.digest('hex');
}

/** xxhsum -H1 of each input (one process for all): the canonical hex it prints. */
function xxhsum(inputs: Uint8Array[]): string[] {
  const paths = inputs.map((b, i) => {
    const p = join(dir, `in-${i}.bin`);
    writeFileSync(p, b);
    return p;
  });
  const out = execFileSync(XXHSUM, ['-H1', ...paths], { encoding: 'utf8' });
  const byPath = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^([0-9a-f]{16}) {2}(.+)$/.exec(line);
    if (m) byPath.set(m[2], m[1]);
  }
  return paths.map((p) => {
    const h = byPath.get(p);
    if (!h) throw new Error(`xxhsum printed no digest for ${p}: ${out}`);
    return h;
  });
}

const XXH_ONLY: FileHashes = { sha256: false, xxh64: true };

/** The kernel's XXH64 of `data` as one file, no stream, fed in the given piece sizes. */
function kernelXxh(data: Uint8Array, pieces: number[]): string | undefined {
  return runSpans(k, data, [[0, data.length]], 0, { withStream: false, files: XXH_ONLY, pieces }).files[0].xxh64;
}

const LENGTHS = [0, 1, 3, 4, 7, 8, 31, 32, 33, 63, 64, 100, 1000, (1 << 20) + 17];

describe('tarhash kernel: XXH64 per file', () => {
  it('the empty input gives the published XXH64 (seed 0) of nothing', () => {
    expect(kernelXxh(new Uint8Array(0), [64])).toBe('ef46db3751d8e999');
  });

  it('equals xxhsum -H1 and hash-wasm (which agree) for lengths around every branch', async () => {
    const inputs = LENGTHS.map((n, i) => noise(n, 0x1234 + i));
    const want = xxhsum(inputs);
    for (let i = 0; i < inputs.length; i++) {
      const data = inputs[i];
      const n = data.length;
      expect(want[i], `length ${n}`).toMatch(/^[0-9a-f]{16}$/);
      expect(await hashWasm(data), `hash-wasm vs xxhsum, length ${n}`).toBe(want[i]);
      expect(kernelXxh(data, [Math.max(n, 1)]), `one piece, length ${n}`).toBe(want[i]);
      // The same bytes in pieces that cut stripes, lanes and the tail everywhere.
      expect(kernelXxh(data, [7, 1, 31, 33, 4099, 65_537]), `odd pieces, length ${n}`).toBe(want[i]);
      if (n <= 1000) expect(kernelXxh(data, [1]), `1-byte pieces, length ${n}`).toBe(want[i]);
    }
  });

  it('files at odd and 512-aligned offsets, split across pieces at odd boundaries, equal xxhsum and hash-wasm', async () => {
    const data = noise(200_003, 77);
    const spans: [number, number][] = [
      [3, 3],
      [3, 36],
      [37, 101],
      [512, 512 + 32],
      [1024, 1024 + 1000],
      [2049, 2049 + 31],
      [2560, 70_001],
      [70_001, 70_001 + 65_536 + 5],
      [140_000, 200_003],
    ];
    const inputs = spans.map(([s, e]) => data.subarray(s, e));
    const want = xxhsum(inputs);
    for (let i = 0; i < inputs.length; i++) expect(await hashWasm(inputs[i]), `hash-wasm vs xxhsum, span ${i}`).toBe(want[i]);
    const pieceSets = [[1 << 20], [1], [7], [31], [33], [63], [64], [65], [511], [4099], [7, 1, 31, 33, 4099, 65_537], [65_537, 3, 1000]];
    for (const pieces of pieceSets) {
      // Only a fraction of the 1-byte run: 200k chunk calls would make the test slow.
      const d = pieces.length === 1 && pieces[0] === 1 ? data.subarray(0, 2600) : data;
      const sp = d === data ? spans : spans.filter(([, e]) => e <= d.length);
      const got = runSpans(k, d, sp, 0, { withStream: false, files: XXH_ONLY, pieces }).files.map((f) => f.xxh64);
      expect(got, `pieces ${pieces.join(',')}`).toEqual(want.slice(0, sp.length));
    }
  });

  it('every flag combination gives the digests computed on their own, and only the enabled ones', async () => {
    const data = noise(90_000, 5);
    const aligned: [number, number][] = [
      [512, 612],
      [1024, 1024 + 4096],
      [6144, 6144],
      [6656, 6656 + 63],
      [7680, 7680 + 64],
      [8704, 8704 + 65],
      [9728, 80_000],
    ];
    const odd: [number, number][] = [
      [3, 70],
      [70, 200],
      [201, 5001],
      [5001, 89_999],
    ];
    for (const spans of [aligned, odd]) {
      const shas = spans.map(([s, e]) => sha(data.subarray(s, e)));
      const xxhs = await Promise.all(spans.map(([s, e]) => hashWasm(data.subarray(s, e))));
      for (const withStream of [false, true]) {
        for (const fileSha of [false, true]) {
          for (const fileXxh of [false, true]) {
            const files: FileHashes = { sha256: fileSha, xxh64: fileXxh };
            const want: FileDigests[] = spans.map((_, i) => ({
              ...(fileSha ? { sha256: shas[i] } : {}),
              ...(fileXxh ? { xxh64: xxhs[i] } : {}),
            }));
            for (const piece of [1, 63, 64, 65, 512, 4099, 1 << 17]) {
              const d = piece === 1 ? data.subarray(0, 12_000) : data;
              const sp = piece === 1 ? spans.filter(([, e]) => e <= d.length) : spans;
              const what = `stream ${withStream} sha ${fileSha} xxh ${fileXxh} piece ${piece} ${spans === aligned ? 'aligned' : 'odd'}`;
              const got = runSpans(k, d, sp, piece, { withStream, files });
              expect(got.stream, what).toBe(withStream ? sha(d) : null);
              expect(got.files, what).toStrictEqual(want.slice(0, sp.length));
            }
          }
        }
      }
    }
  });

  it('delivers both digests of every file when the op buffer fills in the middle of a piece', async () => {
    const data = noise(600 * 512, 3);
    const spans: [number, number][] = [];
    for (let i = 0; i < 300; i++) spans.push([i * 1024 + 512, i * 1024 + 512 + 1 + (i % 300)]);
    const want = await Promise.all(spans.map(async ([s, e]) => ({ sha256: sha(data.subarray(s, e)), xxh64: await hashWasm(data.subarray(s, e)) })));
    const got = runSpans(k, data, spans, data.length, { files: { sha256: true, xxh64: true }, capacity: data.length, opsCap: 5 });
    expect(got.files).toStrictEqual(want);
    expect(got.stream).toBe(sha(data));
  });

  it('a run switches lanes between streams (begin() with other flags starts clean)', async () => {
    const data = noise(10_000, 11);
    const spans: [number, number][] = [[512, 9000]];
    const file = data.subarray(512, 9000);
    const run = () => runSpans(k, data, spans, 4096, { files: { sha256: true, xxh64: true } });
    const both = run();
    const xxOnly = runSpans(k, data, spans, 4096, { withStream: false, files: XXH_ONLY });
    const shaOnly = runSpans(k, data, spans, 4096, { withStream: true });
    expect(both.files[0]).toStrictEqual({ sha256: sha(file), xxh64: await hashWasm(file) });
    expect(xxOnly.files[0]).toStrictEqual({ xxh64: both.files[0].xxh64 });
    expect(shaOnly.files[0]).toStrictEqual({ sha256: both.files[0].sha256 });
    expect(shaOnly.stream).toBe(sha(data));
  });
});
