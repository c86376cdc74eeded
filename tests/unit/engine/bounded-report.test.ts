/**
 * Issue 12: a comparison of many changed files stays bounded in memory (100,000 files: ≤ 500 MB
 * for the CLI, docs/benchmarks.md "Memory (issue 12)"). What makes it so, checked on a layer of
 * 2,500 changed files (more than a cause keeps):
 *  - each cause keeps at most MAX_CAUSE_DIFFERENCES difference ids and 5 examples, its `count`
 *    says the total, and the JSON written in pieces still holds every difference, schema-valid;
 *  - without a listener (the CLI) the digests are verified first and the report is built once:
 *    the same report a listener gets last, but never two of them in the heap at once;
 *  - the differ shares what its 100,000s of differences repeat: one `fields` list per distinct
 *    set of merged fields; a file difference's scope is the layer pair's keys then `path`.
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../builders/image';
import { noise } from '../../builders/noise';
import { nodeHooks } from '../../support/hooks';
import { comparisonSchemaErrors } from '../../support/schema';
import { inlineRunner } from '../../../src/engine/inline';
import { compareArchives, type CompareHooks } from '../../../src/engine/compare';
import type { Progress } from '../../../src/engine/progress';
import { evidenceHooks } from '../../../src/engine/evidence-hook';
import { MAX_CAUSE_DIFFERENCES } from '../../../src/compare/explain';
import { writeJson } from '../../../src/present/json-chunks';
import type { ComparisonReport, Difference } from '../../../src/compare/types';

const N = 2_500;
const T = 1_700_000_000;
const enc = new TextEncoder();

/** N small files (B: every mtime 60 s later), a config file whose text differs (content
 *  evidence), and 2 MiB of the same noise: over the 1 MiB the listing digests itself, so the
 *  layer is deep-scanned and its digests are verified after the first report. */
function archive(side: 'a' | 'b'): Blob {
  const files = Array.from({ length: N }, (_, i) => ({
    name: `d${i % 10}/f${i}`,
    data: enc.encode(`file ${i}\n`),
    mode: 0o644,
    mtime: side === 'a' ? T : T + 60,
  }));
  const layer = layerTar([
    { name: 'etc/app.conf', data: enc.encode(`workers = ${side === 'a' ? 2 : 4}\nlog = info\n`), mode: 0o644, mtime: T },
    { name: 'data.bin', data: noise(2 << 20, 7), mode: 0o644, mtime: T },
    ...files,
  ]);
  const tar = buildOciArchive([{ tags: ['app:1'], layers: [layer] }], nodeHooks).tar;
  return new Blob([tar as Uint8Array<ArrayBuffer>]);
}

const A = archive('a');
const B = archive('b');
const runner = inlineRunner();
const compare = (onUpdate?: (r: ComparisonReport) => void) =>
  compareArchives(runner, A, 'a.tar', B, 'b.tar', onUpdate ? { onUpdate } : {}, evidenceHooks(runner));

/** What differs between two runs of the same comparison: times and the bytes counted. */
function normalised(r: ComparisonReport): unknown {
  const { createdAt: _, ...rest } = r;
  const { elapsedMs: _e, timings: _t, bytesRead: _b, ...stats } = r.stats;
  return { ...rest, stats, inputs: r.inputs.map((i) => ({ ...i, stats: { ...i.stats, elapsedMs: 0 } })) };
}

describe('a comparison of many changed files (issue 12)', () => {
  it('keeps at most MAX_CAUSE_DIFFERENCES ids and 5 examples per cause; the JSON holds every difference, schema-valid', async () => {
    const report = await compare();
    expect(N).toBeGreaterThan(MAX_CAUSE_DIFFERENCES);
    const mtime = report.causes.find((c) => c.id === 'file.mtime')!;
    expect(mtime.count).toBe(N);
    expect(mtime.differences).toHaveLength(MAX_CAUSE_DIFFERENCES);
    for (const c of report.causes) {
      expect(c.differences.length).toBeLessThanOrEqual(Math.min(c.count, MAX_CAUSE_DIFFERENCES));
      expect(c.evidence.length).toBeLessThanOrEqual(5);
    }
    // The content difference got its evidence (a line diff of the config file).
    const content = report.causes.find((c) => c.differences.some((id) => id.includes('etc/app.conf')))!;
    expect(JSON.stringify(content.evidence)).toContain('workers');

    const pieces: string[] = [];
    writeJson(report, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(2);
    const written = JSON.parse(pieces.join('')) as ComparisonReport;
    const count = (s: string) => written.differences.filter((d) => d.subject === s).length;
    expect(count('file')).toBe(N + 1);
    expect(count('merged')).toBe(N + 1);
    expect(written.differences.filter((d) => d.field === 'mtime')).toHaveLength(N);
    expect(comparisonSchemaErrors(written)).toEqual([]);
  }, 120_000);

  it('without a listener: verified first, built once, the report a listener gets last', async () => {
    const updates: ComparisonReport[] = [];
    const listened = await compare((u) => updates.push(u));
    // With a listener: preliminary, final while verifying, verified.
    expect(updates.map((u) => [u.stats.phase, u.stats.verification.state])).toEqual([
      ['preliminary', 'pending'],
      ['final', 'pending'],
      ['final', 'done'],
    ]);
    // Without one: the evidence (read once a report is built) is read once, after the
    // verification; the listener's order reads it before.
    const seen = (onUpdate?: (r: ComparisonReport) => void) => {
      const phases: string[] = [];
      const hooks = evidenceHooks(runner);
      const reads: string[] = [];
      const counted: CompareHooks = {
        evidence: (...args) => {
          reads.push(phases.at(-1)!);
          return hooks.evidence!(...args);
        },
      };
      const onProgress = (p: Progress) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
      };
      const done = compareArchives(runner, A, 'a.tar', B, 'b.tar', { onProgress, ...(onUpdate ? { onUpdate } : {}) }, counted);
      return done.then((report) => ({ report, reads, phases }));
    };
    const withListener = await seen(() => {});
    expect(withListener.reads).toEqual(['layers']);
    expect(withListener.phases).toEqual(['index', 'layers', 'verify', 'done']);
    const alone = await seen();
    expect(alone.reads).toEqual(['verify']);
    expect(alone.phases).toEqual(['index', 'layers', 'verify', 'done']);
    expect(alone.report.stats.verification.state).toBe('done');
    expect(alone.report.stats.digestsVerified).toBe(true);
    expect(normalised(alone.report)).toEqual(normalised(listened));
    expect(normalised(alone.report)).toEqual(normalised(withListener.report));
  }, 120_000);

  it('the differ shares one fields list per distinct set of merged fields; file scopes are the pair scope then path', async () => {
    const report = await compare();
    const merged = report.differences.filter((d): d is Extract<Difference, { subject: 'merged' }> => d.subject === 'merged' && d.kind === 'changed');
    expect(merged).toHaveLength(N + 1);
    const lists = new Set(merged.map((d) => d.facts!.fields));
    // ['mtime'] for the N files, ['content'] for the config file: two lists, not N + 1.
    expect([...lists].map((l) => l?.join())).toEqual(expect.arrayContaining(['mtime', 'content']));
    expect(lists.size).toBe(2);
    const files = report.differences.filter((d) => d.subject === 'file');
    for (const d of files) expect(Object.keys(d.scope)).toEqual(['image', 'imageA', 'imageB', 'layerA', 'layerB', 'path']);
    expect(new Set(files.map((d) => d.scope)).size).toBe(files.length);
  }, 120_000);
});
