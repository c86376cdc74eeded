// Drives the built page the way a person does: open it, pick the archive(s) through the
// file inputs ("Archive A", and "Archive B" when the page has it), wait for the report.
// Times are taken in the page's own clock (performance.now()) by a MutationObserver
// installed before the files are picked, so CDP round trips are not counted:
//   origin      the `change` event of the last file input picked (inspect: "Archive A";
//               compare: "Archive B", picked right after A — the comparison can start)
//   structure   the progress title turns to "Scanning layers" (structure read, deep scan begins)
//   preliminary the comparison's verdict is first on screen (see PRELIMINARY below)
//   final       "Export JSON" is enabled, no progress panel and nothing marked preliminary
//               (.is-preliminary, or data-phase other than "final") is left on the page
// Files are given to Chromium as paths (local browser): they stay File-backed Blobs on disk,
// exactly as when a person picks them.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { idle, startSampler } from './chromium-memory.mjs';
import { ROOT } from './cache.mjs';

/**
 * DOM signals for "the preliminary verdict is on screen", most specific first. `data-phase`
 * ("preliminary" | "final") on the verdict panel is the hook this harness asks the UI for
 * (scripts/bench/README.md); until it exists, the verdict badge's data-verdict. The last one
 * keeps working with plain class names, but never takes the inspector's integrity verdict.
 */
const PRELIMINARY = [
  ['[data-phase]', 'data-phase attribute'],
  ['[data-verdict]', 'data-verdict attribute (the verdict badge)'],
  ['.verdict-panel', '.verdict-panel'],
  ['[class*="verdict"]:not(.integrity *):not(.integrity)', 'an element with a "verdict" class outside the integrity panel'],
];

