// `npm run bench`: build the app, generate (or reuse) the data, drive the built page in
// headless Chromium, time the references on the same data, write docs/benchmarks.md.
// `npm run bench -- --quick`: the smoke version (tiny data, 1 run, no diffoscope, no
// debootstrap, no 4 GB pair) that tests/e2e/bench-smoke.test.ts runs inside `npm test`.
// Options: --quick, --runs N, --no-build, --out DIR, --skip-diffoscope, --skip-realistic,
// --skip-large, --skip-bomb, --only STEP[,STEP] (synthetic, realistic, large, bomb),
// --diffoscope-timeout SECONDS, --large-gb N, --bomb-gib N, --bomb-runs N (default 1), --dist DIR (build into and serve
// DIR instead of dist/), --ref COMMIT (build that commit, not the working tree; needs --dist).
// The doc is a set of marked sections (doc.mjs): this command rewrites the ones it measured
// ("bench" when any pair ran, "bomb" when the bomb ran) and keeps every other section as it is.
// Progress goes to stderr.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSystemDeps } from '../ensure-system-deps.mjs';
import { CACHE, ROOT, cached } from './cache.mjs';
import { makeDebootstrapPair, stampFor as debootstrapStamp, unavailableReason } from './data-debootstrap.mjs';
import { makeSyntheticPair, stampFor as syntheticStamp } from './data-synthetic.mjs';
import { runDiffoscope } from './diffoscope.mjs';
import { makeBombArchive, stampFor as bombStamp } from './data-bomb.mjs';
import { mergeDoc, renderSections } from './doc.mjs';
import { buildApp } from './build.mjs';
import { compareFindings } from './findings.mjs';
import { gzipSize, initialJs } from './js-size.mjs';
import { limits } from './limits.mjs';
import { buildTarwalk, runNative } from './native.mjs';
import { platformBounds, readPlan } from './platform.mjs';
import { sha256File } from './image-writer.mjs';
import { browserVersion, startServer } from './page-driver.mjs';
import { ensureBenchPackages, machine } from './system.mjs';
import { evaluateTargets } from './targets.mjs';
import { measureTarscope } from './tarscope-runs.mjs';

const argv = process.argv.slice(2);
const { values: o } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    'skip-diffoscope': { type: 'boolean', default: false },
    'skip-realistic': { type: 'boolean', default: false },
    'skip-large': { type: 'boolean', default: false },
    'diffoscope-timeout': { type: 'string', default: '1800' },
    'large-gb': { type: 'string', default: '4' },
    'skip-bomb': { type: 'boolean', default: false },
    'bomb-gib': { type: 'string' },
    'bomb-runs': { type: 'string', default: '1' },
    only: { type: 'string' },
    dist: { type: 'string' },
    ref: { type: 'string' },
  },
});
const QUICK = o.quick;
const RUNS = Number(o.runs ?? (QUICK ? 1 : 3));
const DIST = o.dist ? resolve(o.dist) : join(ROOT, 'dist');
const OUT = o.out ?? join(ROOT, QUICK ? 'tests/.out/bench-quick' : 'tests/.out/bench');
const DOC = o.out || QUICK ? join(OUT, 'benchmarks.md') : join(ROOT, 'docs/benchmarks.md');
const STEPS = ['synthetic', 'realistic', 'large', 'bomb'];
const ONLY = o.only ? o.only.split(',') : null;
for (const x of ONLY ?? []) if (!STEPS.includes(x)) throw new Error(`--only: unknown step ${x} (${STEPS.join(', ')})`);
const wanted = (step) => !ONLY || ONLY.includes(step);
/** Time a page run may take before it counts as hung: 60 s + 50 ms per MB of input (20 MB/s). */
const pageTimeout = (paths) => (QUICK ? 40_000 : Math.round(60_000 + paths.reduce((n, p) => n + statSync(p).size, 0) / 20e3));
const t0 = performance.now();
/** Set by the first pair whose comparison fails: later pairs then go straight to inspecting A. */
let compareFailed = null;
const IDLE = QUICK ? { settleMs: 300, samples: 3 } : { settleMs: 1000, samples: 10 };
async function tarscope(url, files, extra) {
  const ts = await measureTarscope(url, files, {
    runs: RUNS,
    timeoutMs: pageTimeout(files),
    stallMs: QUICK ? 20_000 : 60_000,
    compareFailed,
    idle: IDLE,
    log,
    ...extra,
  });
  compareFailed ??= ts.compareFailure;
  return ts;
}
const log = (...a) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);

