import { describe, expect, it } from 'vitest';
import { comparisonOutcome, inspectionOutcome } from '../../../src/present/outcome';
import { threeLayerImage, integrityFailure, errorMidArchive } from '../../builders/report';
import type { ComparisonReport, Verdict } from '../../../src/compare/types';
import { hostileComparison } from './hostile';

function withVerdict(verdict: Verdict, causes: number): ComparisonReport {
  const r = hostileComparison();
  return { ...r, verdict, causes: r.causes.slice(0, causes) };
}

describe('outcome', () => {
  it.each([
    ['identical', 0, 'same'],
    ['identical', 1, 'same'],
    ['metadata-only', 0, 'same'],
    ['metadata-only', 1, 'different'],
    ['same-image', 2, 'different'],
    ['content-differs', 1, 'different'],
    // the options ignored every cause (e.g. files differing only in an embedded timestamp):
    // the verdict stays the literal one, "same" is the empty cause list (exit 0)
    ['content-differs', 0, 'same'],
    ['unreadable', 0, 'error'],
    ['unreadable', 2, 'error'],
  ] as const)('comparison: %s with %i causes → %s', (verdict, causes, out) => {
    expect(comparisonOutcome(withVerdict(verdict, causes))).toBe(out);
  });

  it('inspection: ok / failed / unreadable', () => {
    expect(inspectionOutcome(threeLayerImage())).toBe('ok');
    expect(inspectionOutcome(integrityFailure())).toBe('failed');
    expect(inspectionOutcome(errorMidArchive())).toBe('unreadable');
  });
});
