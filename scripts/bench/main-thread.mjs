// How busy the page's main thread is while a comparison runs in its Workers:
// `node scripts/bench/main-thread.mjs DIST A B`. The built page in `DIST` (`npx vite build --outDir
// DIST`), both archives picked; CDP `Performance.getMetrics` (TaskDuration, ScriptDuration,
// LayoutDuration of the page's main thread) read when the preliminary verdict shows, when the
// final report shows (verification pending) and when every digest is verified; prints the
// differences and the wall time of each span. On 2 cores the main thread is a third busy thread
// beside the two job Workers. Not part of `npm run bench`; numbers drift on shared machines.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { startServer } from './page-driver.mjs';

const [dist, a, b] = process.argv.slice(2);
if (!b) throw new Error('usage: node scripts/bench/main-thread.mjs DIST A B');
const server = await startServer(dist);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(server.url, { waitUntil: 'networkidle' });
  const metrics = async () => ({ at: Date.now(), ...Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])) });
  await page.getByLabel('Archive A', { exact: true }).setInputFiles(a);
  await page.getByLabel('Archive B', { exact: true }).setInputFiles(b);
  await page.waitForSelector('.badge-preliminary', { timeout: 120_000 });
  const preliminary = await metrics();
  await page.waitForSelector('[data-verification="pending"]', { timeout: 300_000 });
  const final = await metrics();
  await page.waitForSelector('[data-verification="done"]', { timeout: 600_000 });
  const verified = await metrics();
  const span = (x, y) => ({
    wallMs: y.at - x.at,
    taskMs: Math.round((y.TaskDuration - x.TaskDuration) * 1000),
    scriptMs: Math.round((y.ScriptDuration - x.ScriptDuration) * 1000),
    layoutMs: Math.round((y.LayoutDuration - x.LayoutDuration) * 1000),
  });
  console.log('| span | wall ms | main-thread tasks ms | script ms | layout ms |\n|---|---:|---:|---:|---:|');
  for (const [name, s] of [
    ['preliminary → final (deep scan, final render)', span(preliminary, final)],
    ['final → verified (digest verification)', span(final, verified)],
  ])
    console.log(`| ${name} | ${s.wallMs} | ${s.taskMs} | ${s.scriptMs} | ${s.layoutMs} |`);
} finally {
  await browser.close();
  await server.close();
}
