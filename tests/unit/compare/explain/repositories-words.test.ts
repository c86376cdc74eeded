/** A `repositories` difference is said as the tag it is ("tag app:latest"), not as a JSON path ("app.latest"). */
import { describe, expect, it } from 'vitest';
import { diffInputs } from '../../../../src/compare/diff';
import { explain } from '../../../../src/compare/explain';
import { NO_IGNORES } from '../../../../src/compare/types';
import { inputReport } from '../../../builders/report';

describe('repositories in words', () => {
  it('names the tag, not the JSON path', () => {
    const A = inputReport({ name: 'a.tar', repositories: { app: { latest: 'a'.repeat(64) } } });
    const B = inputReport({ name: 'b.tar', repositories: { app: { latest: 'b'.repeat(64) } } });
    const ex = explain(diffInputs(A, B), A, B, NO_IGNORES);
    const c = ex.causes.find((x) => x.id === 'index.annotations')!;
    expect(c.summary).toContain('repositories tag app:latest');
    expect(c.evidence[0].text).toBe(`repositories tag app:latest: ${'a'.repeat(64)} → ${'b'.repeat(64)}`);
    // What a person reads (ids are for tools and keep the path).
    for (const t of [ex.headline, c.summary, ...c.evidence.map((e) => e.text)]) expect(t).not.toContain('app.latest');
  });
});
