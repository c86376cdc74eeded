/**
 * The page's engine as it runs now (issue 14): the coordinators in a Worker of their own
 * (workers/coordinator.worker.ts), which starts the job Workers, driven from the page over
 * Comlink (src/engine/browser.ts). Real Workers in Chromium: the comparison is made while the
 * page's main thread is blocked; a coordinator that crashes ends the run with a failure report
 * (and is replaced); one that hangs is terminated after a cancel's grace period; warm() starts it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSHA256 } from 'hash-wasm';
import { page } from 'vitest/browser';
import { createEngine, type BrowserEngine } from '../../../src/engine/browser';
import type { ComparisonReport } from '../../../src/compare/types';
import { App } from '../../../src/ui/App';
import { COMPARE_STATUS_TEXT } from '../../../src/ui/compareRun';
import { buildOciArchive, layerTar, type ImageHooks } from '../../builders/image';
import { mount, pickFile, settle, unmountAll } from '../ui/dom';

const hasher = await createSHA256();
const hooks: ImageHooks = { sha256: (b) => `sha256:${hasher.init().update(b).digest('hex')}` };

/** A small image; `salt` changes one file's content and every mtime. */
function archive(name: string, salt: number): File {
  const layer = layerTar([
    { name: 'etc/', typeflag: '5', mtime: 1_700_000_000 + salt },
    { name: 'etc/motd', data: `hello ${salt}\n`, mtime: 1_700_000_000 + salt },
    { name: 'bin/tool', data: new Uint8Array(4096).fill(7), mode: 0o755, mtime: 1_700_000_000 + salt },
  ]);
  const tar = buildOciArchive([{ tags: ['x:1'], layers: [layer] }], hooks).tar;
  return new File([tar as Uint8Array<ArrayBuffer>], name);
}

const realCoordinator = () => new Worker(new URL('../../../workers/coordinator.worker.ts', import.meta.url), { type: 'module' });
const crashing = () => new Worker(new URL('./crashing-coordinator.worker.ts', import.meta.url), { type: 'module' });
const hung = () => new Worker(new URL('./hung-coordinator.worker.ts', import.meta.url), { type: 'module' });

/** Each call to create() starts the next of `makers` (the last one repeats). */
function sequence(...makers: (() => Worker)[]): { create: () => Worker; started: () => number } {
  let n = 0;
  return { create: () => makers[Math.min(n++, makers.length - 1)](), started: () => n };
}

let engines: BrowserEngine[] = [];
function engine(opts: Parameters<typeof createEngine>[0]): BrowserEngine {
  const e = createEngine(opts);
  engines.push(e);
  return e;
}

afterEach(() => {
  unmountAll();
  for (const e of engines) e.dispose();
  engines = [];
});

