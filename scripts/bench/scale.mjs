// Scale benchmark (issue 12): the CLI on archives built to stress one count at a time — layers
// (one layer listed N times in manifest.json), files (one layer of N files; B: every mtime
// moved), hardlinks (one file and N hardlinks to it; B: every mtime moved) and directory depth
// (one file N directories deep) — at two sizes each, 10× apart. Time should grow ~10× (linear),
// not 100× (quadratic). Each run is `/usr/bin/time -v node bin/tarscope.mjs …`: wall time and
// maximum RSS of the CLI process (worker threads included: they are threads of it).
// Writes the "Scale" section of docs/benchmarks.md (between its markers) and prints it.
//
//   node scripts/bench/scale.mjs            # 10k and 100k
//   node scripts/bench/scale.mjs --quick    # 1k and 10k, prints only
//   node scripts/bench/scale.mjs --only files --sizes 100000   # one case, prints only
//   node scripts/bench/scale.mjs --only files --sizes 100000 --runs 3 --cli /tmp/x/tarscope.mjs
//     # three runs of each command (the table gives min–max), with another CLI entry than
//     # bin/tarscope.mjs: a build in another --outDir, so dist-cli/ stays as it is
//   node scripts/bench/scale.mjs --only files --sizes 100000 --page
//     # also the built page on the same pair: seconds to the verified report, memory peak − idle
//     # (--dist DIR: the page built in DIR instead of dist/, to compare two builds)
//
// The archives are generated into a temporary folder (never committed) and removed after.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeDoc } from './doc.mjs';
import { pageRun, startServer } from './page-driver.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = arg('--only'); // one case: layers | files | hardlinks | depth
const sizes = arg('--sizes'); // e.g. 100000 or 1000,10000
const runs = Number(arg('--runs') ?? 1);
const CLI = arg('--cli') ?? join(ROOT, 'bin/tarscope.mjs');
// --page: also the built page (dist/, `npm run build` first) comparing each pair in a fresh
// Chromium: time to the verified report and the browser's peak memory above idle (every process,
// chromium-memory.mjs), issue 12's page budget of +400 MB. Prints only, like --only.
const PAGE = process.argv.includes('--page');
// --quick, --only, --sizes, --runs and --cli print the section without writing the doc
const quick = process.argv.includes('--quick') || PAGE || only !== undefined || sizes !== undefined || runs !== 1 || arg('--cli') !== undefined;
const SIZES = sizes ? sizes.split(',').map(Number) : process.argv.includes('--quick') ? [1_000, 10_000] : [10_000, 100_000];

// ---- a minimal ustar writer (pax 'x' records for names over 100 bytes) ----------------------
function octal(n, len) {
  return `${n.toString(8).padStart(len - 1, '0')}\0`;
}
function header(name, size, type = '0', linkname = '', mtime = 0) {
  const b = Buffer.alloc(512);
  b.write(name.slice(0, 100), 0, 'utf8');
  b.write(octal(type === '5' ? 0o755 : 0o644, 8), 100);
  b.write(octal(0, 8), 108);
  b.write(octal(0, 8), 116);
  b.write(octal(size, 12), 124);
  b.write(octal(mtime, 12), 136);
  b.write('        ', 148);
  b.write(type, 156);
  b.write(linkname.slice(0, 100), 157, 'utf8');
  b.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return b;
}
function pad(data) {
  const n = Math.ceil(data.length / 512) * 512;
  const out = Buffer.alloc(n);
  data.copy(out);
  return out;
}
function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}
/** entries: {name, data?, type?, linkname?, mtime?} → tar bytes */
function tar(entries) {
  const parts = [];
  for (const e of entries) {
    const data = e.data ? Buffer.from(e.data) : Buffer.alloc(0);
    if (Buffer.byteLength(e.name) > 100) {
      const rec = Buffer.from(paxRecord('path', e.name));
      parts.push(header('PaxHeaders/long', rec.length, 'x'), pad(rec));
    }
    parts.push(header(e.name, data.length, e.type ?? '0', e.linkname ?? '', e.mtime ?? 0));
    if (data.length) parts.push(pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
const sha = (b) => createHash('sha256').update(b).digest('hex');

/** docker save (< 25) of one image: `layers` is a list of [folder, tar bytes], `list` the manifest's Layers order. */
function dockerSave(layers, list, tag = 'scale:1') {
  const diffIds = list.map((f) => `sha256:${sha(layers.get(f))}`);
  const cfg = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }));
  const cfgName = `${sha(cfg)}.json`;
  const manifest = JSON.stringify([{ Config: cfgName, RepoTags: [tag], Layers: list.map((f) => `${f}/layer.tar`) }]);
  return tar([{ name: cfgName, data: cfg }, ...[...layers].map(([f, t]) => ({ name: `${f}/layer.tar`, data: t })), { name: 'manifest.json', data: manifest }]);
}
const one = (layer) => dockerSave(new Map([['l', layer]]), ['l']);