/** Strips what is too big for figures.json (the report itself). */
const lean = (ts) => {
  if (!ts) return ts;
  const { report, ...rest } = ts;
  return { ...rest, scanned: { ...rest.scanned, digests: undefined } };
};

async function syntheticPair(url, tarwalk, notes) {
  const totalBytes = QUICK ? 3e6 : 1e9;
  const dir = join(CACHE, QUICK ? 'quick-synthetic' : 'synthetic-1g');
  const variants = ['none', 'gzip', 'zstd'];
  const data = await cached(dir, syntheticStamp(totalBytes, variants), (d) => makeSyntheticPair(d, { totalBytes, variants, log }), log);
  const result = { available: true, data: { ...data, layers: undefined, blobs: undefined }, variants: {}, tarwalk };
  for (const alg of variants) {
    const a = data.archives[alg];
    log(`pair (2) ${alg}: ${a.a.path} vs ${a.b.path}`);
    const ts = await tarscope(url, [a.a.path, a.b.path], { blobsByDigest: data.blobs });
    if (!ts.report) {
      // No run finished: run the native side on the layers the page was asked to scan.
      const layers = ts.mode === 'compare' ? [...a.a.layers, ...a.b.layers] : a.a.layers;
      ts.scanned = {
        rule: 'no run finished: the layers the page was given',
        layers: layers.length,
        digests: layers.map((l) => ({ digest: l.digest, uncompressedSize: data.blobs[l.digest].uncompressedSize })),
      };
      ts.bytes = ts.scanned.digests.reduce((n, d) => n + d.uncompressedSize, 0);
    }
    const blobs = ts.scanned.digests.map((d) => data.blobs[d.digest]).filter(Boolean);
    if (blobs.length !== ts.scanned.digests.length)
      notes.push(`pair (2) ${alg}: ${ts.scanned.digests.length - blobs.length} scanned digests are not in the generated pool`);
    const native = blobs.length ? await runNative(blobs, { tarwalk: tarwalk.error ? null : tarwalk, runs: RUNS, log }) : null;
    // Chromium alone: the blobs the comparison must read — those whose digest is on one side
    // only (the generator's differing layers; a digest both sides name is the same bytes) — by
    // every read method and through the decoder alone; and every layer blob of A and of B, as
    // the background verification hashes them.
    const hex = (d) => d.replace(/^sha256:/, '');
    const layers = [...a.a.layers, ...a.b.layers];
    const inA = new Set(a.a.layers.map((l) => l.digest));
    const inB = new Set(a.b.layers.map((l) => l.digest));
    const blob = (l) => ({ ...data.blobs[l.digest], sha256: hex(l.digest), diffId: hex(l.diffId) });
    const mustRead = layers.filter((l) => !(inA.has(l.digest) && inB.has(l.digest))).map(blob);
    const all = layers.map(blob);
    const platform = mustRead.length
      ? await platformBounds({ scan: mustRead, all }, [...readPlan('scan', alg), ['all', 'verify'], ['all', 'sha256-mem']], {
          workers: machine().nproc,
          runs: RUNS,
          dist: DIST,
          shaMiB: QUICK ? 1 : 16,
          log,
        })
      : null;
    result.variants[alg] = { tarscope: lean(ts), native, platform };
    if (!result.initialJs) result.initialJs = ts.initialJs;
  }
  return result;
}