describe('the coordinator Worker', () => {
  it('makes the comparison while the page’s main thread is blocked (it runs off the main thread)', async () => {
    const e = engine({ size: 2 });
    const w0 = performance.now();
    await e.warm();
    // What warming saves the first archive: the coordinator and a job Worker started, the kernel compiled.
    console.log(`warm(): ${Math.round(performance.now() - w0)} ms`);
    const a = archive('a.tar', 1);
    const b = archive('b.tar', 2);
    const done = e.compare(a, 'a.tar', b, 'b.tar', { verify: false });
    // The call is posted; now the page's main thread runs nothing else for 3 s.
    const t0 = Date.now();
    while (Date.now() - t0 < 3000);
    const unblocked = Date.now();
    const r = await done;
    // The report's createdAt is stamped where the coordinator runs: before the block ended.
    expect(Date.parse(r.createdAt)).toBeLessThan(unblocked);
    expect(r.verdict).toBe('content-differs');
    expect(r.inputs.map((i) => i.error)).toEqual([null, null]);
  }, 30_000);

  it('sends the preliminary, final and verified reports in order, then resolves with the last', async () => {
    const e = engine({ size: 2 });
    const updates: { phase: string; state: string; ignored?: number }[] = [];
    let last: ComparisonReport | null = null;
    const r = await e.compare(archive('a.tar', 1), 'a.tar', archive('b.tar', 2), 'b.tar', {
      onUpdate: (u, ignored) => {
        last = u;
        updates.push({ phase: u.stats.phase, state: u.stats.verification.state, ignored });
      },
    });
    expect(updates[0]).toEqual({ phase: 'preliminary', state: 'pending', ignored: 0 });
    expect(updates.at(-1)).toEqual({ phase: 'final', state: 'done', ignored: 0 });
    expect(r).toBe(last);
  }, 30_000);

  it('a coordinator that crashes rejects the run at once and is replaced for the next one', async () => {
    const workers = sequence(crashing, realCoordinator);
    const e = engine({ size: 1, create: workers.create });
    const t0 = performance.now();
    await expect(e.compare(archive('a.tar', 1), 'a.tar', archive('b.tar', 2), 'b.tar')).rejects.toThrow(
      /^coordinator: the Worker stopped: .*boom in the coordinator/,
    );
    expect(performance.now() - t0).toBeLessThan(10_000);
    const again = await e.compare(archive('a.tar', 1), 'a.tar', archive('b.tar', 2), 'b.tar', { verify: false });
    expect(again.verdict).toBe('content-differs');
    expect(workers.started()).toBe(2);
  }, 30_000);

  it('a coordinator that hangs: a cancel rejects after the grace period, the Worker is replaced', async () => {
    const workers = sequence(hung, realCoordinator);
    const e = engine({ size: 1, create: workers.create, graceMs: 500 });
    const ac = new AbortController();
    const run = e.compare(archive('a.tar', 1), 'a.tar', archive('b.tar', 2), 'b.tar', { signal: ac.signal, onUpdate: () => {} });
    await new Promise((r) => setTimeout(r, 600)); // spinning by now
    const t0 = performance.now();
    ac.abort();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(3000);
    const again = await e.compare(archive('a.tar', 1), 'a.tar', archive('b.tar', 2), 'b.tar', { verify: false });
    expect(again.verdict).toBe('content-differs');
    expect(workers.started()).toBe(2);
  }, 30_000);

  it('the page: a crashed coordinator ends in the failure report (unreadable, the error named), not a blank page', async () => {
    const e = engine({ size: 1, create: crashing });
    const root = mount(<App engine={e} />);
    const input = (name: string) => page.getByLabelText(name, { exact: true }).element() as HTMLInputElement;
    pickFile(input('Archive A'), archive('crash-a.tar', 1));
    await settle();
    pickFile(input('Archive B'), archive('crash-b.tar', 2));
    const t0 = performance.now();
    while (root.querySelector('.run-status')?.textContent !== COMPARE_STATUS_TEXT.failed) {
      if (performance.now() - t0 > 15_000) throw new Error(`still "${root.querySelector('.run-status')?.textContent}"`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('unreadable');
    expect(root.textContent).toContain('The comparison could not run: engine: coordinator: the Worker stopped:');
    expect(root.textContent).toContain('boom in the coordinator');
    expect(root.textContent).toContain('crash-a.tar');
    expect(root.textContent).toContain('crash-b.tar');
  }, 30_000);
  it('keeps a comparison whole and sends the page what it shows (issue 12); the rest is asked for, and a coordinator gone says so', async () => {
    const e = engine({ size: 2, create: realCoordinator });
    const updates: ComparisonReport[] = [];
    const r = await e.compare(archive('a.tar', 1), 'a.tar', archive('b.tar', 2), 'b.tar', { onUpdate: (u) => updates.push(u) });
    for (const u of [...updates, r]) expect(e.held(u)).not.toBeNull();
    const held = e.held(r)!;
    // The page's copy: no listings, only the differences the causes name
    expect(r.inputs.flatMap((i) => i.images.flatMap((im) => im.layers.map((l) => l.files.length)))).toEqual([0, 0]);
    expect(r.inputs[0].images[0].layers[0].fileCount).toBe(3);
    const named = new Set(r.causes.flatMap((c) => [...c.differences, ...c.evidence.flatMap((x) => (x.difference ? [x.difference] : []))]));
    expect(r.differences.every((d) => named.has(d.id))).toBe(true);
    // The whole, in the coordinator
    const whole = JSON.parse(await (await held.export('json', r.options)).text()) as ComparisonReport;
    expect(whole.differences.length).toBe(held.total);
    expect(whole.differences.length).toBeGreaterThan(r.differences.length);
    expect(whole.inputs[0].images[0].layers[0].files.map((f) => f.path)).toEqual(['etc', 'etc/motd', 'bin/tool']);
    const files = await held.page({ level: 'files' }, 0, 1000);
    expect(files.count).toBe(held.levels.files.all);
    expect(files.rows.map((d) => d.id)).toEqual(whole.differences.filter((d) => ['file', 'file-order', 'merged'].includes(d.subject)).map((d) => d.id));
    const other = await held.explain({ ...r.options, timestamps: true });
    expect(other.report.options.timestamps).toBe(true);
    expect(other.report.causes.map((c) => c.id)).not.toContain('file.mtime');
    expect(other.ignored).toBeGreaterThan(0);
    // A coordinator gone (disposed): asking fails, clearly, instead of waiting forever
    e.dispose();
    await expect(Promise.race([held.page({ level: 'files' }, 0, 10), new Promise((_, no) => setTimeout(() => no(new Error('hung')), 3000))])).rejects.toThrow(
      /coordinator/,
    );
  });
});
