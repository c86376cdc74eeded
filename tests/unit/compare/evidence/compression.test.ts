/**
 * Compression forensics on the output of real compressors (GNU gzip, pigz, zstd, Python's
 * zlib, Node's zlib): which facts each pair must yield. What "matches zlib level N" means
 * was checked against these tools, and the findings are asserted here (README: GNU gzip is
 * not zlib; pigz and Python are; Node is Chromium's zlib).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { gzipSync } from 'node:zlib';
import { compressionEvidence, type BlobHead } from '../../../../src/compare/evidence/compression';
import { matchZlibLevel } from '../../../../src/compare/evidence/zlib-level';
import { readGzipHeader } from '../../../../src/compare/evidence/gzip-header';
import { GzipDecoder } from '../../../../src/formats/gzip/decoder';
import type { CompressionInfo } from '../../../../src/formats/compression';
import { ZstdDecoder, loadZstd } from '../../../../src/formats/zstd/decoder';
import { buildTar } from '../../../builders/tar';
import { run } from './support';

/** A 600 KiB tar of varied, compressible text (differs per line so deflate has work to do). */
function sampleTar(): Uint8Array {
  const files = [];
  for (let f = 0; f < 12; f++) {
    let s = '';
    for (let i = 0; s.length < 50_000; i++) s += `file ${f} line ${i}: value=${(i * 7919 + f * 104729) % 100003} ${'abcdefghij'.slice(i % 10)}\n`;
    files.push({ name: `data/f${f}.txt`, data: s, mtime: 1700000000 });
  }
  return buildTar(files);
}

let tar: Uint8Array;
let zstdMod: Awaited<ReturnType<typeof loadZstd>>;
beforeAll(async () => {
  tar = sampleTar();
  zstdMod = await loadZstd();
});

function info(bytes: Uint8Array): CompressionInfo {
  const d = bytes[0] === 0x1f ? new GzipDecoder(() => {}) : new ZstdDecoder(zstdMod, () => {});
  d.write(bytes);
  return d.end();
}

const head = (bytes: Uint8Array): BlobHead => ({ bytes: bytes.subarray(0, 1024 * 1024), size: bytes.length, info: info(bytes) });
const deflateOf = (gz: Uint8Array) => gz.subarray(readGzipHeader(gz)!.headerSize);
const python = (level: number) =>
  run(['python3', '-c', `import gzip,sys; sys.stdout.buffer.write(gzip.compress(sys.stdin.buffer.read(), ${level}, mtime=0))`], tar);

describe('which compressor matches which zlib level', () => {
  it('Python gzip (zlib 1.2.13) at 1, 6, 9: exactly that level, the whole stream', () => {
    for (const l of [1, 6, 9]) {
      const gz = python(l);
      expect(matchZlibLevel(deflateOf(gz), readGzipHeader(gz)!.xfl)).toMatchObject({ level: l, flavour: 'zlib', whole: true, conclusive: true });
    }
  });
  it('pigz -1/-6/-9 (zlib in 128 KiB blocks): that level, checked over its first block', () => {
    for (const l of [1, 6, 9]) {
      const gz = run(['pigz', `-${l}`, '-n', '-c'], tar);
      const m = matchZlibLevel(deflateOf(gz), readGzipHeader(gz)!.xfl);
      expect(m).toMatchObject({ level: l, flavour: 'pigz', conclusive: true });
      // pigz's blocks after the first restart with a dictionary: plain zlib output differs there.
      expect(m.confirmed).toBeLessThan(deflateOf(gz).length);
    }
  });
  it('Node zlib (Chromium zlib): the chromium flavour', () => {
    const gz = new Uint8Array(gzipSync(tar, { level: 6 }));
    expect(matchZlibLevel(deflateOf(gz), 0)).toMatchObject({ level: 6, flavour: 'chromium-zlib' });
  });
  it('GNU gzip -1/-6/-9 has its own deflate: no zlib level (of all nine, both flavours) reproduces it', () => {
    for (const l of [1, 6, 9]) {
      const gz = run(['gzip', `-${l}`, '-n', '-c'], tar);
      expect(matchZlibLevel(deflateOf(gz))).toMatchObject({ level: null, conclusive: true });
    }
  });
  it('a whole small stream is compared exactly (levels giving the same bytes listed)', () => {
    const gz = run(['python3', '-c', 'import gzip,sys; sys.stdout.buffer.write(gzip.compress(b"hello hello hello\\n", 6, mtime=0))'], new Uint8Array(0));
    const m = matchZlibLevel(deflateOf(gz), 0);
    expect(m).toMatchObject({ level: 6, whole: true, conclusive: true });
    expect(m.alsoLevels).toEqual([2, 3, 4, 5, 7, 8]);
  });
});