const CASES = {
  layers: (n) => {
    const layer = tar([{ name: 'a', data: 'x' }]);
    return [dockerSave(new Map([['l', layer]]), new Array(n).fill('l')), dockerSave(new Map([['l', layer]]), new Array(n).fill('l'), 'scale:2')];
  },
  files: (n) => {
    const files = (mtime) => Array.from({ length: n }, (_, i) => ({ name: `d${i % 100}/f${i}`, data: `file ${i}\n`, mtime }));
    return [one(tar(files(1_700_000_000))), one(tar(files(1_700_000_060)))];
  },
  hardlinks: (n) => {
    const links = (mtime) => [{ name: 'f', data: 'x\n', mtime }, ...Array.from({ length: n }, (_, i) => ({ name: `h${i}`, type: '1', linkname: 'f', mtime }))];
    return [one(tar(links(1_700_000_000))), one(tar(links(1_700_000_060)))];
  },
  depth: (n) => {
    const path = (leaf) => `${'d/'.repeat(n)}${leaf}`;
    return [one(tar([{ name: path('f'), data: 'x\n' }])), one(tar([{ name: path('f'), data: 'y\n' }]))];
  },
};

function run(args) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null;
  const first = r.stderr.split('\n').find((l) => l.startsWith('tarscope:')) ?? '';
  return { status: r.status, seconds, rssMB: rss ? Number(rss[1]) / 1024 : null, note: first.slice(0, 160) };
}

/** `runs` runs of one command: exit statuses, the fastest wall time and the largest RSS (what the
 *  budget is about), and every run for the table's min–max. */
