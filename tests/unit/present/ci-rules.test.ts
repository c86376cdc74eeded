import { describe, expect, it } from 'vitest';
import { evaluateCi, parseBytes, thresholdError } from '../../../src/present/ci-rules';
import type { ImageEfficiency, InspectionReport } from '../../../src/report/types';

describe('parseBytes (go-humanize ParseBytes, as dive reads highestWastedBytes)', () => {
  it('SI and IEC units, case-insensitive, spaces and commas; dive test values', () => {
    expect(parseBytes('50kB')).toBe(50_000);
    expect(parseBytes('1B')).toBe(1);
    expect(parseBytes('20MB')).toBe(20_000_000);
    expect(parseBytes('20 mib')).toBe(20 * 1024 * 1024);
    expect(parseBytes('1,000')).toBe(1000);
    expect(parseBytes('1.5K')).toBe(1500);
    expect(parseBytes('1BB')).toBeNull();
    expect(parseBytes('-1BB')).toBeNull();
    expect(parseBytes('')).toBeNull();
  });
  it('threshold validation as dive validates (0–1 fractions, parseable sizes, "disabled")', () => {
    expect(thresholdError('lowestEfficiency', '1.1')).toMatch(/0 to 1/);
    expect(thresholdError('lowestEfficiency', '-9')).toMatch(/0 to 1/);
    expect(thresholdError('highestUserWastedPercent', '0.5')).toBeNull();
    expect(thresholdError('highestWastedBytes', 'disabled')).toBeNull();
  });
});

function report(e: Partial<ImageEfficiency>): InspectionReport {
  const efficiency: ImageEfficiency = {
    score: 1,
    wastedBytes: 0,
    sizeBytes: 0,
    userSizeBytes: 0,
    userWastedPercent: null,
    wastedFileCount: 0,
    topWasted: [],
    ...e,
  };
  return { inputs: [{ images: [{ tags: ['x:1'], platform: null, efficiency }] }] } as unknown as InspectionReport;
}

describe('evaluateCi', () => {
  it("dive's comparisons: efficiency below, wasted bytes above, user-wasted fraction above the threshold fail", () => {
    const r = report({ score: 0.5, wastedBytes: 100, userSizeBytes: 200, userWastedPercent: 0.5 });
    expect(evaluateCi(r, { lowestEfficiency: '0.5', highestWastedBytes: '100', highestUserWastedPercent: '0.5' }).pass).toBe(true);
    const f = evaluateCi(r, { lowestEfficiency: '0.51', highestWastedBytes: '99', highestUserWastedPercent: '0.49' });
    expect(f.pass).toBe(false);
    expect(f.rules.map((x) => x.status)).toEqual(['fail', 'fail', 'fail']);
  });
  it('no user bytes: 0/0 passes (dive: NaN), n/0 fails (dive: +Inf)', () => {
    expect(evaluateCi(report({}), { highestUserWastedPercent: '0.1' }).pass).toBe(true);
    expect(evaluateCi(report({ wastedBytes: 5 }), { highestUserWastedPercent: '0.1' }).pass).toBe(false);
  });
});