describe('compressionEvidence', () => {
  it('GNU gzip -6 vs -9: where the deflate streams diverge, XFL in the header, no zlib level', () => {
    const a = run(['gzip', '-6', '-n', '-c'], tar);
    const b = run(['gzip', '-9', '-n', '-c'], tar);
    const ev = compressionEvidence(head(a), head(b));
    const da = deflateOf(a);
    const db = deflateOf(b);
    let at = 0;
    while (da[at] === db[at]) at++;
    expect(ev).toEqual([
      {
        kind: 'compression',
        detail: `different deflate stream, diverging at byte ${at} of the deflate data; header XFL 0 (none) vs 2 (max compression); A: no zlib level reproduces it (another deflate implementation: GNU gzip, Go compress/flate, pgzip, zlib-ng…)`,
        divergesAt: at,
        matchesZlibLevel: null,
      },
      {
        kind: 'compression',
        detail: 'B: no zlib level reproduces it (another deflate implementation: GNU gzip, Go compress/flate, pgzip, zlib-ng…)',
        matchesZlibLevel: null,
      },
    ]);
  });

  it('pigz -6 vs pigz -9: divergesAt, matchesZlibLevel 6 vs 9', () => {
    const a = run(['pigz', '-6', '-n', '-c'], tar);
    const b = run(['pigz', '-9', '-n', '-c'], tar);
    const [ea, eb] = compressionEvidence(head(a), head(b));
    expect(ea.divergesAt).toBeGreaterThanOrEqual(0);
    expect(ea.matchesZlibLevel).toBe(6);
    expect(eb.matchesZlibLevel).toBe(9);
    expect(ea.detail).toMatch(
      /^different deflate stream, diverging at byte \d+ of the deflate data; header XFL 0 \(none\) vs 2 \(max compression\); A: pigz \(zlib in 128 KiB blocks\) level 6 reproduces the first \d+ compressed bytes$/,
    );
    expect(eb.detail).toMatch(/^B: pigz \(zlib in 128 KiB blocks\) level 9 reproduces the first \d+ compressed bytes$/);
  });

  it('gzip vs gzip -n: header only (MTIME), identical deflate streams', () => {
    const a = run(['gzip', '-6', '-c'], tar); // MTIME = stdin has none: GNU gzip writes the current time
    const b = run(['gzip', '-6', '-n', '-c'], tar);
    const ma = readGzipHeader(a)!.mtime;
    const ev = compressionEvidence(head(a), head(b));
    if (ma === 0) {
      // GNU gzip reading stdin stores MTIME 0 either way: then nothing differs but the name.
      expect(ev[0].detail).toMatch(/^header only/);
    } else {
      expect(ev).toEqual([
        {
          kind: 'compression',
          detail: `header only (MTIME): MTIME ${new Date(ma * 1000).toISOString().replace('.000Z', 'Z')} vs 0 (not set); identical deflate streams`,
        },
      ]);
    }
  });

  it('header only, with a name: gzip of a file keeps FNAME and MTIME', () => {
    const a = run(
      [
        'sh',
        '-c',
        'cat > /tmp/tarscope-ev-layer.tar && touch -d @1700000000 /tmp/tarscope-ev-layer.tar && gzip -6 -c /tmp/tarscope-ev-layer.tar; rm -f /tmp/tarscope-ev-layer.tar',
      ],
      tar,
    );
    const b = run(['gzip', '-6', '-n', '-c'], tar);
    const ev = compressionEvidence(head(a), head(b));
    expect(ev).toEqual([
      {
        kind: 'compression',
        detail: 'header only (MTIME, FNAME): MTIME 2023-11-14T22:13:20Z vs 0 (not set), FNAME "tarscope-ev-layer.tar" vs none; identical deflate streams',
      },
    ]);
  });

  it('gzip vs zstd: another algorithm', () => {
    const ev = compressionEvidence(head(run(['gzip', '-n', '-c'], tar)), head(run(['zstd', '-q', '-c'], tar)));
    expect(ev).toEqual([{ kind: 'compression', detail: 'another algorithm: the same uncompressed layer is stored gzip in A and zstd in B' }]);
  });

  it('zstd -3 vs zstd -19 --no-check: frame parameters', () => {
    const a = run(['zstd', '-q', '-3', '-c'], tar);
    const b = run(['zstd', '-q', '-19', '--no-check', '-c'], tar);
    const [e] = compressionEvidence(head(a), head(b));
    expect(e.kind).toBe('compression');
    expect(e.detail).toMatch(/^zstd frame parameters differ: .*checksum on vs off/);
    expect(e.divergesAt).toBe(4); // the frame header descriptor byte right after the magic
  });

  it('zstd, one frame vs several (zstd --format with -B… is not chunked; concatenated frames are)', () => {
    const half = tar.length >> 1;
    const a = run(['zstd', '-q', '-3', '-c'], tar);
    const b = new Uint8Array([...run(['zstd', '-q', '-3', '-c'], tar.subarray(0, half)), ...run(['zstd', '-q', '-3', '-c'], tar.subarray(half))]);
    const [e] = compressionEvidence(head(a), head(b));
    expect(e.detail).toMatch(/^zstd frame parameters differ: frames 1 vs 2/);
  });

  it('gzip, one member vs two (multi-member, seekable formats)', () => {
    const half = tar.length >> 1;
    const a = run(['gzip', '-6', '-n', '-c'], tar);
    const b = new Uint8Array([...run(['gzip', '-6', '-n', '-c'], tar.subarray(0, half)), ...run(['gzip', '-6', '-n', '-c'], tar.subarray(half))]);
    const ev = compressionEvidence(head(a), head(b), { zlibLevels: false });
    expect(ev[0]).toEqual({ kind: 'compression', detail: 'gzip members: A has 1 member, B has 2 members (multi-member: seekable, eStargz-like)' });
  });
});