/** `vite preview` of the build in `outDir` (dist/ by default) on a free port. */
export async function startServer(outDir) {
  const { preview } = await import('vite');
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: outDir ? { outDir } : undefined,
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { port } = server.httpServer.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

export async function browserVersion() {
  const browser = await launch();
  const v = browser.version();
  await browser.close();
  return v;
}

async function launch() {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/ensure-system-deps.mjs` or set CHROMIUM');
  return chromium.launch({ executablePath, args: chromiumArgs });
}

/** Installed in the page before any file is picked; records the times in window.__bench. */
function observe([preliminary, expectedPicks]) {
  const b = (window.__bench = {
    t0: null,
    tLast: null,
    picks: 0,
    structure: null,
    prelim: null,
    prelimSignal: null,
    prelimText: null,
    final: null,
    verified: null,
    lastChange: 0,
  });
  const now = () => performance.now();
  document.addEventListener(
    'change',
    (e) => {
      if (!(e.target instanceof HTMLInputElement && e.target.type === 'file')) return;
      b.tLast = now();
      if (b.t0 == null) b.t0 = b.tLast;
      b.picks++;
    },
    true,
  );
  const check = () => {
    if (b.picks < expectedPicks) return;
    const t = now();
    b.lastChange = t;
    if (b.structure == null && /^Scanning layers/.test(document.querySelector('.progress-title')?.textContent ?? '')) b.structure = t;
    if (b.prelim == null) {
      for (const [sel, name] of preliminary) {
        const el = document.querySelector(sel);
        if (el) {
          b.prelim = t;
          b.prelimSignal = name;
          b.prelimText = (el.getAttribute('data-verdict') ?? '') + ' ' + (el.textContent ?? '').slice(0, 160);
          break;
        }
      }
    }
    if (b.final == null) {
      const btn = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Export JSON');
      const phased = document.querySelector('[data-phase]');
      const pending = document.querySelector('section.progress, .is-preliminary') || (phased && phased.getAttribute('data-phase') !== 'final');
      if (btn && !btn.disabled && !pending && b.picks >= expectedPicks) {
        b.final = t;
      }
    }
    // A comparison verifies blob digests after its final report (data-verification on the
    // verdict panel: pending → done); an inspection has nothing to wait for.
    if (b.final != null && b.verified == null) {
      const v = document.querySelector('[data-verification]');
      if (!v || v.getAttribute('data-verification') !== 'pending') b.verified = t;
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}

/**
 * One run in a fresh browser. files: [pathA, pathB]. When the page has no "Archive B"
 * input, only A is picked (mode 'inspect').
 * idle: how long to let the page settle and how many samples make the idle baseline.
 * A run fails when the page changes nothing for stallMs (hung) or exceeds timeoutMs.
 * Returns { mode, times: { structure, preliminary, final, verified } (ms after the origin;
 * verified: the digest verification after a comparison's final report ended), signal, memory,
 * report (when exportReport), initialJs (paths of the page's JS requested before its first
 * contentful paint), errors }.
 */
export async function pageRun(
  url,
  files,
  { memory = false, exportReport = true, timeoutMs = 600_000, stallMs = 60_000, idle: idleOpts = { settleMs: 1000, samples: 10 } } = {},
) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = [];
    const js = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url, { waitUntil: 'networkidle' });
    const inputA = page.getByLabel('Archive A', { exact: true });
    await inputA.waitFor({ state: 'attached' });
    const inputB = page.getByLabel('Archive B', { exact: true });
    const mode = files.length > 1 && (await inputB.count()) > 0 ? 'compare' : 'inspect';
    await page.evaluate(observe, [PRELIMINARY, mode === 'compare' ? 2 : 1]);

    let idleMem = null;
    let sampler = null;
    if (memory) {
      await page.waitForTimeout(idleOpts.settleMs);
      idleMem = await idle(process.pid, idleOpts.samples);
      sampler = startSampler();
    }
    // Initial JS: what the page fetched to show itself — its own JS requests that started before
    // its first contentful paint (the app paints nothing before its JS runs). What the engine's
    // warm-up fetches later, in idle time (src/ui/warm.ts), is not initial: issue 14 allows it.
    js.push(
      ...(await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.POSITIVE_INFINITY;
        return performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.endsWith('.js') && e.startTime <= fcp)
          .map((e) => new URL(e.name).pathname.replace(/^\//, ''));
      })),
    );
    // Both files as fast as CDP allows: the run starts at the first `change` in the page.
    await inputA.setInputFiles(files[0]);
    if (mode === 'compare') await inputB.setInputFiles(files[1]);
    try {
      // Done, or stalled: the page changed nothing for stallMs (the progress text changes with
      // every progress event while the engine works).
      await page.waitForFunction(
        (stall) => window.__bench.verified != null || (window.__bench.lastChange > 0 && performance.now() - window.__bench.lastChange > stall),
        stallMs,
        { timeout: timeoutMs, polling: 250 },
      );
      if ((await page.evaluate(() => window.__bench.verified)) == null) throw new Error(`stalled: nothing on the page changed for ${stallMs / 1000} s`);
    } catch (e) {
      sampler?.stop();
      const state = await page
        .evaluate(() => ({
          bench: window.__bench,
          status: document.querySelector('.run-status')?.textContent,
          progress: document.querySelector('section.progress')?.textContent?.slice(0, 300) ?? null,
          exportDisabled: [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Export JSON')?.disabled,
          alerts: [...document.querySelectorAll('[role=alert]')].map((x) => x.textContent?.slice(0, 200)),
        }))
        .catch((x) => String(x));
      const why = /stalled/.test(String(e?.message))
        ? `the page stalled (nothing changed for ${stallMs / 1000} s)`
        : `the page did not finish within ${timeoutMs / 1000} s`;
      throw new Error(`${why}: ${JSON.stringify(state)}; page errors: ${errors.join(' | ') || 'none'}`);
    }
    const mem = sampler ? sampler.stop() : null;
    const b = await page.evaluate(() => window.__bench);
    // Compare: from the second pick (when the comparison can start; the first pick's
    // inspection of A is abandoned a few ms later). Inspect: from the pick.
    const origin = mode === 'compare' ? b.tLast : b.t0;
    const rel = (t) => (t == null ? null : t - origin);
    const result = {
      mode,
      times: { structure: rel(b.structure), preliminary: rel(b.prelim), final: rel(b.final), verified: rel(b.verified) },
      signal: b.prelimSignal,
      verdictText: b.prelimText,
      status: await page.textContent('.run-status').catch(() => null),
      memory: mem && {
        idleRss: idleMem.rss,
        idlePss: idleMem.pss,
        peakRss: mem.peakRss,
        peakPss: mem.peakPss,
        deltaRss: mem.peakRss - idleMem.rss,
        deltaPss: mem.peakPss - idleMem.pss,
        peakByType: mem.peakSample.byType,
        processes: mem.peakSample.n,
        samples: mem.samples,
        sampleCostMs: mem.sampleCostMs,
      },
      initialJs: js,
      errors,
      report: null,
    };
    if (exportReport) {
      const button = page.getByRole('button', { name: 'Export JSON' });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button.click()]);
      result.report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    }
    await context.close();
    return result;
  } finally {
    await browser.close();
  }
}
