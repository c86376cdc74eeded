import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import type { ZstdInfo } from '../../../src/formats/compression';
import { ZstdDecoder, createZstdDecoder, loadZstd } from '../../../src/formats/zstd/decoder';
import { rawFrame, skippable } from './zstd-build';
import { type Chunking, DIR, baseTar, decode, errorOf, fixture, readBytes, sha256, sha256File, sh, smallTar, write } from './support';

const zst = (data: Uint8Array, how: Chunking = 'odd') => decode<ZstdInfo>((o) => createZstdDecoder(o), data, how);

/** What `zstd -lv` says about a single-frame file. */
function zstdLv(path: string) {
  const out = sh(`zstd -lv "${path}" 2>/dev/null`);
  const bytes = (label: string) => {
    const m = out.match(new RegExp(`${label}: .*\\((\\d+) B\\)`));
    return m ? Number(m[1]) : null;
  };
  return {
    frames: Number(out.match(/# Zstandard Frames: (\d+)/)![1]),
    skippable: Number(out.match(/# Skippable Frames: (\d+)/)?.[1] ?? 0),
    window: bytes('Window Size'),
    compressed: bytes('Compressed Size'),
    decompressed: bytes('Decompressed Size'),
    checksum: !/Check: None/.test(out),
  };
}

/** The reason `zstd -t` gives for refusing a file ("... : Decoding error (36) : <reason>"). */
function zstdRefusal(path: string): string | null {
  const out = sh(`zstd -q -t "${path}" 2>&1 && echo ACCEPTED || true`).trim();
  if (out.endsWith('ACCEPTED')) return null;
  // The first "Decoding error (36) : <reason>" line, or the last line's last part.
  const line = out.split('\n').find((l) => l.includes('Decoding error')) ?? out.split('\n').pop()!;
  return line.split(' : ').pop()!.trim();
}

describe('ZstdDecoder on files from the real zstd', () => {
  const cases: [string, string][] = [
    ['zstd (default level)', 'zstd -q -c base.tar > d.tar.zst'],
    ['zstd -19', 'zstd -q -19 -c base.tar > l19.tar.zst'],
    ['zstd --no-check', 'zstd -q --no-check -c base.tar > nocheck.tar.zst'],
    ['zstd from a pipe (no content size)', 'cat base.tar | zstd -q -c > pipe.tar.zst'],
    ['zstd -T2 --long=24 (several blocks, bigger window)', 'zstd -q -T2 --long=24 -c base.tar > long24.tar.zst'],
  ];
  for (const [label, script] of cases) {
    it(`${label}: output SHA-256 equals the input's; frame facts equal zstd -lv`, async () => {
      const tar = baseTar();
      const path = fixture(script.split('> ')[1], script);
      const data = readBytes(path);
      const lv = zstdLv(path);
      for (const how of ['one-shot', 'odd', 'large'] as const) {
        const r = await zst(data, how);
        expect(r.sha256).toBe(sha256File(tar));
        expect(r.info.frames).toHaveLength(lv.frames);
        const f = r.info.frames[0];
        expect(f.kind).toBe('zstd');
        expect(f.offset).toBe(0);
        expect(f.windowSize).toBe(lv.window);
        expect(f.compressedSize).toBe(lv.compressed);
        expect(f.checksum).toBe(lv.checksum);
        expect(f.contentSize).toBe(lv.decompressed);
        expect(f.uncompressedSize).toBe(statSync(tar).size);
        expect(r.info.trailingBytes).toBe(0);
      }
    });
  }

  it('--no-check and the default differ only in the checksum flag and its 4 bytes', async () => {
    baseTar();
    const a = (await zst(readBytes(fixture('d.tar.zst', 'zstd -q -c base.tar > d.tar.zst')))).info.frames[0];
    const b = (await zst(readBytes(fixture('nocheck.tar.zst', 'zstd -q --no-check -c base.tar > nocheck.tar.zst')))).info.frames[0];
    expect(a.checksum).toBe(true);
    expect(b.checksum).toBe(false);
    expect(a.compressedSize - b.compressedSize).toBe(4);
  });

  it('1-byte chunks give the same bytes and frames as one-shot', async () => {
    const path = fixture('small.tar.zst', `zstd -q -c "${smallTar()}" > small.tar.zst`);
    const data = readBytes(path);
    const one = await zst(data, 'one-shot');
    const bytes = await zst(data, 'bytes');
    expect(bytes.sha256).toBe(sha256File(smallTar()));
    expect(bytes.sha256).toBe(one.sha256);
    expect(bytes.info).toEqual(one.info);
  });

  it('several frames (cat a.zst b.zst): each frame, its offset and sizes', async () => {
    baseTar();
    smallTar();
    const p = fixture('multi.zst', 'zstd -q -c small.tar > f1.zst && (cat base.tar | zstd -q -3 -c > f2.zst) && cat f1.zst f2.zst f1.zst > multi.zst');
    const n1 = statSync(`${DIR}/f1.zst`).size;
    const n2 = statSync(`${DIR}/f2.zst`).size;
    const want = sh(`zstd -dc "${p}" | sha256sum`).split(' ')[0];
    for (const how of ['one-shot', 'odd'] as const) {
      const r = await zst(readBytes(p), how);
      expect(r.sha256).toBe(want);
      expect(r.info.frames.map((f) => [f.offset, f.compressedSize, f.uncompressedSize, f.contentSize])).toEqual([
        [0, n1, statSync(`${DIR}/small.tar`).size, statSync(`${DIR}/small.tar`).size],
        [n1, n2, statSync(`${DIR}/base.tar`).size, null],
        [n1 + n2, n1, statSync(`${DIR}/small.tar`).size, statSync(`${DIR}/small.tar`).size],
      ]);
    }
  });

  it('skippable frames (as zstd:chunked writes) before, between and after frames are skipped and reported', async () => {
    const f1 = readBytes(fixture('small.tar.zst', `zstd -q -c "${smallTar()}" > small.tar.zst`));
    const toc = new TextEncoder().encode('{"version":1,"entries":[]}');
    const s0 = skippable(0xe, toc);
    const s1 = skippable(0x0, new Uint8Array(0));
    const s2 = skippable(0xf, new Uint8Array(70000));
    const data = Buffer.concat([s0, f1, s1, f1, s2]);
    const p = write('skippable.zst', data);
    expect(zstdLv(p).skippable).toBe(3);
    const want = sh(`zstd -dc "${p}" | sha256sum`).split(' ')[0];
    for (const how of ['one-shot', 'odd', 'bytes'] as const) {
      const r = await zst(data, how);
      expect(r.sha256).toBe(want);
      expect(r.info.frames.map((f) => [f.kind, f.offset, f.compressedSize, f.magic])).toEqual([
        ['skippable', 0, s0.length, 0x184d2a5e],
        ['zstd', s0.length, f1.length, undefined],
        ['skippable', s0.length + f1.length, 8, 0x184d2a50],
        ['zstd', s0.length + f1.length + 8, f1.length, undefined],
        ['skippable', s0.length + 2 * f1.length + 8, s2.length, 0x184d2a5f],
      ]);
    }
  });

  it('reads every header field little-endian (RFC 8878 3.1), checked against zstd -d and zstd -lv', async () => {
    const content = new Uint8Array(0x010203);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) & 0xff;
    const specs = [
      // Single segment: Window_Size = content size, and no block may exceed it (3.1.1.2.4).
      { content, fcsBytes: 4 as const, singleSegment: true, blocks: 50000 },
      { content, fcsBytes: 8 as const, singleSegment: false, windowDescriptor: 0x5b, blocks: 100000 },
      { content: content.subarray(0, 300), fcsBytes: 2 as const, singleSegment: true },
      { content: content.subarray(0, 200), fcsBytes: 1 as const, singleSegment: true },
      { content: new Uint8Array(5000).fill(7), fcsBytes: 0 as const, singleSegment: false, windowDescriptor: 0x18, blocks: 'rle' as const },
    ];
    for (const spec of specs) {
      const frame = rawFrame(spec);
      const p = write('handmade.zst', frame);
      expect(sh(`zstd -dc "${p}" | sha256sum`).split(' ')[0]).toBe(sha256(spec.content));
      const lv = zstdLv(p);
      const r = await zst(frame, 'bytes');
      expect(r.sha256).toBe(sha256(spec.content));
      const f = r.info.frames[0];
      expect(f.contentSize).toBe(spec.fcsBytes ? spec.content.length : null);
      expect(f.windowSize).toBe(lv.window);
      expect(f.compressedSize).toBe(frame.length);
      expect(f.singleSegment).toBe(spec.singleSegment);
    }
    // 0x5b: exponent 11, mantissa 3 -> 2^21 + 3 * 2^18 (RFC 8878 3.1.1.1.2)
    expect((await zst(rawFrame(specs[1]))).info.frames[0].windowSize).toBe(2 ** 21 + 3 * 2 ** 18);
  });

  it('a dictionary ID is reported, and decoding without the dictionary is unsupported', async () => {
    const frame = rawFrame({ content: new TextEncoder().encode('hello'), fcsBytes: 1, singleSegment: true, dictId: { bytes: 4, id: 0x01020304 } });
    const p = write('dict.zst', frame);
    const reason = zstdRefusal(p);
    expect(reason).toBe('Dictionary mismatch');
    const e = await errorOf(() => zst(frame));
    expect(e.message).toBe(`zstd: unsupported frame 1 (offset 0): ${reason}`);
    expect(e.code).toBe('unsupported');
  });

  it('a window above 2^27 (zstd --long=28 without --memory) is unsupported, as zstd -d says', async () => {
    // Window_Descriptor 0x90: exponent 18 -> windowLog 28.
    const frame = rawFrame({ content: new Uint8Array(10), fcsBytes: 0, singleSegment: false, windowDescriptor: 0x90 });
    const p = write('window28.zst', frame);
    expect(zstdRefusal(p)).not.toBeNull();
    const e = await errorOf(() => zst(frame));
    expect(e.message).toBe('zstd: unsupported frame 1 (offset 0): Frame requires too much memory for decoding');
    expect(e.code).toBe('unsupported');
  });

  it('truncation at several points: exact message naming the frame, and zstd -t refuses too', async () => {
    const f1 = readBytes(fixture('small.tar.zst', `zstd -q -c "${smallTar()}" > small.tar.zst`));
    const sk = skippable(3, new Uint8Array(100));
    const two = Buffer.concat([f1, sk, f1]);
    const cuts: [string, Uint8Array, number, number][] = [
      ['empty input', f1.subarray(0, 0), 1, 0],
      ['inside the magic', f1.subarray(0, 2), 1, 0],
      ['inside the frame header', f1.subarray(0, 5), 1, 0],
      ['inside a block', f1.subarray(0, f1.length >> 1), 1, 0],
      ['inside the checksum', f1.subarray(0, f1.length - 2), 1, 0],
      ['before the checksum', f1.subarray(0, f1.length - 4), 1, 0],
      ['inside a skippable frame', two.subarray(0, f1.length + 50), 2, f1.length],
      ['third frame: magic only', two.subarray(0, f1.length + sk.length + 4), 3, f1.length + sk.length],
      ['inside the third frame', two.subarray(0, two.length - 10), 3, f1.length + sk.length],
    ];
    for (const [label, bytes, frame, offset] of cuts) {
      expect(zstdRefusal(write('cut.zst', bytes)), label).not.toBeNull();
      for (const how of ['one-shot', 'bytes', 'odd'] as const) {
        const e = await errorOf(() => zst(bytes, how));
        expect(e.message, `${label} / ${how}`).toBe(`zstd: truncated: stream ends inside frame ${frame} (offset ${offset})`);
        expect(e.code).toBe('truncated');
        expect(e.offset).toBe(offset);
      }
    }
  });

  it('corruption: the zstd error name, the same one zstd -t gives', async () => {
    const f1 = readBytes(fixture('small.tar.zst', `zstd -q -c "${smallTar()}" > small.tar.zst`));
    const badSum = Buffer.from(f1);
    badSum[badSum.length - 1] ^= 0xff;
    const badBlock = Buffer.from(f1);
    for (let k = 0; k < 64; k++) badBlock[100 + k * 11] ^= 0xa5;
    const reserved = rawFrame({ content: new Uint8Array(10), fcsBytes: 1, singleSegment: true });
    reserved[4] |= 0x08; // FHD reserved bit (RFC 8878 3.1.1.1.1: "must be zero")
    for (const [label, bytes, frameOffset] of [
      ['checksum', Buffer.concat([f1, badSum]), f1.length],
      ['block data', badBlock, 0],
      ['reserved bit', reserved, 0],
    ] as const) {
      const reason = zstdRefusal(write('bad.zst', bytes));
      expect(reason, label).not.toBeNull();
      const e = await errorOf(() => zst(bytes));
      const n = frameOffset ? 2 : 1;
      if (label === 'block data') {
        // Where damage is noticed depends on the zstd version: zstd 1.5.4 (the CLI) decodes
        // these blocks and fails on the checksum; the wasm build's block decoder notices first.
        expect([reason, 'Data corruption detected']).toContain(e.message.split('): ')[1]);
        expect(e.message).toMatch(/^zstd: corrupt data in frame 1 \(offset 0\): /);
      } else {
        expect(e.message, label).toBe(`zstd: corrupt data in frame ${n} (offset ${frameOffset}): ${reason}`);
      }
      expect(e.code).toBe('corrupt');
      expect(e.offset).toBe(frameOffset);
    }
  });

  it('bytes after the last frame that cannot start a frame are trailing, not an error; a non-zstd start is', async () => {
    const f1 = readBytes(fixture('small.tar.zst', `zstd -q -c "${smallTar()}" > small.tar.zst`));
    for (const tail of [new Uint8Array(4096), new TextEncoder().encode('garbage'), Uint8Array.of(0x28, 0xb5, 0x00)]) {
      for (const how of ['one-shot', 'bytes'] as const) {
        const r = await zst(Buffer.concat([f1, tail]), how);
        expect(r.sha256).toBe(sha256File(smallTar()));
        expect(r.info.trailingBytes).toBe(tail.length);
        expect(r.info.frames).toHaveLength(1);
      }
    }
    const e = await errorOf(() => zst(new TextEncoder().encode('plain text, not zstd')));
    expect(e.message).toBe('zstd: corrupt data in frame 1 (offset 0): Unknown frame descriptor');
  });

  it('skippable frames and then no zstd frame is not a zstd stream (an LZ4 file: libarchive test_compat_lz4_skippable_frames_B4)', async () => {
    const lz4 = Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7, 0, 0, 0, 0);
    const bytes = Buffer.concat([skippable(0, new Uint8Array(0)), skippable(1, new Uint8Array(10)), lz4]);
    const e = await errorOf(() => zst(bytes));
    expect(e.message).toBe('zstd: corrupt data in frame 3 (offset 26): Unknown frame descriptor');
  });

  it('frees its wasm buffers: many decoders, including failed ones, do not grow memory', async () => {
    const data = readBytes(fixture('small.tar.zst', `zstd -q -c "${smallTar()}" > small.tar.zst`));
    const mod = await loadZstd();
    await zst(data);
    const before = mod.HEAPU8.length;
    for (let i = 0; i < 200; i++) {
      await zst(data, 'large');
      await errorOf(() => zst(data.subarray(0, 1000)));
      const d = new ZstdDecoder(mod, () => {});
      d.dispose();
      d.dispose();
    }
    expect(mod.HEAPU8.length).toBe(before);
  });
});
