/**
 * The tarhash kernel on its own (Node): known SHA-256 vectors (FIPS 180-4 examples), the
 * stream digest and per-file digests against node:crypto for every split of the input,
 * files in and out of phase with the stream's 64-byte blocks, the op buffer filling up,
 * and misuse that must fail loudly rather than hash the wrong bytes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { loadTarHash, type TarHash } from '../../../src/kernels/tarhash';
import { noise } from '../../builders/noise';
import { runSpans as runWith } from './run-spans';

let k: TarHash;
beforeAll(async () => {
  k = await loadTarHash();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const bytes = (n: number, seed = 1): Uint8Array => noise(n, seed);

/** Hash `data` as a stream with files at `spans` ([start, end) in stream offsets), fed in
 *  `pieces`; the files' SHA-256 only (the default of `begin()`). */
function runSpans(data: Uint8Array, spans: [number, number][], piece: number, withStream = true, capacity?: number, opsCap?: number) {
  const r = runWith(k, data, spans, piece, { withStream, capacity, opsCap });
  return { stream: r.stream, files: r.files.map((d) => d.sha256) };
}

describe('tarhash kernel', () => {
  it('known SHA-256 vectors (FIPS 180-4 examples, empty input, a million "a")', () => {
    const cases: [string | Uint8Array, string][] = [
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
      [new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    ];
    for (const [input, hex] of cases) {
      const data = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      expect(runSpans(data, [], 1 << 20).stream).toBe(hex);
      // The same bytes as one file, without the stream lane.
      expect(runSpans(data, [[0, data.length]], 1 << 20, false).files[0]).toBe(hex);
    }
  });

  it('stream and files equal node:crypto for every piece size, files in phase (512-aligned) and not', () => {
    const data = bytes(70_000, 7);
    const aligned: [number, number][] = [
      [512, 512 + 100],
      [1024, 1024 + 4096],
      [6144, 6144 + 0],
      [6656, 6656 + 63],
      [7680, 7680 + 64],
      [8704, 8704 + 65],
      [9728, 60_000],
    ];
    const odd: [number, number][] = [
      [3, 70],
      [70, 200],
      [201, 5001],
      [5001, 69_999],
    ];
    for (const spans of [aligned, odd]) {
      const want = spans.map(([s, e]) => sha(data.subarray(s, e)));
      for (const piece of [1, 7, 63, 64, 65, 511, 512, 4096, 70_000]) {
        const got = runSpans(data, spans, piece);
        expect(got.stream, `piece ${piece}`).toBe(sha(data));
        expect(got.files, `piece ${piece}`).toEqual(want);
        expect(runSpans(data, spans, piece, false).files).toEqual(want);
      }
    }
  });

  it('delivers every digest when the op buffer fills in the middle of a piece', () => {
    const data = bytes(600 * 512, 3);
    const spans: [number, number][] = [];
    for (let i = 0; i < 300; i++) spans.push([i * 1024 + 512, i * 1024 + 512 + 1 + (i % 300)]);
    const want = spans.map(([s, e]) => sha(data.subarray(s, e)));
    const got = runSpans(data, spans, data.length, true, data.length, 5);
    expect(got.files).toEqual(want);
    expect(got.stream).toBe(sha(data));
  });

  it('refuses data outside the current piece and chunks larger than its buffer', () => {
    const run = k.newRun(1024);
    run.begin(true);
    const a = bytes(1024);
    run.chunk(a);
    expect(() => run.fileData(bytes(10))).toThrow('tarhash: file data outside the current chunk');
    run.fileBegin();
    run.fileData(a.subarray(512, 600));
    expect(() => run.fileData(a.subarray(100, 200))).toThrow('tarhash: file data outside the current chunk');
    run.flush();
    expect(() => run.chunk(bytes(1025))).toThrow('tarhash: chunk of 1025 bytes exceeds the input buffer (1024)');
    run.dispose();
  });

  it('runs are independent and survive wasm memory growth', () => {
    const data = bytes(300_000, 9);
    const r1 = k.newRun(1 << 16);
    r1.begin(true);
    r1.chunk(data.subarray(0, 1 << 16));
    r1.flush();
    // A large second run grows memory under r1's views.
    const r2 = k.newRun(32 << 20);
    r2.begin(true);
    r2.chunk(data);
    r2.flush();
    for (let at = 1 << 16; at < data.length; at += 1 << 16) {
      r1.chunk(data.subarray(at, Math.min(data.length, at + (1 << 16))));
      r1.flush();
    }
    expect(r1.streamDigest()).toBe(sha(data));
    expect(r2.streamDigest()).toBe(sha(data));
    r1.dispose();
    r2.dispose();
  });
});