async function realisticPair(url, notes) {
  if (QUICK) return { available: false, note: 'Skipped in --quick mode.' };
  if (o['skip-realistic']) return { available: false, note: 'Skipped (--skip-realistic).' };
  const why = unavailableReason();
  if (why) return { available: false, note: `Skipped: ${why}.` };
  let data;
  try {
    data = await cached(join(CACHE, 'debootstrap'), debootstrapStamp(), (d) => makeDebootstrapPair(d, { log }), log);
  } catch (e) {
    // Documented fallback would be rootfs trees from installed packages' files (dpkg -L);
    // not needed where the mirror answers, so the pair is reported as missing instead.
    return { available: false, note: `Skipped: debootstrap failed (${String(e.message).split('\n').slice(0, 3).join(' ')}).` };
  }
  const { a, b } = data.archives;
  const ts = await tarscope(url, [a.path, b.path]);
  let ds = { available: false, note: 'skipped (--skip-diffoscope)' };
  if (!o['skip-diffoscope']) {
    mkdirSync(OUT, { recursive: true });
    ds = await runDiffoscope(a.path, b.path, { runs: RUNS, timeoutMs: Number(o['diffoscope-timeout']) * 1000, jsonOut: join(OUT, 'diffoscope.json'), log });
  }
  const findings = compareFindings(ts.report, ds.findings);
  // Every layer differs here, so the page must read both archives whole: Chromium reading them
  // and nothing else bounds how fast any page can explain this pair (and hashing them, how fast
  // it can verify their digests).
  const archives = [];
  for (const path of [a.path, b.path]) {
    const size = statSync(path).size;
    archives.push({ path, compression: 'none', size, uncompressedSize: size, sha256: (await sha256File(path)).replace(/^sha256:/, '') });
  }
  const platform = await platformBounds({ archives }, [...readPlan('archives', 'none'), ['archives', 'verify'], ['archives', 'sha256-mem']], {
    workers: machine().nproc,
    runs: RUNS,
    dist: DIST,
    log,
  });
  if (ds.findings)
    ds.findings = {
      ...ds.findings,
      metadataPaths: ds.findings.metadataPaths.length > 200 ? ds.findings.metadataPaths.slice(0, 200) : ds.findings.metadataPaths,
    };
  return { available: true, data, tarscope: lean(ts), diffoscope: ds, findings, platform };
}

