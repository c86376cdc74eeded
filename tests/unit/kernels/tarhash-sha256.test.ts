/**
 * The kernel's SHA-256 (wasm/src/sha256.c, the project's own: no package offers one for
 * wasm32-wasi, see wasm/README.md) differentially against two references that agree with each
 * other: node:crypto (OpenSSL) and hash-wasm's createSHA256() (the engine's reference path).
 * Lengths around every padding branch (the 0x80 byte and the 8-byte length in the same block
 * or the next: 55, 56, 63, 64...), the FIPS 180-4 examples fed in pieces of 1, 3, 63, 64 and 65
 * bytes, and chunked == one-shot for the stream lane, the file lane and both at once
 * (sha256_update2). tarhash.test.ts has the vectors one-shot and the span bookkeeping.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { createSHA256 } from 'hash-wasm';
import { loadTarHash, type TarHash } from '../../../src/kernels/tarhash';
import { noise } from '../../builders/noise';
import { runSpans } from './run-spans';

let k: TarHash;
beforeAll(async () => {
  k = await loadTarHash();
});

const openssl = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function hashWasm(b: Uint8Array): Promise<string> {
  const h = await createSHA256();
  h.init();
  h.update(b);
  return h.digest('hex');
}

/** The stream lane's digest of `data` fed in `pieces` (cycled). */
const stream = (data: Uint8Array, pieces: number[]) => runSpans(k, data, [], 0, { pieces }).stream;
/** `data` as one file (file lane only, or with the stream lane too), fed in `pieces`. */
const file = (data: Uint8Array, pieces: number[], withStream: boolean) =>
  runSpans(k, data, [[0, data.length]], 0, { pieces, withStream, files: { sha256: true, xxh64: false } });

// FIPS 180-4 examples (NIST "SHA256.pdf", "SHA256 two block" examples) and the long message of
// the original FIPS 180-2 appendix: one million "a".
const FIPS: [string, Uint8Array, string][] = [
  ['"abc"', new TextEncoder().encode('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'the 448-bit message',
    new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  ['one million "a"', new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

describe('tarhash SHA-256 against OpenSSL and hash-wasm', () => {
  it('the references agree on the FIPS 180-4 vectors, and the kernel gives them in any pieces and lanes', async () => {
    for (const [name, data, hex] of FIPS) {
      expect(openssl(data), name).toBe(hex);
      expect(await hashWasm(data), name).toBe(hex);
      for (const pieces of [[1], [3], [63], [64], [65], [1 << 20]]) {
        if (data.length > 100_000 && pieces[0] < 63) continue; // a million 1-byte calls: slow, and covered by 63
        expect(stream(data, pieces), `${name}, pieces of ${pieces[0]}`).toBe(hex);
        expect(file(data, pieces, false).files[0].sha256, `${name} as a file, pieces of ${pieces[0]}`).toBe(hex);
        const both = file(data, pieces, true);
        expect([both.stream, both.files[0].sha256], `${name}, both lanes, pieces of ${pieces[0]}`).toEqual([hex, hex]);
      }
    }
  });

  it('equals both references for every length 0..200 and around the block and padding boundaries', async () => {
    const lengths = [...Array.from({ length: 201 }, (_, i) => i), 447, 448, 511, 512, 513, 4095, 4096, 4097, (1 << 20) + 17];
    const data = noise((1 << 20) + 17, 11);
    for (const n of lengths) {
      const b = data.subarray(0, n);
      const want = openssl(b);
      expect(await hashWasm(b), `hash-wasm, ${n} bytes`).toBe(want);
      expect(stream(b, [1 << 21]), `one-shot, ${n} bytes`).toBe(want);
    }
  });

  it('chunked == one-shot: odd piece sizes, files in and out of block phase, both lanes', async () => {
    const data = noise(300_000, 5);
    const spans: [number, number][] = [
      [512, 1024 + 55],
      [2048, 2048 + 56],
      [3077, 3077 + 64 * 100 + 9],
      [10_240, 299_999],
    ];
    const oneShot = runSpans(k, data, spans, data.length, { capacity: data.length });
    expect(oneShot.stream).toBe(openssl(data));
    const want = await Promise.all(spans.map(([s, e]) => hashWasm(data.subarray(s, e))));
    expect(oneShot.files.map((f) => f.sha256)).toEqual(want);
    for (const pieces of [[1000, 1, 63, 4097], [65, 511, 64], [7]]) {
      const chunked = runSpans(k, data, spans, 0, { pieces, capacity: Math.max(...pieces) });
      expect(chunked.stream, `pieces ${pieces}`).toBe(oneShot.stream);
      expect(
        chunked.files.map((f) => f.sha256),
        `pieces ${pieces}`,
      ).toEqual(want);
    }
  });
});
