/**
 * End to end (issue 13): archives by URL typed on the built page, with the real engine, from a
 * server on another origin (tests/unit/remote/server.ts). Two URLs typed and Enter: compared
 * through Range requests made by the Workers (never downloaded whole), the verdict and causes on
 * screen, and `?a=&b=` in the address bar so the view can be
 * shared; a server that sends no CORS headers is explained (what the server must send).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startBuiltSite, type BuiltSite } from '../support/built-site';
import { imageFixtures, type ImageFixture } from '../fixtures/images';
import { startServer, type TestServer } from '../unit/remote/server';

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
  files = await startServer({ files: { [A_NAME]: readFileSync(fx[A_NAME].path), [B_NAME]: readFileSync(fx[B_NAME].path) } });
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

describe('URLs typed on the built page', () => {
  it('two URLs and Enter: compared through Range requests, ?a=&b= in the address bar', async () => {
    const page = await browser.newPage();
    const errors = watch(page);
    files.log.length = 0;
    await page.goto(baseUrl);
    const a = `${files.url}/range/${A_NAME}`;
    const b = `${files.url}/range/${B_NAME}`;
    await page.getByLabel('A from a URL', { exact: true }).fill(a);
    await page.getByLabel('B from a URL', { exact: true }).fill(b);
    await page.getByLabel('B from a URL', { exact: true }).press('Enter');
    await finished(page);
    expect(await page.getAttribute('.verdict-badge', 'data-verdict')).toBe('metadata-only');
    expect(await page.$$eval('.cause-id', (c) => c.map((x) => x.textContent))).toContain('file.mtime');
    const q = new URL(page.url()).searchParams;
    expect([q.get('a'), q.get('b')]).toEqual([a, b]);
    const gets = files.log.filter((l) => l.method === 'GET');
    expect(gets.length).toBeGreaterThan(2);
    expect(gets.every((l) => l.range !== null && l.status === 206)).toBe(true);
    // The shared address opens the same comparison.
    const again = await browser.newPage();
    await again.goto(page.url());
    await finished(again);
    expect(await again.getAttribute('.verdict-badge', 'data-verdict')).toBe('metadata-only');
    expect(await again.getByLabel('A from a URL', { exact: true }).inputValue()).toBe(a);
    expect(errors).toEqual([]);
    await again.close();
    await page.close();
  });

  it('a server without CORS headers: the page says which URL and what the server must send', async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    const url = `${files.url}/nocors/${A_NAME}`;
    await page.getByLabel('A from a URL', { exact: true }).fill(url);
    await page.getByRole('button', { name: 'Open' }).click();
    const panel = page.locator('.remote-error');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.getAttribute('data-failure')).toBe('cors');
    expect(await panel.locator('.remote-url').textContent()).toBe(url);
    expect(await panel.locator('.remote-fixes').textContent()).toContain('Access-Control-Allow-Origin');
    expect(new URL(page.url()).searchParams.get('a')).toBe(url);
    await page.close();
  });
});