async function largePair(url, notes) {
  if (QUICK) return { available: false, note: 'Skipped in --quick mode.' };
  if (o['skip-large']) return { available: false, note: 'Skipped (--skip-large).' };
  const gb = Number(o['large-gb']);
  const base = tmpdir();
  const fs = statfsSync(base);
  const free = fs.bavail * fs.bsize;
  const need = gb * 1e9 * 3.5; // layer tars (A ∪ B) + two archives, with margin
  if (free < need) return { available: false, note: `Skipped: ${(free / 1e9).toFixed(0)} GB free in ${base}, ${(need / 1e9).toFixed(0)} GB needed.` };
  const dir = mkdtempSync(join(base, 'tarscope-bench-4g-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(`pair (3): generating 2 × ${gb} GB in ${dir}`);
    const data = await makeSyntheticPair(dir, { totalBytes: gb * 1e9, variants: ['none'], log });
    const { a, b } = data.archives.none;
    const ts = await tarscope(url, [a.path, b.path], { blobsByDigest: data.blobs });
    return { available: true, data: { ...data, layers: undefined, blobs: undefined }, tarscope: lean(ts) };
  } finally {
    cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    log(`pair (3): removed ${dir}`);
  }
}

/** Issue 12: the page inspecting an archive whose gzip layer inflates to 4 GiB of zeros. */
async function bomb(url) {
  if (o['skip-bomb']) return { available: false, note: 'Skipped (--skip-bomb).' };
  const bytes = Math.round(Number(o['bomb-gib'] ?? (QUICK ? 1 / 16 : 4)) * 2 ** 30);
  const data = await cached(join(CACHE, `bomb-${bytes}`), bombStamp(bytes), (d) => makeBombArchive(d, { bytes, log }), log);
  log(`bomb: ${data.path} (${data.size} bytes, a layer of ${bytes} bytes of zeros)`);
  // The time limit follows the bytes the page inflates and hashes, not the file's size; no stall
  // limit below it: the progress counts compressed bytes, so the page shows 100 % and changes
  // nothing while it inflates the rest (~1000× more).
  const timeoutMs = QUICK ? 40_000 : Math.round(60_000 + data.layer.uncompressedSize / 10e3);
  // One run by default (--bomb-runs): the figure is a memory peak, and a run takes ~1–2 min.
  const ts = await tarscope(url, [data.path], { timeoutMs, stallMs: timeoutMs, runs: Number(o['bomb-runs']) });
  return { available: true, data, tarscope: lean(ts) };
}

async function main() {
  const notes = [];
  if (!QUICK) notes.push(...ensureBenchPackages({ withDiffoscope: wanted('realistic') && !o['skip-diffoscope'], log }));
  ensureSystemDeps({ quiet: QUICK });
  if (o.ref && !o.dist) throw new Error('--ref needs --dist DIR (dist/ belongs to the working tree)');
  let built = { commit: null, source: 'dist/ as it was (--no-build)' };
  if (!o['no-build']) {
    log(`vite build${o.ref ? ` of ${o.ref}` : ''} into ${DIST}`);
    built = buildApp(DIST, { ref: o.ref });
  }
  const staticJs = initialJs(DIST);
  const m = { ...machine(), commit: built.commit, build: built.source };
  const chromium = await browserVersion();
  log(`${m.nproc} × ${m.cpu}, Chromium ${chromium}, Node ${m.node}`);
  const tarwalk = buildTarwalk(join(CACHE, 'bin'));
  if (tarwalk.error) notes.push(`native walker unavailable: ${tarwalk.error}`);
  const server = await startServer(o.dist ? DIST : undefined);
  const pairs = {};
  try {
    const skipped = { available: false, note: `Not run (--only ${o.only}).` };
    pairs.synthetic = wanted('synthetic') ? await syntheticPair(server.url, tarwalk, notes) : skipped;
    pairs.realistic = wanted('realistic') ? await realisticPair(server.url, notes) : skipped;
    pairs.large = wanted('large') ? await largePair(server.url, notes) : skipped;
    pairs.bomb = wanted('bomb') ? await bomb(server.url) : skipped;
  } finally {
    await server.close();
  }
  const observedFiles = pairs.synthetic.initialJs ?? pairs.realistic.tarscope?.initialJs ?? pairs.large.tarscope?.initialJs ?? [];
  const f = {
    schema: 1,
    quick: QUICK,
    createdAt: new Date().toISOString(),
    command: `npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}`,
    runs: RUNS,
    machine: m,
    chromium,
    notes,
    jsSize: { static: staticJs, observed: observedFiles.length ? gzipSize(DIST, observedFiles) : null },
    pairs,
    elapsedMs: null,
  };
  delete pairs.synthetic.initialJs;
  f.targets = evaluateTargets(f);
  f.limits = limits(f, f.targets);
  f.elapsedMs = Math.round(performance.now() - t0);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'figures.json'), JSON.stringify(f, null, 2));
  mkdirSync(join(DOC, '..'), { recursive: true });
  // Only the sections this run measured are replaced; the others (other commands', hand-written) stay.
  const sections = renderSections(f, { bench: STEPS.slice(0, 3).some(wanted), bomb: wanted('bomb') && pairs.bomb.available });
  writeFileSync(DOC, mergeDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : null, sections));
  log(`wrote ${Object.keys(sections).join(', ')} of ${DOC}, and ${join(OUT, 'figures.json')}`);
  for (const t of f.targets) log(`${t.status.padEnd(18)} ${t.title}: ${t.value ?? '–'} (limit ${t.limit})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