function repeat(args) {
  const all = Array.from({ length: runs }, () => run(args));
  const pick = (k, f) => (all.some((r) => r[k] == null) ? null : f(...all.map((r) => r[k])));
  return {
    status: [...new Set(all.map((r) => r.status))].join('/'),
    seconds: pick('seconds', Math.min),
    rssMB: pick('rssMB', Math.max),
    note: all[0].note,
    all,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tarscope-scale-'));
const rows = [];
const site = PAGE ? await startServer(arg('--dist')) : null;
try {
  if (spawnSync(process.execPath, [CLI, '-V']).status !== 0) throw new Error(`the CLI does not run (${CLI}; npm run build:cli)`);
  for (const [name, make] of Object.entries(CASES)) {
    if (only && name !== only) continue;
    for (const n of SIZES) {
      const [a, b] = make(n);
      const fa = join(dir, `${name}-${n}-a.tar`);
      const fb = join(dir, `${name}-${n}-b.tar`);
      writeFileSync(fa, a);
      writeFileSync(fb, b);
      const out = join(dir, 'report.json');
      const ins = repeat(['inspect', fa, '-f', 'json', '-o', out]);
      const dif = repeat(['diff', fa, fb, '-f', 'json', '-o', out]);
      const written = statSync(out, { throwIfNoEntry: false });
      const reportMB = written ? written.size / 1e6 : null;
      const page = site ? await pageFigures(site.url, [fa, fb]) : null;
      rows.push({ name, n, sizeMB: a.length / 1e6, ins, dif, reportMB, page });
      if (page) console.error(`${name} ${n}: page ${page}`);
      console.error(
        `${name} ${n}: inspect ${ins.seconds}s ${ins.rssMB?.toFixed(0)}MB exit ${ins.status}; diff ${dif.seconds}s ${dif.rssMB?.toFixed(0)}MB exit ${dif.status}`,
      );
      rmSync(out, { force: true });
    }
  }
} finally {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The page on one pair: seconds to the verified report · peak − idle RSS / PSS in MB (or why not). */
async function pageFigures(url, files) {
  try {
    const r = await pageRun(url, files, { memory: true, exportReport: false, timeoutMs: 900_000, stallMs: 300_000 });
    const s = (ms) => (ms == null ? '–' : (ms / 1000).toFixed(1));
    return `${s(r.times.verified)} s · +${(r.memory.deltaRss / 1e6).toFixed(0)} MB RSS · +${(r.memory.deltaPss / 1e6).toFixed(0)} MB PSS`;
  } catch (e) {
    return `failed: ${String(e?.message ?? e).slice(0, 200)}`;
  }
}

const f1 = (x) => (x == null ? '–' : x.toFixed(x < 10 ? 2 : 1));
const f0 = (x) => (x == null ? '–' : x.toFixed(0));
/** One figure of a command over its runs: the value, or min–max of several. */
const span = (c, k, f) => {
  const xs = c.all.map((r) => r[k]);
  if (xs.length === 1 || xs.some((x) => x == null)) return f(xs[0]);
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  return f(lo) === f(hi) ? f(lo) : `${f(lo)}–${f(hi)}`;
};
const WHAT = {
  layers: 'one layer listed N times in manifest.json (B: another tag)',
  files: 'one layer of N files (B: every mtime 60 s later)',
  hardlinks: 'one file and N hardlinks to it (B: every mtime 60 s later)',
  depth: 'one file N directories deep (B: its content differs)',
};
const lines = [
  '## Scale',
  '',
  `Written by \`node scripts/bench/scale.mjs\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; not part of \`npm run bench\`, which rewrites only its own sections). The CLI (\`dist-cli/\`) on archives generated in a temporary folder, one count at a time, at two sizes 10× apart: linear time grows ~10×, quadratic 100×. Wall time and maximum RSS from \`/usr/bin/time -v\` (${runs === 1 ? 'one run each' : `${runs} runs each, min–max`}; the worker threads are threads of the measured process). \`diff\` writes its JSON report to a file (\`-o\`).`,
  '',
  `| case | N | archive | inspect: s · max RSS MB · exit | diff: s · max RSS MB · exit | diff report (JSON) |${PAGE ? ' page: s to verified · peak − idle |' : ''}`,
  `|---|---|---|---|---|---|${PAGE ? '---|' : ''}`,
  ...rows.map(
    (r) =>
      `| ${r.name}: ${WHAT[r.name]} | ${r.n.toLocaleString('en')} | ${f1(r.sizeMB)} MB | ${span(r.ins, 'seconds', f1)} · ${span(r.ins, 'rssMB', f0)} · ${r.ins.status} | ${span(r.dif, 'seconds', f1)} · ${span(r.dif, 'rssMB', f0)} · ${r.dif.status} | ${f1(r.reportMB)} MB |${r.page ? ` ${r.page} |` : ''}`,
  ),
  '',
  'Ratios (larger N over smaller N, wall time):',
  '',
  ...Object.keys(CASES).map((name) => {
    const [s, l] = rows.filter((r) => r.name === name);
    if (!s) return `- ${name}: not run`;
    const ratio = (x, y) => (x != null && y ? (x / y).toFixed(1) : '–');
    return `- ${name}: inspect ×${ratio(l?.ins.seconds, s?.ins.seconds)}, diff ×${ratio(l?.dif.seconds, s?.dif.seconds)}${l?.dif.note ? ` (diff at ${l.n.toLocaleString('en')}: ${l.dif.note.replaceAll('|', '\\|')})` : ''}`;
  }),
  '',
];
const section = lines.join('\n');
console.log(section);
if (!quick) {
  const doc = join(ROOT, 'docs/benchmarks.md');
  // The doc is a set of marked sections (doc.mjs); this command owns "scale" and keeps the others.
  writeFileSync(doc, mergeDoc(readFileSync(doc, 'utf8'), { scale: section }, { scale: 'scripts/bench/scale.mjs' }));
  console.error('docs/benchmarks.md: section "Scale" written');
}
