// Where does a deep scan spend its time? `node scripts/profile-scan.mjs [--runs N] [--only REGEX] [--node|--chromium]`
// Builds a ~190 MB GNU tar of /usr/include + /usr/lib/python3.11 and its gzip -6 (cached in
// /tmp/tarscope-profile), then times the stages of scripts/profile-scan-stages.ts in Node
// (vite's SSR loader, the TypeScript sources as they are) and in headless Chromium (a module
// Worker on the vite dev server). Prints a Markdown table per runtime. Not a test: numbers
// drift on shared machines, compare rows of one run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, createReadStream, openAsBlob } from 'node:fs';
import { profileServer } from './profile-server.mjs';
import { chromium } from 'playwright-core';
import { chromiumPath, chromiumArgs } from './chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('--runs', '3'));
const only = opt('--only', undefined);
const doNode = !args.includes('--chromium');
const doChromium = !args.includes('--node');

const DIR = '/tmp/tarscope-profile';
const TAR = `${DIR}/usr.tar`;
const GZ = `${DIR}/usr.tar.gz`;
mkdirSync(DIR, { recursive: true });
if (!existsSync(GZ)) {
  const dirs = ['usr/include', 'usr/lib/python3.11'].filter((d) => existsSync('/' + d));
  execFileSync('tar', ['--format=gnu', '-cf', TAR, '-C', '/', ...dirs]);
  execFileSync('sh', ['-c', `gzip -6 -n -c '${TAR}' > '${GZ}.tmp' && mv '${GZ}.tmp' '${GZ}'`]);
}
const size = statSync(TAR).size;
console.log(`data: ${TAR} ${(size / 1e6).toFixed(1)} MB, gzip -6 ${(statSync(GZ).size / 1e6).toFixed(1)} MB; runs ${runs} (medians)`);

function table(title, rows) {
  const cpu = rows.some((r) => r.cpu !== undefined);
  console.log(`\n### ${title}\n\n| stage | median ms | min ms | MB/s (min) |${cpu ? ' CPU ms (median) |' : ''}\n|---|---:|---:|---:|${cpu ? '---:|' : ''}`);
  for (const r of rows) console.log(`| ${r.stage}${r.note ? ` (${r.note})` : ''} | ${r.ms} | ${r.min} | ${r.mbps} |${cpu ? ` ${r.cpu} |` : ''}`);
}

const server = await profileServer('profile-data', (req, res) => {
  if (req.url === '/__profile.html') {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>profile</title>');
    return true;
  }
  const m = /^\/__profile\/(usr\.tar(?:\.gz)?)$/.exec(req.url ?? '');
  if (!m) return false;
  const path = `${DIR}/${m[1]}`;
  res.setHeader('content-type', 'application/octet-stream');
  res.setHeader('content-length', statSync(path).size);
  createReadStream(path).pipe(res);
  return true;
});
try {
  if (doNode) {
    const mod = await server.ssrLoadModule('/scripts/profile-scan-stages.ts');
    const k = await server.ssrLoadModule('/scripts/profile-scan-kernel.ts');
    const tar = await openAsBlob(TAR);
    const gz = await openAsBlob(GZ);
    const rows = await mod.profile(tar, gz, runs, await k.kernelStages(), only ? new RegExp(only) : undefined);
    table(`Node ${process.version}`, rows);
  }
  if (doChromium) {
    await server.listen();
    const url = server.resolvedUrls.local[0];
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
    try {
      const page = await browser.newPage();
      page.on('console', (m) => console.error('[page]', m.text()));
      page.on('requestfailed', (r) => console.error('[page] request failed', r.url()));
      page.on('response', (r) => r.status() >= 400 && console.error('[page] HTTP', r.status(), r.url()));
      await page.goto(new URL('/__profile.html', url).href);
      const out = await page.evaluate(
        ({ runs, only }) =>
          new Promise((resolve) => {
            const w = new Worker('/scripts/profile-scan-worker.ts', { type: 'module' });
            w.onmessage = (e) => resolve(e.data);
            w.onerror = (e) => resolve({ error: e.message || 'worker failed to load' });
            w.postMessage({ runs, only });
            // A Worker that dies (out of memory) posts nothing: do not wait forever.
            setTimeout(() => resolve({ error: 'no answer from the profile Worker within 10 minutes (crashed?)' }), 600_000);
          }),
        { runs, only },
      );
      if (out.error) throw new Error(out.error);
      table(`Chromium ${browser.version()} (module Worker, in-memory Blob)`, out.rows);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
