/**
 * End to end: the built site as an offline PWA, and its URL inputs, in Debian's Chromium.
 *
 * Offline: load the page, wait for the service worker (vite-plugin-pwa/Workbox) to be
 * active, reload so it controls the page, go offline (`context.setOffline(true)`), reload —
 * the shell comes from the precache — and inspect a real archive: the engine chunk, the
 * Worker and the wasm, never fetched before, must come from the cache too. When the
 * comparison engine is in the build (Engine.compare in src/engine/browser.ts), two archives
 * are also compared offline.
 *
 * URL inputs: `?a=URL` on another origin (tests/unit/remote/server.ts, CORS open, Range
 * support): the real engine reads the archive in its Workers through HttpBlobs (the Comlink
 * transfer handler), with Range requests only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBuiltSite, type BuiltSite } from '../support/built-site';
import { imageFixtures, type ImageFixture } from '../fixtures/images';
import { ROOT } from '../support/tools';
import { startServer, type TestServer } from '../unit/remote/server';

const DIST = join(ROOT, 'dist');
const A_NAME = 'umoci-oci-layout.tar';
const B_NAME = 'umoci-oci-layout-mtime-b.tar';

let site: BuiltSite;
let files: TestServer;
let browser: Browser;
let baseUrl: string;
let fx: Record<string, ImageFixture>;

beforeAll(async () => {
  fx = await imageFixtures();
  site = await startBuiltSite();
  ({ baseUrl, browser } = site);
  files = await startServer({
    files: { [A_NAME]: readFileSync(fx[A_NAME].path), 'skopeo-oci-archive.tar': readFileSync(fx['skopeo-oci-archive.tar'].path) },
  });
}, 300_000);

afterAll(async () => {
  await site?.close();
  await files?.close();
});

function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

const finished = (page: Page, timeout = 60_000) =>
  page.waitForFunction(() => /^(Finished|Cancelled)/.test(document.querySelector('.run-status')?.textContent ?? ''), null, { timeout });

async function layerDigests(page: Page): Promise<string[]> {
  return page.$$eval('table.layers tbody tr:not(.layer-error) td:nth-of-type(1) code', (c) => c.map((x) => x.getAttribute('title') ?? ''));
}

/** A context whose page is controlled by the service worker, with everything precached. */
async function installed(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(baseUrl);
  // Installed and activated: the precache (every hashed asset) is complete.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.getByText('Ready to work offline.').waitFor({ timeout: 30_000 });
  // The first load is not controlled (no clients.claim: a page keeps the worker it started
  // with); the next one is.
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
  return { context, page, errors };
}

describe('offline PWA, built and served', () => {
  it('serves a manifest with 192/512 and maskable PNG icons, and a service worker that precaches the worker and every chunk', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({ short_name: 'tarscope', display: 'standalone', start_url: './', scope: './' });
    const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
    expect(icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const i of icons.filter((x) => x.src.endsWith('.png'))) {
      const png = readFileSync(join(DIST, i.src));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(i.sizes); // IHDR width x height
    }
    expect(readFileSync(join(DIST, 'index.html'), 'utf8')).toContain('rel="manifest"');
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toMatch(/engine\.worker-[\w-]+\.js/);
    expect(sw).toMatch(/browser-[\w-]+\.js/);
    expect(sw).not.toMatch(/\.map"/);
  });

  it('after one visit: offline, a reload still shows the page and inspects an archive (engine, Worker, wasm from the cache)', async () => {
    const { context, page, errors } = await installed();
    await context.setOffline(true);
    await page.reload();
    await page.getByLabel('Archive A', { exact: true }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    const f = fx['skopeo-oci-archive.tar'];
    await page
      .getByLabel('Archive A', { exact: true })
      .setInputFiles({ name: 'skopeo-oci-archive.tar', mimeType: 'application/x-tar', buffer: readFileSync(f.path) });
    await finished(page);
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(await layerDigests(page)).toEqual(f.expect.images[0].layers.map((l) => l.digest));
    // Shareable reports work offline too (the presenters were precached).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HTML' }).click()]);
    expect(download.suggestedFilename()).toBe('skopeo-oci-archive.tar.tarscope.html');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offline: compares two archives (metadata-only, file.mtime)', async () => {
    const { context, page, errors } = await installed();
    await context.setOffline(true);
    await page.reload();
    await page.getByLabel('Archive A', { exact: true }).setInputFiles({ name: A_NAME, mimeType: 'application/x-tar', buffer: readFileSync(fx[A_NAME].path) });
    await page.getByLabel('Archive B', { exact: true }).setInputFiles({ name: B_NAME, mimeType: 'application/x-tar', buffer: readFileSync(fx[B_NAME].path) });
    await finished(page);
    expect(await page.getAttribute('.verdict-badge', 'data-verdict')).toBe('metadata-only');
    expect(await page.$$eval('.cause-id', (c) => c.map((x) => x.textContent))).toContain('file.mtime');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offline, ?a=URL says the browser is offline instead of failing silently', async () => {
    const { context, page } = await installed();
    await context.setOffline(true);
    await page.goto(`${baseUrl}?a=${encodeURIComponent(`${files.url}/range/${A_NAME}`)}`);
    const panel = page.locator('.remote-error');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.getAttribute('data-failure')).toBe('unreachable');
    expect(await panel.locator('[role=alert]').textContent()).toBe('The browser is offline: the archive cannot be fetched.');
    await context.close();
  });
});

describe('?a=URL on the built page, with the real engine', () => {
  it('inspects an archive on another origin through Range requests made by the Workers, never downloading it whole', async () => {
    const page = await browser.newPage();
    const errors = watch(page);
    files.log.length = 0;
    const url = `${files.url}/range/skopeo-oci-archive.tar`;
    await page.goto(`${baseUrl}?a=${encodeURIComponent(url)}`);
    await finished(page);
    expect(await page.textContent('.run-status')).toBe('Finished');
    const f = fx['skopeo-oci-archive.tar'];
    expect(await layerDigests(page)).toEqual(f.expect.images[0].layers.map((l) => l.digest));
    expect(await page.textContent('.remote-note')).toContain('read in Range requests as needed, never downloaded whole');
    const gets = files.log.filter((l) => l.method === 'GET');
    expect(gets.length).toBeGreaterThan(1);
    expect(gets.every((l) => l.range !== null && l.status === 206)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a server without Range support: read whole, and the page says what that costs', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}?a=${encodeURIComponent(`${files.url}/norange/${A_NAME}`)}`);
    await finished(page);
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(await page.textContent('.remote-note.is-download')).toMatch(
      /the server does not answer Range requests, so the whole archive \(20(\.0)? KiB\) was read into memory first/,
    );
    await page.close();
  });
});
