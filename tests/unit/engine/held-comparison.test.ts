/**
 * The coordinator keeps a comparison whole and gives the page what it shows (issue 12):
 * coordinator-api.ts with shown-comparison.ts, driven as the page drives it (its `deliver`
 * receiving the report in parts), on real archives compared by the real engine in-process. What
 * the page then asks — pages of differences, the report explained for other options, the exports —
 * must be what the whole report gives.
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../builders/image';
import { nodeHooks } from '../../support/hooks';
import { inlineRunner } from '../../../src/engine/inline';
import { coordinatorApi } from '../../../src/engine/coordinator-api';
import { ReportReceiver, type ReportMessage } from '../../../src/engine/report-parts';
import type { HeldSummary } from '../../../src/engine/shown-comparison';
import { compareArchives } from '../../../src/engine/compare';
import { evidenceHooks } from '../../../src/engine/evidence-hook';
import { explainFor } from '../../../src/compare/reexplain';
import { explain } from '../../../src/compare/explain';
import { DifferenceIndex } from '../../../src/present/diff-selection';
import { presentMarkdown } from '../../../src/present/markdown';
import { NO_IGNORES, type ComparisonReport } from '../../../src/compare/types';

const N = 1500;

function archive(mtime: number, extra: string): Uint8Array<ArrayBuffer> {
  const files = Array.from({ length: N }, (_, i) => ({ name: `d${i % 10}/f${i}`, data: new TextEncoder().encode(`file ${i}\n`), mode: 0o644, mtime }));
  const layer = layerTar([
    { name: 'd0/', typeflag: '5', mode: 0o755, mtime },
    ...files,
    { name: 'etc/motd', data: new TextEncoder().encode(extra), mode: 0o644, mtime },
  ]);
  return buildOciArchive([{ tags: ['app:1'], layers: [layer] }], nodeHooks).tar as Uint8Array<ArrayBuffer>;
}

const A = new Blob([archive(1_700_000_000, 'hello\n')]);
const B = new Blob([archive(1_700_000_060, 'hello, world\n')]);

async function viaCoordinator() {
  const api = coordinatorApi(() => ({ ...inlineRunner(), warm: async () => {}, dispose: () => {} }));
  const receiver = new ReportReceiver();
  const whole: { id: number; held?: HeldSummary; report: ComparisonReport }[] = [];
  const deliver = (m: ReportMessage) => {
    const r = receiver.receive(m);
    if (r && m.kind === 'whole') whole.push({ id: m.id, held: m.held, report: r as ComparisonReport });
  };
  const id = await api.compare(1, A, 'a.tar', B, 'b.tar', { ignore: NO_IGNORES, updates: true }, deliver);
  return { api, id, shown: receiver.take(id) as ComparisonReport, whole };
}

describe('a comparison held by the coordinator', () => {
  it('the page gets the report without listings and with only the differences its causes list; the rest is asked for', async () => {
    const full = await compareArchives(inlineRunner(), A, 'a.tar', B, 'b.tar', { ignore: NO_IGNORES }, evidenceHooks(inlineRunner()));
    const { api, id, shown, whole } = await viaCoordinator();
    expect(whole.length).toBeGreaterThanOrEqual(2); // preliminary, final (and verified)
    for (const w of whole) expect(w.held?.total).toBeGreaterThan(0);
    const last = whole[whole.length - 1];
    expect(last.report).toBe(shown);

    // What stayed with the coordinator
    const ix = new DifferenceIndex(full.differences);
    expect(last.held!.total).toBe(full.differences.length);
    expect(last.held!.levels).toEqual(ix.levels);
    expect(full.differences.length).toBeGreaterThan(2 * N); // every mtime, and what follows them
    for (const input of shown.inputs)
      for (const im of input.images) {
        expect(im.layers.every((l) => l.files.length === 0)).toBe(true);
        expect(im.merged?.files).toEqual([]);
      }
    expect(full.inputs[0].images[0].layers[0].files.length).toBe(N + 2);
    expect(full.inputs[0].images[0].layers[0].fileCount).toBe(shown.inputs[0].images[0].layers[0].fileCount);

    // The differences the page has: exactly those its causes name, in report order
    const named = new Set(shown.causes.flatMap((c) => [...c.differences, ...c.evidence.map((e) => e.difference).filter((x): x is string => !!x)]));
    expect(shown.differences.map((d) => d.id)).toEqual(full.differences.filter((d) => named.has(d.id)).map((d) => d.id));
    expect(shown.differences.length).toBeLessThan(full.differences.length);
    expect(shown.verdict).toBe(full.verdict);
    expect(shown.causes.map((c) => [c.id, c.count])).toEqual(full.causes.map((c) => [c.id, c.count]));

    // Pages of rows, as a level list and a cause's list ask for them
    for (const sel of [{ level: 'files' as const }, { level: 'files' as const, path: 'd3/*', consequences: false }, { roots: shown.causes[0].differences }]) {
      const want = ix.page(sel, 100, 300);
      const got = api.differences(id, sel, 100, 300);
      expect(got.count).toBe(want.count);
      expect(got.rows.map((d) => d.id)).toEqual(want.rows.map((d) => d.id));
    }
  });

  it('explains for other options there, with the page\u2019s own function, and exports the whole report as explained', async () => {
    const { api, id } = await viaCoordinator();
    const full = await compareArchives(inlineRunner(), A, 'a.tar', B, 'b.tar', { ignore: NO_IGNORES }, evidenceHooks(inlineRunner()));
    const options = { ...NO_IGNORES, timestamps: true };
    const want = explainFor(full, options, explain);
    const got = api.explain(id, options);
    expect(got.options).toEqual(options);
    expect(got.verdict).toBe(want.report.verdict);
    // the mtimes no longer count: only etc/motd's content
    expect(full.causes.map((c) => c.id)).toContain('file.mtime');
    expect(got.causes.map((c) => c.id)).not.toContain('file.mtime');
    expect(got.ignored).toBeGreaterThan(N);
    expect(got.ignored).toBe(want.ignored);
    expect(got.causes.map((c) => [c.id, c.count])).toEqual(want.report.causes.map((c) => [c.id, c.count]));
    const named = new Set(got.causes.flatMap((c) => c.differences));
    for (const d of got.differences) expect(named.has(d.id) || got.causes.some((c) => c.evidence.some((e) => e.difference === d.id))).toBe(true);

    const json = JSON.parse(await (await api.exportReport(id, options, 'json')).text()) as ComparisonReport;
    expect(json.options).toEqual(options);
    expect(json.verdict).toBe(want.report.verdict);
    expect(json.differences.length).toBe(full.differences.length);
    expect(json.inputs[1].images[0].layers[0].files.length).toBe(N + 2);
    const md = await (await api.exportReport(id, options, 'markdown')).text();
    expect(md).toBe(presentMarkdown(json));
    const html = await (await api.exportReport(id, NO_IGNORES, 'html')).text();
    expect(html).toContain('<!doctype html>');
  });

  it('a report no longer held is said to be, clearly', async () => {
    const { api, id } = await viaCoordinator();
    // a new run lets the earlier one's reports go
    await api.compare(2, A, 'a.tar', A, 'a2.tar', { updates: false }, () => {});
    expect(() => api.differences(id, { level: 'files' }, 0, 10)).toThrow(/no longer held.*compare again/);
  });
});
