/**
 * Run-time half of the typed difference (src/compare/difference): every difference the
 * comparison produces over the golden pairs' archives (tests/pairs) fits its subject's type:
 * kind, field and facts, with no fact the type does not name (validate.ts, whose spec is
 * typed against the interfaces). The differ's unit tests check the same on their fixtures
 * (tests/unit/compare/diff/helpers.ts `diff`). And the validator itself can fail.
 */
import { openAsBlob } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareArchives } from '../../../../src/engine/compare';
import { inlineRunner } from '../../../../src/engine/inline';
import { differenceErrors, differencesErrors } from '../../../../src/compare/difference/validate';
import type { Difference, Subject } from '../../../../src/compare/types';
import { sourceLabel, sourcePath } from '../../../pairs/cache';
import { PAIRS } from '../../../pairs/pairs';

describe('every difference of the golden pairs fits its subject', () => {
  const seen = new Set<Subject>();
  for (const p of PAIRS) {
    it(p.name, async () => {
      const [a, b] = [await sourcePath(p.a), await sourcePath(p.b)];
      const report = await compareArchives(inlineRunner(), await openAsBlob(a), sourceLabel(p.a), await openAsBlob(b), sourceLabel(p.b));
      expect(differencesErrors(report.differences)).toEqual([]);
      for (const d of report.differences) seen.add(d.subject);
    }, 60_000);
  }
  it('and the pairs produce most subjects', () => {
    // A subject no pair produces is still checked by the differ's unit tests.
    expect(seen.size).toBeGreaterThanOrEqual(14);
  });
});

describe('differenceErrors', () => {
  const blob: Difference = {
    id: 'layer-blob:i0:L0-0',
    subject: 'layer-blob',
    kind: 'changed',
    scope: { imageA: 0, imageB: 0, layerA: 0, layerB: 0 },
    field: 'digest',
    a: 'sha256:aa',
    b: 'sha256:bb',
    facts: {
      sameDiffId: true,
      diffIdA: 'sha256:cc',
      diffIdB: 'sha256:cc',
      algorithmA: 'gzip',
      algorithmB: 'gzip',
      mediaTypeA: null,
      mediaTypeB: null,
      sizeA: 10,
      sizeB: 11,
      uncompressedSizeA: null,
      uncompressedSizeB: null,
      seekableA: null,
      seekableB: null,
      gzip: { mtime: { a: 0, b: 1 } },
      gzipMembersA: 1,
      gzipMembersB: 1,
      gzipHeaderOnly: true,
      filesEqual: true,
    },
  };
  const with_ = (o: object) => JSON.parse(JSON.stringify({ ...blob, ...o })) as unknown;

  it('accepts a well-formed difference', () => {
    expect(differenceErrors(blob)).toEqual([]);
  });

  it('names a fact the subject does not have, a fact of the wrong type, a missing required fact', () => {
    expect(differenceErrors(with_({ facts: { ...blob.facts, sameDiffID: true } }))).toEqual(["layer-blob:i0:L0-0: fact sameDiffID is not one of layer-blob's"]);
    expect(differenceErrors(with_({ facts: { ...blob.facts, unreadSide: 'c' } }))).toEqual(['layer-blob:i0:L0-0: fact unreadSide = "c" does not fit']);
    const { sizeA: _, ...noSize } = blob.facts;
    expect(differenceErrors(with_({ facts: noSize }))).toEqual(['layer-blob:i0:L0-0: fact sizeA = undefined does not fit']);
    expect(differenceErrors(with_({ facts: undefined }))).toEqual(['layer-blob:i0:L0-0: no facts']);
  });

  it('names a wrong kind, field, subject or key', () => {
    expect(differenceErrors(with_({ kind: 'added' }))).toEqual(['layer-blob:i0:L0-0: kind added is not one of changed']);
    expect(differenceErrors(with_({ field: 'mtime' }))).toEqual(['layer-blob:i0:L0-0: field "mtime" is not one of layer-blob\'s']);
    expect(differenceErrors(with_({ subject: 'blob' }))).toEqual(['layer-blob:i0:L0-0: unknown subject blob']);
    expect(differenceErrors(with_({ why: 'x' }))).toEqual(['layer-blob:i0:L0-0: unknown key why']);
    // The facts of another subject: a file's on a layer blob.
    expect(differenceErrors(with_({ facts: { ...blob.facts, isDir: true } }))).toEqual(["layer-blob:i0:L0-0: fact isDir is not one of layer-blob's"]);
  });

  it('checks closed fields and optional facts per subject', () => {
    const file = { id: 'f', subject: 'file', kind: 'changed', scope: {}, field: 'mtime', a: 1, b: 2, facts: { delta: 1 } };
    expect(differenceErrors(file)).toEqual([]);
    expect(differenceErrors({ ...file, field: 'xattrs.user.x', facts: { xattr: 'user.x' } })).toEqual([]);
    expect(differenceErrors({ ...file, field: 'mtim' })).toEqual(['f: field "mtim" is not one of file\'s']);
    expect(differenceErrors({ ...file, facts: undefined })).toEqual([]);
    expect(differenceErrors({ ...file, facts: { delta: '1' } })).toEqual(['f: fact delta = "1" does not fit']);
    const end = { id: 'e', subject: 'outer-end', kind: 'changed', scope: {}, field: 'zeroBlocks', a: 2, b: 4 };
    expect(differenceErrors(end)).toEqual([]);
    expect(differenceErrors({ ...end, field: 'zeroBlock' })).toEqual(['e: field "zeroBlock" is not one of outer-end\'s']);
  });
});
