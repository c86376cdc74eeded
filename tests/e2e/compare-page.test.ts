/**
 * End to end: the comparison page of the built site (dist/, served by `vite preview`), in
 * Debian's Chromium through playwright-core, with the real engine (Workers, wasm) and the real
 * explainer. A person picks two real archives through "Archive A" and "Archive B": umoci
 * layouts of the same files and config whose layer-entry mtimes differ by one day
 * (tests/fixtures: `umoci-oci-layout.tar` vs `umoci-oci-layout-mtime-b.tar`, verdict
 * metadata-only, cause file.mtime, per the fixture's notes). The page must say so, refine
 * from a preliminary report, re-explain when timestamps are ignored, and export the report.
 * A truncated B gives the verdict `unreadable` with the offset. Screenshots: tests/.out/compare*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBuiltSite, type BuiltSite } from '../support/built-site';
import { imageFixtures } from '../fixtures/images';
import { ROOT } from '../support/tools';
import type { ComparisonReport } from '../../src/compare/types';
import { buildOciArchive, layerTar } from '../builders/image';
import { noise } from '../builders/noise';
import { nodeHooks } from '../support/hooks';
import { levelOf } from '../../src/present/levels';
import { compilePathFilter } from '../../src/compare/glob';
import { PAIRS } from '../pairs/pairs';
import { sourcePath } from '../pairs/cache';

const OUT = join(ROOT, 'tests/.out');
const A_NAME = 'umoci-oci-layout.tar';
const B_NAME = 'umoci-oci-layout-mtime-b.tar';

let site: BuiltSite;
let browser: Browser;
let baseUrl: string;
let archiveA: Buffer;
let archiveB: Buffer;

beforeAll(async () => {
  const fx = await imageFixtures();
  archiveA = readFileSync(fx[A_NAME].path);
  archiveB = readFileSync(fx[B_NAME].path);
  site = await startBuiltSite();
  ({ baseUrl, browser } = site);
  mkdirSync(OUT, { recursive: true });
}, 300_000);

afterAll(async () => {
  await site?.close();
});

interface Opened {
  page: Page;
  errors: string[];
}

async function openPage(width = 1400, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 1000 }, colorScheme, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  await page.goto(baseUrl);
  await page.getByLabel('Archive B', { exact: true }).waitFor({ state: 'attached' });
  // Records every verdict the page shows, in order (the preliminary one, then the final one).
  await page.evaluate(() => {
    const w = window as unknown as { shown: string[] };
    w.shown = [];
    new MutationObserver(() => {
      const badge = document.querySelector('.verdict-badge');
      if (!badge) return;
      const seen = `${document.querySelector('.badge-preliminary') ? 'preliminary' : 'final'}:${badge.getAttribute('data-verdict')}`;
      if (w.shown.at(-1) !== seen) w.shown.push(seen);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return { page, errors };
}

async function compare(page: Page, a: { name: string; buffer: Buffer }, b: { name: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('Archive A', { exact: true }).setInputFiles({ name: a.name, mimeType: 'application/x-tar', buffer: a.buffer });
  await page.getByLabel('Archive B', { exact: true }).setInputFiles({ name: b.name, mimeType: 'application/x-tar', buffer: b.buffer });
  await page.waitForFunction(() => /^(Finished|Cancelled)/.test(document.querySelector('.run-status')?.textContent ?? ''), null, { timeout: 60_000 });
}

async function exportJson(page: Page): Promise<{ filename: string; report: ComparisonReport }> {
  const button = page.getByRole('button', { name: 'Export JSON' });
  expect(await button.isEnabled()).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { filename: download.suggestedFilename(), report: JSON.parse(readFileSync(await download.path(), 'utf8')) };
}

const causeIds = (page: Page) => page.$$eval('.cause-id', (c) => c.map((x) => x.textContent));
const verdict = (page: Page) => page.getAttribute('.verdict-badge', 'data-verdict');

describe('comparison page, built and served', () => {
  it('compares two real archives: metadata-only, cause file.mtime, on screen and in the exported JSON', async () => {
    const { page, errors } = await openPage();
    await compare(page, { name: A_NAME, buffer: archiveA }, { name: B_NAME, buffer: archiveB });
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(await verdict(page)).toBe('metadata-only');
    expect(await page.textContent('.verdict-badge')).toContain('Metadata only');
    expect(await page.$('.badge-preliminary')).toBeNull();
    const ids = await causeIds(page);
    expect(ids[0]).toBe('file.mtime');
    expect(ids.every((id) => !/^file\.(content|added|removed|type)$/.test(id!))).toBe(true);
    // The page said something before the deep comparison finished, then refined it.
    const shown = await page.evaluate(() => (window as unknown as { shown: string[] }).shown);
    expect(shown[0]).toMatch(/^preliminary:/);
    expect(shown.at(-1)).toBe('final:metadata-only');
    // Every mtime moved by one day (fixture notes: +86400 s).
    const firstCause = page.locator('.cause').first();
    expect(await firstCause.locator('.cause-summary').textContent()).toMatch(/mtime/);
    await page.screenshot({ path: join(OUT, 'compare.png'), fullPage: true });

    const { filename, report } = await exportJson(page);
    expect(filename).toBe(`${A_NAME}-vs-${B_NAME}.tarscope.json`);
    expect(report.kind).toBe('comparison');
    expect(report.verdict).toBe('metadata-only');
    expect(report.causes[0].id).toBe('file.mtime');
    expect(report.stats.phase).toBe('final');
    expect(report.inputs.map((i) => [i.name, i.size])).toEqual([
      [A_NAME, archiveA.length],
      [B_NAME, archiveB.length],
    ]);
    const mtimes = report.differences.filter((d) => d.subject === 'file' && d.field === 'mtime');
    expect(mtimes.length).toBeGreaterThan(0);
    expect(mtimes.every((d) => (d.b as number) - (d.a as number) === 86_400)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('layers over 1 MiB: the final report first (files compared by XXH64), then every digest verified in the background', async () => {
    const big = noise(4 << 20, 11);
    const changed = big.slice();
    changed[3_000_000] ^= 0xff;
    const layer = (data: Uint8Array) =>
      layerTar([
        { name: 'opt/', typeflag: '5' },
        { name: 'opt/data.bin', data, mode: 0o644, mtime: 1_700_000_000 },
      ]);
    const base = layerTar([{ name: 'base.bin', data: noise(3 << 20, 12), mode: 0o644, mtime: 1_700_000_000 }]);
    const a = Buffer.from(buildOciArchive([{ tags: ['big:1'], layers: [base, layer(big)] }], nodeHooks).tar);
    const b = Buffer.from(buildOciArchive([{ tags: ['big:1'], layers: [base, layer(changed)] }], nodeHooks).tar);
    const { page, errors } = await openPage();
    await page.evaluate(() => {
      const w = window as unknown as { states: string[] };
      w.states = [];
      new MutationObserver(() => {
        const v = document.querySelector('[data-verification]')?.getAttribute('data-verification');
        if (v && w.states.at(-1) !== v) w.states.push(v);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await compare(page, { name: 'big-a.tar', buffer: a }, { name: 'big-b.tar', buffer: b });
    await page.waitForSelector('[data-verification="done"]', { timeout: 60_000 });
    const states = await page.evaluate(() => (window as unknown as { states: string[] }).states);
    expect(states).toEqual(['pending', 'done']);
    expect(await page.textContent('[data-verification]')).toMatch(/^Every blob digest and diff_id verified \(4 blobs, [\d.]+ MiB read again\)\.$/);
    expect(await verdict(page)).toBe('content-differs');
    expect(await causeIds(page)).toContain('file.content');
    const { report } = await exportJson(page);
    expect(report.stats.verification).toMatchObject({ state: 'done', rescanned: 0 });
    // Both layers of each side, the base layer B took from A's scan included.
    expect(report.stats.verification.blobs).toBe(4);
    expect(report.stats.digestsVerified).toBe(true);
    expect(report.stats.layersSkipped).toBe(1);
    const content = report.differences.find((d) => d.subject === 'file' && d.field === 'content')!;
    expect(content.scope.path).toBe('opt/data.bin');
    expect(String(content.a)).toMatch(/^xxh64:[0-9a-f]{16}$/);
    expect(report.inputs.every((i) => i.integrity.done && i.integrity.ok)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ignoring timestamps re-explains at once, without reading the archives again, and the export follows', async () => {
    const { page, errors } = await openPage(900, 'dark');
    await compare(page, { name: A_NAME, buffer: archiveA }, { name: B_NAME, buffer: archiveB });
    expect(await verdict(page)).toBe('metadata-only');
    const workerRequests: string[] = [];
    page.on('request', (r) => workerRequests.push(r.url()));
    await page.getByRole('checkbox', { name: 'Ignore timestamps' }).check();
    // Every difference is a timestamp: nothing remains. The verdict stays literally true of the
    // archives (their file metadata differ) and the headline says they are equivalent under the
    // option (src/compare/explain/README.md, "Verdict rules").
    await page.waitForFunction(() => /^Equivalent when ignoring timestamps/.test(document.querySelector('#verdict-title')?.textContent ?? ''));
    expect(await verdict(page)).toBe('metadata-only');
    expect(await causeIds(page)).toEqual([]);
    expect(await page.textContent('.ignored-count')).toMatch(/^[\d,]+ differences? ignored\.$/);
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(workerRequests).toEqual([]);
    await page.screenshot({ path: join(OUT, 'compare-dark-900.png'), fullPage: true });
    const { report } = await exportJson(page);
    expect(report.options.timestamps).toBe(true);
    expect(report.headline).toMatch(/^Equivalent when ignoring timestamps/);
    expect(report.verdict).toBe(await verdict(page));
    expect(report.causes.map((c) => c.id)).toEqual(await causeIds(page));
    expect(report.causes.map((c) => c.id)).not.toContain('file.mtime');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('.pyc differing only in their source mtime (golden pair): classified from the scan, dropped by "Ignore timestamps"', async () => {
    const p = PAIRS.find((x) => x.name === 'pyc-mtime')!;
    const [a, b] = [readFileSync(await sourcePath(p.a)), readFileSync(await sourcePath(p.b))];
    const { page, errors } = await openPage();
    await compare(page, { name: 'pyc-a.tar', buffer: a }, { name: 'pyc-b.tar', buffer: b });
    expect(await causeIds(page)).toContain('file.content');
    const { report } = await exportJson(page);
    const emb = report.stats.embeddedTimestamps!;
    // Decided from the deep scan's fingerprints in the page's Workers (engine/times-fingerprint.ts), none read back.
    expect(emb.candidates).toBeGreaterThan(0);
    expect(emb).toMatchObject({ classified: emb.candidates, timestampOnly: emb.candidates, notClassified: 0, fromScan: emb.candidates });
    await page.getByRole('checkbox', { name: 'Ignore timestamps' }).check();
    await page.waitForFunction(() => /^Equivalent when ignoring timestamps/.test(document.querySelector('#verdict-title')?.textContent ?? ''));
    expect(await causeIds(page)).not.toContain('file.content');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('B cut short: the verdict is unreadable, the cause names the component and offset, what was read is shown and exported', async () => {
    const cut = archiveB.subarray(0, Math.floor(archiveB.length * 0.6));
    const { page, errors } = await openPage(420);
    await compare(page, { name: A_NAME, buffer: archiveA }, { name: 'cut.tar', buffer: cut });
    expect(await verdict(page)).toBe('unreadable');
    expect(await page.textContent('.run-status')).toBe('Finished: an archive could not be read to the end');
    const alert = (await page.getByRole('alert').first().textContent())!;
    expect(alert).toMatch(/^tar: /);
    expect(alert).toMatch(/offset \d+/);
    const ids = await causeIds(page);
    expect(ids[0]).toMatch(/^input\.(truncated|corrupt)$/);
    expect(await page.locator('.cause').first().textContent()).toMatch(/offset/);
    await page.screenshot({ path: join(OUT, 'compare-unreadable-420.png'), fullPage: true });
    const { report } = await exportJson(page);
    expect(report.verdict).toBe('unreadable');
    expect(report.inputs[1].error).toBe(alert);
    expect(report.inputs[0].error).toBeNull();
    expect(report.inputs[0].images.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 390 px nothing overflows; a text file given as B says it is text (not "truncated at byte 0"), no layout difference', async () => {
    const { page, errors } = await openPage(390);
    const text = Buffer.from('hello, this is not an archive: 35!\n');
    await compare(page, { name: A_NAME, buffer: archiveA }, { name: 'notes.txt', buffer: text });
    const body = (await page.textContent('main'))!;
    expect(body).toContain('not a tar archive: the file is text (35 bytes)');
    expect(body).not.toMatch(/truncated at byte 0|at byte 0\b/);
    expect(body).not.toContain('archive layout differs');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(OUT, 'compare-text-b-390.png'), fullPage: true });
    await page.close();
    // The two real archives at 390 px, and the debootstrap-like shape of the page at 1280×900 is
    // the browser test's (tests/browser/ui/bounded-evidence.test.tsx); here: the built page.
    const wide = await openPage(390);
    await compare(wide.page, { name: A_NAME, buffer: archiveA }, { name: B_NAME, buffer: archiveB });
    expect(await wide.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await wide.page.screenshot({ path: join(OUT, 'compare-390.png'), fullPage: true });
    expect([...errors, ...wide.errors]).toEqual([]);
    await wide.page.close();
  });
  it('3,000 changed files: the page holds what it shows; lists, filters, cause lists, options and exports reach the rest in the coordinator', async () => {
    const N = 3000;
    const archive = (mtime: number, motd: string) =>
      Buffer.from(
        buildOciArchive(
          [
            {
              tags: ['many:1'],
              layers: [
                layerTar([
                  ...Array.from({ length: N }, (_, i) => ({ name: `d${i % 10}/f${i}`, data: new TextEncoder().encode(`file ${i}\n`), mode: 0o644, mtime })),
                  { name: 'etc/motd', data: new TextEncoder().encode(motd), mode: 0o644, mtime },
                ]),
              ],
            },
          ],
          nodeHooks,
        ).tar,
      );
    const { page, errors } = await openPage();
    await compare(
      page,
      { name: 'many-a.tar', buffer: archive(1_700_000_000, 'hello\n') },
      { name: 'many-b.tar', buffer: archive(1_700_000_060, 'hello, world\n') },
    );
    expect(await verdict(page)).toBe('content-differs');
    const { report } = await exportJson(page);
    // The export is the whole report, written by the coordinator: every difference and listing.
    expect(report.inputs[0].images[0].layers[0].files).toHaveLength(N + 1);
    expect(report.inputs[1].images[0].merged?.files).toHaveLength(N + 1);
    const files = report.differences.filter((d) => levelOf(d.subject) === 'files');
    expect(files.length).toBeGreaterThan(N);

    // The files tab lists them all, a page at a time
    await page.getByRole('tab', { name: /^Files/ }).click();
    await page.waitForFunction((n) => document.querySelector('#level-files-count')?.textContent === `${n} differences`, files.length.toLocaleString('en-US'));
    const list = page.getByRole('listbox', { name: 'Differences: files' });
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = files.at(-1)!;
    await page.waitForFunction(
      (p) => [...document.querySelectorAll('#level-panel .diff-row .c-where')].some((e) => e.textContent?.endsWith(p)),
      last.scope.path!,
    );

    // The glob filter runs where the differences are
    const match = compilePathFilter('d3/*');
    const matching = files.filter((d) => match(d.scope.path ?? ''));
    await page.getByRole('searchbox').first().fill('d3/*');
    await page.waitForFunction(
      ([m, n]) => document.querySelector('#level-files-count')?.textContent === `${m} of ${n} differences match the glob`,
      [matching.length.toLocaleString('en-US'), files.length.toLocaleString('en-US')],
    );
    // A row picked shows the difference in full; every row shown matches the glob
    const row = page.locator('#level-panel .diff-row').first();
    const where = (await row.locator('.c-where').textContent())!;
    expect(where).toMatch(/ · d3\/f\d+$/);
    expect(await page.$$eval('#level-panel .diff-row .c-where', (es) => es.every((e) => / · d3\/f\d+$/.test(e.textContent ?? '')))).toBe(true);
    await row.click();
    expect(await page.textContent('#level-panel .diff-details')).toContain(where.split(' · ').at(-1)!);

    // A cause opened lists its differences and what follows them
    const mtime = report.causes.find((c) => c.id === 'file.mtime')!;
    const card = page.locator('.cause', { has: page.locator('.cause-id', { hasText: /^file\.mtime$/ }) });
    await card.locator('.cause-all summary').click();
    const followers = report.differences.filter((d) => d.follows && mtime.differences.includes(d.follows)).length;
    await card.locator('.files-summary').waitFor();
    expect(await card.locator('.files-summary').textContent()).toBe(`${(mtime.differences.length + followers).toLocaleString('en-US')} differences`);

    // Other options: re-explained in the coordinator; the export follows them
    await page.getByRole('checkbox', { name: 'Ignore timestamps' }).check();
    await page.waitForFunction(() => ![...document.querySelectorAll('.cause-id')].some((e) => e.textContent === 'file.mtime'));
    expect(await causeIds(page)).toContain('file.content');
    const again = (await exportJson(page)).report;
    expect(again.options.timestamps).toBe(true);
    expect(again.causes.map((c) => c.id)).toEqual(await causeIds(page));
    expect(again.differences).toHaveLength(report.differences.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
