// One comparison in a build's page under a Chrome trace, for the dev tools thread-busy.mjs and
// cpu-profile.mjs: the page served from `dist`, the engine warmed while it sits idle, the trace
// started, A then B picked (as the bench does), a user-timing mark 'picked' after the second pick
// and 'final' when the final report shows. Returns the trace's events and the name of each
// thread ("pid:tid" → "CrRendererMain", "DedicatedWorker thread").
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { startServer } from './page-driver.mjs';

export async function traceComparison(dist, a, b, categories) {
  const out = `/tmp/tarscope-trace-${process.pid}.json`;
  const server = await startServer(dist);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500); // the engine warms while the page is idle
    await browser.startTracing(page, { path: out, categories: [...categories, 'blink.user_timing'] });
    await page.getByLabel('Archive A', { exact: true }).setInputFiles(a);
    await page.getByLabel('Archive B', { exact: true }).setInputFiles(b);
    await page.evaluate(() => performance.mark('picked'));
    await page.waitForSelector('[data-verification]', { timeout: 300_000 });
    await page.evaluate(() => performance.mark('final'));
    await browser.stopTracing();
  } finally {
    await browser.close();
    await server.close?.();
  }
  const events = JSON.parse(readFileSync(out, 'utf8')).traceEvents;
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  return { events, threads };
}
