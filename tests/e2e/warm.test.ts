/**
 * Issue 14: the built page warms its engine while idle, on a capable device only. With 2 cores
 * (navigator.hardwareConcurrency as the page reads it; this machine's count) the coordinator
 * Worker, both job Workers, the tarhash wasm and zstd-wasm are fetched after the first paint without any archive
 * picked, and a comparison then runs on them; with 1 core nothing of the engine is fetched while
 * the page sits idle.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { finished, manyFiles, pick, siteForFile, status } from '../support/page-load';

const { site, dir: TMP } = siteForFile('tarscope-warm-');

async function open(cores: number): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  // No service worker: its precache would fetch every asset, the engine's too.
  const context = await site().browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  // Requests of the page and of its Workers, nested ones included.
  context.on('request', (r) => {
    requests.push(new URL(r.url()).pathname);
    if (/coordinator\.worker/.test(r.url())) times.coordinator = Date.now();
  });
  context.on('requestfinished', (r) => /tarhash.*\.wasm/.test(r.url()) && (times.wasm = Date.now()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
  await page.goto(site().baseUrl);
  await page.getByLabel('Archive B', { exact: true }).waitFor({ state: 'attached' });
  return { page, requests, errors };
}

/** When the coordinator was requested and the kernel's wasm received (Date.now()). */
const times = { coordinator: 0, wasm: 0 };

const engineFiles = (requests: string[]) => requests.filter((p) => /coordinator\.worker|engine\.worker|tarhash.*\.wasm|\/zstd-[\w-]+\.js$/.test(p));

describe('warming the engine while the page is idle', () => {
  it('2 cores: coordinator, both job Workers and wasm fetched after the first paint, before any archive; a comparison then runs on them', async () => {
    const { page, requests, errors } = await open(2);
    const count = (re: RegExp) => requests.filter((p) => re.test(p)).length;
    const t0 = Date.now();
    while (
      (count(/coordinator\.worker/) < 1 || count(/engine\.worker/) < 2 || count(/tarhash.*\.wasm/) < 1 || count(/\/zstd-[\w-]+\.js$/) < 1) &&
      Date.now() - t0 < 20_000
    )
      await page.waitForTimeout(100);
    // zstd-wasm too (its module, the wasm inlined): every listing awaits the decoders before its
    // first byte, and loading them on the first pick cost the structure read 30–40 ms.
    const names = engineFiles(requests).map((p) => /coordinator\.worker|engine\.worker|tarhash|zstd/.exec(p)?.[0]);
    expect([...new Set(names)].sort()).toEqual(['coordinator.worker', 'engine.worker', 'tarhash', 'zstd']);
    // one job Worker per core (the comparison's first step reads both archives at once)
    expect(count(/engine\.worker/)).toBe(2);
    if (times.wasm && times.coordinator)
      console.log(`warming: the kernel's wasm received ${times.wasm - times.coordinator} ms after the coordinator was requested`);
    // The page fetched the coordinator after it had painted.
    const [paint, fetched] = await page.evaluate(() => [
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.POSITIVE_INFINITY,
      performance.getEntriesByType('resource').find((e) => /coordinator\.worker/.test(e.name))?.startTime ?? -1,
    ]);
    expect(fetched).toBeGreaterThan(paint);
    // Longer than the pool's idle timer (1 s), as a person takes to pick files.
    await page.waitForTimeout(1500);
    await pick(page, TMP, { name: 'warm-a.tar', buffer: manyFiles(50, 'a') }, { name: 'warm-b.tar', buffer: manyFiles(50, 'b') });
    await finished(page);
    expect(await status(page)).toBe('Finished');
    expect(await page.getAttribute('.verdict-badge', 'data-verdict')).toBe('content-differs');
    // Still one coordinator: the comparison used the warmed one. The warmed job Workers waited for
    // it (the page's 1 s idle timer ends only Workers that ran a job): none started for it.
    expect(requests.filter((p) => /coordinator\.worker/.test(p))).toHaveLength(1);
    expect(count(/engine\.worker/)).toBe(2);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('1 core: nothing of the engine is fetched while the page is idle', async () => {
    const { page, requests, errors } = await open(1);
    await page.waitForTimeout(3000);
    expect(engineFiles(requests)).toEqual([]);
    expect(requests.some((p) => /\/browser-[\w-]+\.js$/.test(p))).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
