/**
 * Every cause id, produced by the real differ on built reports and explained: the exact
 * verdict, the exact set of causes (no cause that is not there), their counts and the pattern
 * their summary finds; every report built validates against the comparison schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/tools';
import { diffInputs, dropDeep } from '../../../../src/compare/diff';
import { explain } from '../../../../src/compare/explain';
import { CATALOG } from '../../../../src/compare/explain/catalog';
import { NO_IGNORES } from '../../../../src/compare/types';
import { explainedComparison } from '../../../builders/comparison';
import { comparisonSchemaErrors } from '../../../support/schema';
import { CASES, type Case } from './cause-cases';

function run(c: Case) {
  const [A, B] = c.inputs();
  const options = { ...NO_IGNORES, ...c.options };
  let diff = diffInputs(A, B);
  if (c.preliminary) diff = dropDeep(diff);
  return { A, B, diff, options, ex: explain(diff, A, B, options) };
}

describe('explain: every cause id from the real differ', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { ex } = run(c);
      const got = Object.fromEntries(ex.causes.map((x) => [x.id, x.count]));
      expect({ verdict: ex.verdict, causes: got }, ex.headline + '\n' + ex.causes.map((x) => `${x.id}: ${x.summary}`).join('\n')).toEqual({
        verdict: c.verdict,
        causes: c.causes,
      });
      for (const [id, re] of Object.entries(c.summaries ?? {})) expect(ex.causes.find((x) => x.id === id)!.summary).toMatch(re!);
      if (c.headline) expect(ex.headline).toMatch(c.headline);
      if (c.options && Object.keys(c.causes).length === 0) expect(ex.ignored).toBeGreaterThan(0);
    });
  }

  it('covers every cause id of the contract', () => {
    const ids = new Set(CASES.flatMap((c) => Object.keys(c.causes)));
    const all = JSON.parse(readFileSync(join(ROOT, 'docs/comparison-report.schema.json'), 'utf8')).$defs.causeId.enum as string[];
    expect(all.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('docs/causes.md documents every cause id, and the catalog knows each one', () => {
    const documented = [...readFileSync(join(ROOT, 'docs/causes.md'), 'utf8').matchAll(/^### `([a-z.-]+)`$/gm)].map((m) => m[1]).sort();
    const all = (JSON.parse(readFileSync(join(ROOT, 'docs/comparison-report.schema.json'), 'utf8')).$defs.causeId.enum as string[]).sort();
    expect(documented).toEqual(all);
    expect(Object.keys(CATALOG).sort()).toEqual(all);
  });

  it('every report built validates against the comparison schema', () => {
    for (const c of CASES) {
      const [A, B] = c.inputs();
      const r = explainedComparison(A, B, { ...NO_IGNORES, ...c.options }, c.preliminary ? 'preliminary' : 'final');
      expect(comparisonSchemaErrors(r), c.name).toEqual([]);
    }
  });
});
