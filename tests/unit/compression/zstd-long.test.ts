/**
 * zstd --long=27: a 128 MiB window with matches ~90 MiB back. This is the case where
 * zstd-wasm's own stream() gave wrong output (building-blocks.md: stale views of wasm
 * memory after growth); the decoder must re-read HEAPU8 after every call.
 */
import { describe, expect, it } from 'vitest';
import type { ZstdInfo } from '../../../src/formats/compression';
import { createZstdDecoder } from '../../../src/formats/zstd/decoder';
import { decode, fixture, readBytes, sha256File, sh } from './support';

const MiB = 1024 * 1024;

describe('zstd --long=27', () => {
  it('decodes a 110 MiB input whose matches reach 90 MiB back through a 128 MiB window', async () => {
    // 90 MiB of random bytes, then its first 20 MiB again: the only way to compress the
    // second part is a match 90 MiB back, beyond the 80 MiB where things went wrong before.
    const input = fixture('long.bin', `head -c ${90 * MiB} /dev/urandom > long.tmp && head -c ${20 * MiB} long.tmp >> long.tmp && mv long.tmp long.bin`);
    const want = sha256File(input);
    // From a file zstd knows the size and writes a single-segment frame (window = content
    // size, 110 MiB); from a pipe it cannot, and writes a 2^27 window with no content size.
    for (const [name, script, contentSize] of [
      ['long.bin.zst', 'zstd -q -1 -T2 --long=27 -c long.bin > long.bin.zst', 110 * MiB],
      ['long-pipe.bin.zst', 'cat long.bin | zstd -q -1 -T2 --long=27 -c > long-pipe.bin.zst', null],
    ] as const) {
      const path = fixture(name, script);
      const window = Number(sh(`zstd -lv "${path}" 2>/dev/null`).match(/Window Size: .*\((\d+) B\)/)![1]);
      expect(window).toBeGreaterThan(80 * MiB);
      const data = readBytes(path);
      // The repeat was found: the file is far smaller than the 110 MiB of mostly random input.
      expect(data.length).toBeLessThan(95 * MiB);
      for (const how of ['large', 'odd'] as const) {
        const r = await decode<ZstdInfo>((o) => createZstdDecoder(o), data, how);
        expect(r.size).toBe(110 * MiB);
        expect(r.sha256).toBe(want);
        expect(r.info.frames[0].windowSize).toBe(window);
        expect(r.info.frames[0].contentSize).toBe(contentSize);
      }
    }
  }, 120_000);
});
