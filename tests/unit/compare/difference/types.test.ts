/**
 * Compile-time half of the typed difference (src/compare/difference): narrowing by subject
 * gives that subject's facts and field; a wrong fact name, a fact of another subject, or a
 * subject with another's facts does not compile. The `@ts-expect-error` lines are checked by
 * `npx tsc -b` (tests are in tsconfig.node.json): if one of them compiled, tsc would fail
 * with "Unused '@ts-expect-error' directive". expectTypeOf checks the same at test time.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { is, subject, type Difference, type DifferenceOf, type FactsOf, type FieldOf } from '../../../../src/compare/types';
import { Collector } from '../../../../src/compare/diff/emit';
import type { Explainer } from '../../../../src/compare/explain/types';

describe('difference types', () => {
  it('narrow by subject to that subject’s facts and field', () => {
    expectTypeOf<FactsOf<'layer-blob'>['sameDiffId']>().toEqualTypeOf<boolean>();
    expectTypeOf<FactsOf<'layer-blob'>['unreadSide']>().toEqualTypeOf<'a' | 'b' | 'both' | undefined>();
    expectTypeOf<FactsOf<'merged'>['fields']>().toEqualTypeOf<('type' | 'content' | 'size' | 'linkname' | 'mode' | 'uid' | 'gid' | 'mtime')[] | undefined>();
    expectTypeOf<FieldOf<'outer-end'>>().toEqualTypeOf<'zeroBlocks' | 'trailingBytes' | 'trailingGarbage' | 'sawEndMarker' | 'globalPax'>();
    expectTypeOf<FieldOf<'integrity'>>().toEqualTypeOf<'blob-digest' | 'blob-size' | 'diff-id' | 'reference' | 'layer-count'>();
    expectTypeOf<FieldOf<'config'>>().toEqualTypeOf<string>();
    expectTypeOf<'xattrs.user.x'>().toMatchTypeOf<FieldOf<'file'>>();
    expectTypeOf<'mtim'>().not.toMatchTypeOf<FieldOf<'file'>>();

    const d = {} as Difference;
    if (d.subject === 'file-order') expectTypeOf(d.facts.firstMismatch.index).toEqualTypeOf<number>();
    if (is(d, 'input', 'integrity')) expectTypeOf(d.facts.side).toEqualTypeOf<'a' | 'b'>();
    expectTypeOf([d].filter(subject('layer'))).toEqualTypeOf<DifferenceOf<'layer'>[]>();
  });

  it('reject a wrong fact name and facts of another subject', () => {
    const d = {} as Difference;
    // @ts-expect-error -- not narrowed: `delta` is a record fact, not every subject's
    void d.facts?.delta;
    if (d.subject === 'layer-blob') {
      // @ts-expect-error -- misspelt fact
      void d.facts.sameDiffID;
      // @ts-expect-error -- a file's fact on a layer blob
      void d.facts.isDir;
    }
    // @ts-expect-error -- a subject with another subject's facts
    const wrong: Difference = { id: 'x', subject: 'layer', kind: 'added', scope: {}, facts: { fields: ['mtime'] } };
    // @ts-expect-error -- a kind the subject never comes in
    const order: Difference = {
      id: 'x',
      subject: 'file-order',
      kind: 'changed',
      scope: {},
      field: 'order',
      facts: { common: 1, moved: 1, firstMismatch: { index: 0, a: 'a', b: 'b' }, aSorted: true, bSorted: false },
    };
    void wrong;
    void order;
  });

  it('make the collector reject facts and fields the subject does not have', () => {
    const c = new Collector();
    const blob = c.add({ id: 'x', subject: 'outer-end', kind: 'changed', scope: {}, field: 'zeroBlocks', a: 2, b: 4 });
    expectTypeOf(blob).toEqualTypeOf<DifferenceOf<'outer-end'>>();
    // @ts-expect-error -- not an outer-end field
    c.add({ id: 'y', subject: 'outer-end', kind: 'changed', scope: {}, field: 'zeroBlock' });
    // @ts-expect-error -- not an outer-end fact
    c.add({ id: 'z', subject: 'outer-end', kind: 'changed', scope: {}, field: 'globalPax', facts: { tarformat: true } });
    // @ts-expect-error -- a required fact missing (merged needs nothing, an image its kind)
    c.add({ id: 'w', subject: 'image', kind: 'added', scope: {}, facts: { tags: [], platform: null } });
  });

  it('give an explainer its subjects’ differences', () => {
    const e: Explainer<'layer'> = {
      name: 't',
      subjects: ['layer'],
      ids: ['layer.added'],
      claim: (d) => (d.facts.duplicateOf === null ? 'layer.added' : null),
      describe: () => ({ summary: '', phrase: '', evidence: [], remedy: '' }),
    };
    expectTypeOf(e.claim).parameter(0).toEqualTypeOf<Difference & { subject: 'layer' }>();
    const all: Explainer[] = [e];
    void all;
  });
});
