/**
 * Issue 14's targets (scripts/bench/targets.mjs) are ratios of tarscope's time to a bound
 * measured in the same run: which bound each one takes, the limit, and by how much a missed
 * one is over. Small figures built here, the real function.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, VERIFY_LIMIT } from '../../../scripts/bench/targets.mjs';

const ts = (final: number, verifyMs: number, mode = 'compare') => ({ mode, median: { final, verifyMs }, failures: [], attempts: 1 });
const floor = (ms: number) => ({ method: 'read-byob', ms, mbps: 400, methods: { 'read-byob': ms, 'read-default': ms * 1.5, 'read-slice': ms * 2 } });

function figures({ realFinal = 1500, zstdDecodeMs = 1000, zstdFloorMs = 500, mode = 'compare' } = {}) {
  return {
    pairs: {
      realistic: {
        available: true,
        tarscope: ts(realFinal, 2600, mode),
        platform: { floor: { archives: floor(1000) }, stages: { 'archives:verify': { medianMs: 2000, mbps: 200 }, 'sha256-mem': { mbps: 300 } } },
      },
      synthetic: {
        available: true,
        variants: {
          gzip: {
            tarscope: ts(1200, 100, mode),
            platform: { floor: { scan: floor(200) }, stages: { 'scan:inflate': { medianMs: 1000, mbps: 150, outMbps: 300 } } },
          },
          zstd: {
            tarscope: ts(3000, 100, mode),
            platform: { floor: { scan: floor(zstdFloorMs) }, stages: { 'scan:zstd': { medianMs: zstdDecodeMs, mbps: 150, outMbps: 300 } } },
          },
        },
      },
      large: { available: false },
      bomb: { available: false },
    },
    jsSize: { observed: { gzipBytes: 40_000 } },
  };
}
const byId = (f: unknown) => Object.fromEntries(evaluateTargets(f).map((t) => [t.id, t]));

describe('issue 14 targets', () => {
  it('end to end over the read floor: met at the limit, and a missed one says by how much', () => {
    const met = byId(figures({ realFinal: 1500 }))['e2e-realistic'];
    expect(met).toMatchObject({ status: 'met', ratio: 1.5, boundMs: 1000, measuredMs: 1500 });
    expect(met.note).toContain('read-byob (fastest of 3 methods)');
    const missed = byId(figures({ realFinal: 1800 }))['e2e-realistic'];
    expect(missed.status).toBe('missed');
    expect(missed.ratio).toBeCloseTo(1.8, 9);
    expect(missed.note).toContain('missed by 1.20×: 300 ms over 1,500 ms');
  });

  it('gzip is measured against read + DecompressionStream, not the read floor', () => {
    const t = byId(figures())['e2e-gzip'];
    expect(t).toMatchObject({ boundMs: 1000, status: 'met' });
    expect(t.ratio).toBeCloseTo(1.2, 9);
  });

  it("zstd's bound is the decoder when it is slower than the read, else the read floor, and the note says which", () => {
    const dec = byId(figures({ zstdDecodeMs: 1000, zstdFloorMs: 500 }))['e2e-zstd'];
    expect(dec).toMatchObject({ boundMs: 1000, ratio: 3, status: 'missed' });
    expect(dec.note).toContain('what bounds it: the decoder (2.0× the read floor');
    const read = byId(figures({ zstdDecodeMs: 400, zstdFloorMs: 600 }))['e2e-zstd'];
    expect(read).toMatchObject({ boundMs: 600, ratio: 5 });
    expect(read.note).toContain('what bounds it: the read');
  });

  it('verification is (verified − final) over read + SHA-256 of every blob, limit VERIFY_LIMIT', () => {
    const t = byId(figures())['verify-realistic'];
    expect(t.ratio).toBeCloseTo(1.3, 9);
    expect(t.status).toBe(1.3 <= VERIFY_LIMIT ? 'met' : 'missed');
    expect(t.note).toContain('SHA-256 in wasm: 300 MB/s per core');
  });

  it('a page that could only inspect, or a pair not run, gives no ratio', () => {
    const t = byId(figures({ mode: 'inspect' }));
    expect(t['e2e-realistic']).toMatchObject({ status: 'not measurable yet', ratio: null });
    expect(t['e2e-none']).toMatchObject({ status: 'skipped', ratio: null });
    expect(t['memory-bomb'].status).toBe('skipped');
  });
});
