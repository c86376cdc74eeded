/**
 * End to end (issue 12 point 7): the built page ships a Content-Security-Policy
 * (scripts/csp.mjs, a <meta> in dist/index.html) and works under it in Chromium: two archives
 * compared (Workers, wasm), the service worker registered, `?a=&b=` from another origin; no
 * `securitypolicyviolation` fires. And it protects: an inline script injected into the page
 * does not run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBuiltSite, type BuiltSite } from '../support/built-site';
import { imageFixtures, type ImageFixture } from '../fixtures/images';
import { startServer, type TestServer } from '../unit/remote/server';
import { ROOT } from '../support/tools';
import { CSP } from '../../scripts/csp.mjs';

const A_NAME = 'umoci-oci-layout.tar';
const B_NAME = 'umoci-oci-layout-mtime-b.tar';

let site: BuiltSite;
let files: TestServer;
let fx: Record<string, ImageFixture>;

beforeAll(async () => {
  fx = await imageFixtures();
  site = await startBuiltSite();
  files = await startServer({ files: { [A_NAME]: readFileSync(fx[A_NAME].path), [B_NAME]: readFileSync(fx[B_NAME].path) } });
}, 300_000);

afterAll(async () => {
  await site?.close();
  await files?.close();
});

interface Watched {
  page: Page;
  errors: string[];
}

/** A new page recording every CSP violation (installed before any of the page's scripts). */
async function open(url: string): Promise<Watched> {
  const page = await site.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto(url);
  return { page, errors };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
const finished = (page: Page) =>
  page.waitForFunction(() => /^(Finished|Cancelled)/.test(document.querySelector('.run-status')?.textContent ?? ''), null, { timeout: 60_000 });

describe('Content-Security-Policy of the built page', () => {
  it('is in dist/index.html, before any script, and the page has no inline script', () => {
    const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.indexOf('<script'));
    const content = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replaceAll('&#39;', "'");
    expect(content).toBe(CSP);
    for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
      expect(m[0]).toMatch(/\ssrc=/);
      expect(m[1].trim()).toBe('');
    }
    expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CSP).not.toContain('unsafe-inline');
  });

  it('compares two archives (Workers, wasm), registers the service worker: no violation', async () => {
    const { page, errors } = await open(site.baseUrl);
    await page.getByLabel('Archive A', { exact: true }).setInputFiles({ name: A_NAME, mimeType: 'application/x-tar', buffer: readFileSync(fx[A_NAME].path) });
    await page.getByLabel('Archive B', { exact: true }).setInputFiles({ name: B_NAME, mimeType: 'application/x-tar', buffer: readFileSync(fx[B_NAME].path) });
    await finished(page);
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(await page.getAttribute('.verdict-badge', 'data-verdict')).toBe('metadata-only');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.active))).toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('?a=&b= on another origin still works under connect-src: no violation', async () => {
    const a = `${files.url}/range/${A_NAME}`;
    const b = `${files.url}/range/${B_NAME}`;
    expect(new URL(files.url).origin).not.toBe(new URL(site.baseUrl).origin);
    const { page, errors } = await open(`${site.baseUrl}?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
    await finished(page);
    expect(await page.getAttribute('.verdict-badge', 'data-verdict')).toBe('metadata-only');
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('blocks an injected inline script (and an inline event handler)', async () => {
    const { page } = await open(site.baseUrl);
    await page.getByLabel('Archive B', { exact: true }).waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      const img = document.createElement('div');
      img.innerHTML = '<img src="data:," onerror="window.handler = true">';
      document.body.append(img);
    });
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length >= 2);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { handler?: boolean }).handler)).toBeUndefined();
    const v = await violations(page);
    expect(v.some((x) => x.startsWith('script-src-elem inline'))).toBe(true);
    expect(v.some((x) => x.startsWith('script-src-attr inline') || x.startsWith('img-src'))).toBe(true);
    await page.close();
  });
});
