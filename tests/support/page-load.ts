/**
 * The page under load, shared by tests/e2e/page-under-load.test.ts (errors next to the partial
 * report, cancel) and tests/bench/page-responsiveness.test.ts (no main-thread task over 200 ms):
 * archives built in memory, the built page opened with a long-task observer, files picked from disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startBuiltSite, type BuiltSite } from './built-site';
import { buildOciArchive, layerTar } from '../builders/image';
import { noise } from '../builders/noise';
import { nodeHooks } from './hooks';

/**
 * The built site for a test file, started once before its tests and closed after them, and a
 * temporary folder the archives are written to (picked from disk: see `pick`).
 */
export function siteForFile(prefix: string): { site: () => BuiltSite; dir: string } {
  let site: BuiltSite | undefined;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(async () => {
    site = await startBuiltSite();
  }, 300_000);
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { site: () => site!, dir };
}

export const MTIME = 1_700_000_000;
const enc = new TextEncoder();

/** One layer of `n` small files under d<k>/; `salt` changes every file's content. */
export function manyFiles(n: number, salt: string): Buffer {
  const entries = [];
  for (let d = 0; d < Math.ceil(n / 1000); d++) entries.push({ name: `d${d}/`, typeflag: '5' as const, mtime: MTIME });
  for (let i = 0; i < n; i++)
    entries.push({ name: `d${Math.floor(i / 1000)}/file-${i}.txt`, data: enc.encode(`file ${i} ${salt}\n`), mode: 0o644, mtime: MTIME });
  return Buffer.from(buildOciArchive([{ tags: ['many:1'], layers: [layerTar(entries)] }], nodeHooks).tar);
}

/** Two layers of `mib` MiB of noise each (slow enough to cancel in the middle). */
export function bigArchive(mib: number, seed: number): Buffer {
  const layer = (s: number) => layerTar([{ name: 'blob.bin', data: noise(mib << 20, s), mode: 0o644, mtime: MTIME }]);
  return Buffer.from(buildOciArchive([{ tags: ['big:1'], layers: [layer(seed), layer(seed + 1)] }], nodeHooks).tar);
}

export async function openPage(site: BuiltSite): Promise<{ page: Page; errors: string[] }> {
  const page = await site.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(site.baseUrl);
  await page.getByLabel('Archive B', { exact: true }).waitFor({ state: 'attached' });
  return { page, errors };
}

/**
 * Picks A and B as files on disk: playwright hands a path to the browser (CDP), whereas a buffer
 * would be decoded from base64 by a script in the page's main thread — seconds of main-thread
 * work for 20,000-file archives that the page itself never does.
 */
export async function pick(page: Page, dir: string, a: { name: string; buffer: Buffer }, b: { name: string; buffer: Buffer }): Promise<void> {
  for (const [label, f] of [
    ['Archive A', a],
    ['Archive B', b],
  ] as const) {
    const path = join(dir, f.name);
    writeFileSync(path, f.buffer);
    await page.getByLabel(label, { exact: true }).setInputFiles(path);
  }
}

export const status = (page: Page) => page.evaluate(() => document.querySelector('.run-status')?.textContent ?? '');
export const finished = (page: Page, timeout = 120_000) =>
  page.waitForFunction(() => /^(Finished|Cancelled)/.test(document.querySelector('.run-status')?.textContent ?? ''), null, { timeout });
