/**
 * The content evidence pass inside a comparison (compare.ts + evidence-hook.ts +
 * evidence-port.ts) when its reads fail: the report says so in `stats.evidenceErrors`, and is
 * otherwise the report a working run gives (verdict, headline, causes, differences, inputs),
 * only without the failed details. A cancel during the pass is not an error (these layers are
 * digested by the listing: no background verification, so the report is the final one).
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../builders/image';
import { nodeHooks } from '../../support/hooks';
import { comparisonSchemaErrors } from '../../support/schema';
import { inlineRunner } from '../../../src/engine/inline';
import { compareArchives } from '../../../src/engine/compare';
import { evidenceHooks } from '../../../src/engine/evidence-hook';
import type { JobRunner } from '../../../src/engine/runner';
import type { ComparisonReport } from '../../../src/compare/types';
import { TarscopeError } from '../../../src/io/errors';

const files = (conf: string) =>
  layerTar([
    { name: 'etc/', typeflag: '5' },
    { name: 'etc/app.conf', data: conf },
    { name: 'etc/hostname', data: `${conf.length}\n` },
  ]);
const A = buildOciArchive([{ tags: ['app:1'], layers: [files('a=1\nb=2\n')] }], nodeHooks, { compress: true }).tar as Uint8Array<ArrayBuffer>;
const B = buildOciArchive([{ tags: ['app:1'], layers: [files('a=1\nb=22\n')] }], nodeHooks, { compress: true }).tar as Uint8Array<ArrayBuffer>;

function compare(runner: JobRunner, opts: Parameters<typeof compareArchives>[5] = {}, hooks = evidenceHooks(runner)): Promise<ComparisonReport> {
  return compareArchives(runner, new Blob([A]), 'a.tar', new Blob([B]), 'b.tar', opts, hooks);
}

/** What does not depend on the evidence: everything but timings, the details, and the errors. */
function withoutEvidence(r: ComparisonReport) {
  return {
    verdict: r.verdict,
    headline: r.headline,
    causes: r.causes.map(({ evidence, ...c }) => ({ ...c, evidence: [...new Set(evidence.map((e) => e.text))] })),
    differences: r.differences,
    pairing: r.pairing,
    identicalBytes: r.identicalBytes,
    inputs: r.inputs.map((i) => ({ ...i, stats: { ...i.stats, elapsedMs: 0 } })),
    verification: r.stats.verification,
  };
}

const failingExtract = (): JobRunner => {
  const inner = inlineRunner();
  return {
    ...inner,
    extract: async () => {
      throw new TarscopeError({ code: 'internal', component: 'extract', message: 'extract: the worker died' });
    },
  };
};

describe('content evidence failures in a comparison', () => {
  it('an extract job that throws: stats.evidenceErrors names it and its differences; the rest of the report is intact', async () => {
    const good = await compare(inlineRunner());
    const bad = await compare(failingExtract());
    const contentIds = good.differences.filter((d) => d.subject === 'file' && d.field === 'content').map((d) => d.id);
    expect(contentIds.length).toBe(2);

    expect(good.stats.evidenceErrors).toBeUndefined();
    expect(good.causes.flatMap((c) => c.evidence).some((e) => e.detail?.kind === 'text-diff')).toBe(true);

    // One job per side, each for both files: one entry per distinct error.
    expect(bad.stats.evidenceErrors).toEqual([
      { differences: expect.arrayContaining(contentIds), error: { code: 'internal', component: 'extract', message: 'extract: the worker died' } },
    ]);
    expect(bad.stats.evidenceErrors![0].differences.length).toBe(2);
    expect(bad.causes.flatMap((c) => c.evidence).filter((e) => e.detail)).toEqual([]);
    expect(withoutEvidence(bad)).toEqual(withoutEvidence(good));
    expect(comparisonSchemaErrors(bad)).toEqual([]);
  });

  it('a hook that rejects: reported as the pass stopping, the report still resolves', async () => {
    const runner = inlineRunner();
    const r = await compare(
      runner,
      {},
      {
        evidence: async () => {
          throw new Error('no evidence today');
        },
      },
    );
    expect(r.stats.evidenceErrors).toEqual([{ differences: [], error: { code: 'internal', component: 'evidence', message: 'evidence: no evidence today' } }]);
    expect(withoutEvidence(r)).toEqual(withoutEvidence(await compare(runner)));
    expect(comparisonSchemaErrors(r)).toEqual([]);
  });

  it('stopped during the evidence pass: no evidence errors, the report stands without details', async () => {
    const ac = new AbortController();
    const inner = inlineRunner();
    const runner: JobRunner = {
      ...inner,
      extract: async () => {
        ac.abort();
        throw new TarscopeError({ code: 'cancelled', component: 'extract', message: 'extract: cancelled' });
      },
    };
    const r = await compare(runner, { signal: ac.signal });
    expect(r.stats.evidenceErrors).toBeUndefined();
    expect(r.causes.flatMap((c) => c.evidence).filter((e) => e.detail)).toEqual([]);
    expect(withoutEvidence(r)).toEqual(withoutEvidence(await compare(inlineRunner())));
  });
});
