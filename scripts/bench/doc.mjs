// docs/benchmarks.md, written from one run's figures (pure: figures in, Markdown out).
// Every figure is shown with its median and its individual runs.
//
// The file is a set of marked sections, each owned by one command and named in its begin marker:
//   <!-- NAME:begin (OWNER) -->
//   …
//   <!-- NAME:end -->
// `npm run bench` owns "bench" (everything it measures but the bomb) and "bomb" (in the Memory
// section); scripts/bench/scale.mjs owns "scale"; the others are written by hand from the
// commands their owner names. Text outside the markers (the title) is kept as it is. A command
// replaces only the sections it wrote in that run (mergeDoc), so no run drops another's.
import { METHOD_LABEL } from './platform.mjs';
import { fmt, fmtBytes, fmtMs } from './stats.mjs';
import { inspectReason, VERIFY_LIMIT } from './targets.mjs';

export const OWNER = { bench: 'scripts/bench/run.mjs', bomb: 'scripts/bench/run.mjs' };
const BEGIN = /^<!-- ([\w-]+):begin(?: \(([^)]*)\))? -->$/;
const END = /^<!-- ([\w-]+):end -->$/;

/**
 * The file as a list of parts: { text } outside any section, { name, owner, body, raw } for a
 * marked one (body: the lines between the markers; raw: the section as written, markers included). Throws on a section that is not closed,
 * closed twice, nested, or present twice: a file in that state is not rewritten.
 */
export function parseSections(text) {
  const parts = [];
  let open = null;
  let loose = [];
  const seen = new Set();
  for (const line of text.split('\n')) {
    const b = BEGIN.exec(line);
    const e = END.exec(line);
    if (b) {
      if (open) throw new Error(`docs: section "${b[1]}" begins inside "${open.name}"`);
      if (seen.has(b[1])) throw new Error(`docs: section "${b[1]}" appears twice`);
      seen.add(b[1]);
      if (loose.length) parts.push({ text: loose.join('\n') });
      loose = [];
      open = { name: b[1], owner: b[2] ?? null, body: [], begin: line };
    } else if (e) {
      if (!open || open.name !== e[1]) throw new Error(`docs: "${e[1]}:end" without its begin`);
      parts.push({ name: open.name, owner: open.owner, body: open.body.join('\n'), raw: [open.begin, ...open.body, line].join('\n') });
      open = null;
    } else if (open) open.body.push(line);
    else loose.push(line);
  }
  if (open) throw new Error(`docs: section "${open.name}" is not closed`);
  if (loose.length) parts.push({ text: loose.join('\n') });
  return parts;
}

const block = (name, owner, body) => `<!-- ${name}:begin${owner ? ` (${owner})` : ''} -->\n${body.replace(/^\n+|\n+$/g, '')}\n<!-- ${name}:end -->`;

/**
 * Replaces the sections in `sections` ({ name: markdown }) in `existing` (the file's text, or
 * null when there is none), each where it is; one the file lacks is appended at the end. Every
 * other part — other commands' sections, hand-written ones, text outside markers — is kept
 * byte for byte.
 */
export function mergeDoc(existing, sections, owners = OWNER) {
  if (existing == null) {
    return `# Benchmarks\n\n${Object.entries(sections)
      .map(([name, body]) => block(name, owners[name], body))
      .join('\n\n')}\n`;
  }
  const parts = parseSections(existing);
  const done = new Set();
  const out = parts.map((p) => {
    if (p.text != null) return p.text;
    if (!(p.name in sections)) return p.raw;
    done.add(p.name);
    return block(p.name, owners[p.name] ?? p.owner, sections[p.name]);
  });
  let text = out.join('\n');
  const rest = Object.keys(sections).filter((n) => !done.has(n));
  if (rest.length) text = `${text.replace(/\n+$/, '')}\n\n${rest.map((n) => block(n, owners[n], sections[n])).join('\n\n')}\n`;
  return text;
}

const runsOf = (xs, f = (x) => fmt(x)) => (xs?.length ? xs.map((x) => (x == null ? '–' : f(x))).join(' · ') : '–');
const msRuns = (xs) => runsOf(xs, (x) => fmt(x));
const mb = (b) => (b == null ? '–' : `${fmt(b / 1e6)} MB`);
const STATUS = {
  met: '✅ met',
  missed: '❌ missed',
  'not measurable yet': '⏳ not measurable yet',
  'not measurable': '– not measurable',
  skipped: '– skipped',
};
const LABEL = { none: 'uncompressed (docker-archive)', gzip: 'gzip layers (oci-archive)', zstd: 'zstd layers (oci-archive)' };

/** `inspect`: the run inspects one archive on purpose (the bomb), not for want of a comparison. */
function tarscopeTable(ts, { inspect = false } = {}) {
  const s = ts.series;
  if (!s.final.length) {
    return (
      `tarscope: **no run finished** (${ts.attempts} attempts${ts.compareFailure ? `; ${inspectReason(ts)}, so Archive A alone` : ''}). ` +
      `First: ${ts.failures[0]?.message.slice(0, 700).replaceAll('|', '\\|') ?? '?'}`
    );
  }
  const rows = [
    ['time to the preliminary verdict (ms)', ts.median.preliminary, msRuns(s.preliminary)],
    ['time to "Scanning layers" — structure read (ms)', ts.median.structure, msRuns(s.structure)],
    ['time to the final report, Export JSON enabled (ms)', ts.median.final, msRuns(s.final)],
    ['deep scan: final − preliminary (or − structure) (ms)', ts.median.deepScan, msRuns(s.deepScan)],
    [
      'profile, engine clock (report stats.timings, from the comparison’s start): structure read (ms)',
      ts.median.engineStructure,
      msRuns(s.engineStructure ?? []),
    ],
    ['… reading the differing layers (ms)', ts.median.phaseLayers, msRuns(s.phaseLayers ?? [])],
    ['… differ and explainers (ms)', ts.median.phaseExplain, msRuns(s.phaseExplain ?? [])],
    ['… content evidence (ms)', ts.median.phaseEvidence, msRuns(s.phaseEvidence ?? [])],
    ['… the engine’s final report (ms)', ts.median.engineFinal, msRuns(s.engineFinal ?? [])],
    ['outside the engine: page final − engine final (pick, Workers’ start, rendering) (ms)', ts.median.outsideEngine, msRuns(s.outsideEngine ?? [])],
    ['engine clock: the verification pass (ms)', ts.median.engineVerify, msRuns(s.engineVerify ?? [])],
    ['time to every digest verified, in the background after the final report (ms)', ts.median.verified, msRuns(s.verified)],
    ['digest verification: verified − final (ms)', ts.median.verifyMs, msRuns(s.verifyMs)],
    ['deep-scan throughput (MB/s of uncompressed layers)', ts.median.deepScanMbps, runsOf(s.deepScanMbps)],
    ['end-to-end throughput (MB/s)', ts.median.endToEndMbps, runsOf(s.endToEndMbps)],
    ['browser memory, peak − idle, RSS (MB)', ts.median.deltaRss / 1e6, runsOf(s.deltaRss, (x) => fmt(x / 1e6))],
    ['browser memory, peak − idle, PSS (MB)', ts.median.deltaPss / 1e6, runsOf(s.deltaPss, (x) => fmt(x / 1e6))],
    ['browser memory, idle RSS (MB)', ts.median.idleRss / 1e6, runsOf(s.idleRss, (x) => fmt(x / 1e6))],
  ].filter((r) => r[1] != null && Number.isFinite(r[1]));
  return [
    `tarscope (${ts.mode === 'compare' ? 'comparing A and B' : inspect ? 'inspecting the archive' : `inspecting Archive A only: ${inspectReason(ts)}`}; ` +
      `deep-scanned: ${ts.scanned.layers} layer blobs, ${mb(ts.bytes)} uncompressed — ${ts.scanned.rule}):`,
    '',
    '| figure | median | runs |',
    '|---|---:|---|',
    ...rows.map(([k, m, r]) => `| ${k} | ${fmt(m)} | ${r} |`),
    ts.verdict ? `\nVerdict: \`${ts.verdict.verdict}\` — ${ts.verdict.headline}` : '',
    ts.failures?.length
      ? `\n**${ts.failures.length} of ${ts.attempts} attempts did not finish** (retried; the medians are of the finished runs). First: ${ts.failures[0].message.slice(0, 600).replaceAll('|', '\\|')}`
      : '',
    ts.errors?.length ? `\nPage errors: ${ts.errors.map((e) => `\`${e.slice(0, 160)}\``).join('; ')}` : '',
    ts.status?.some((x) => x && !/^Finished$/.test(x)) ? `\nPage status after the runs: ${ts.status.join(' · ')}` : '',
  ].join('\n');
}

function nativeTable(nat, ts) {
  if (!nat) return '';
  const rows = Object.entries(nat.pipelines).map(([id, p]) => {
    const r = ts?.median.deepScanMbps != null && p.mbps ? (ts.median.deepScanMbps / p.mbps).toFixed(2) + '×' : '–';
    return `| \`${id}\` ${p.label} | ${fmt(p.mbps)} | ${runsOf(p.runsMbps)} | ${fmt(p.medianMs)} | ${r} |${p.failures?.length ? ' failed: ' + p.failures[0].slice(0, 80) : ''}`;
  });
  return [
    `Native pipelines on the same ${nat.blobs} layer blobs (${mb(nat.bytes)} uncompressed), ${nat.concurrency} at a time:`,
    '',
    '| pipeline | MB/s | runs (MB/s) | wall (ms) | tarscope deep scan ÷ this |',
    '|---|---:|---|---:|---:|',
    ...rows,
  ].join('\n');
}

/**
 * Chromium alone (platform.mjs): every bound measured, with tarscope as a ratio to each. `what`
 * names the sets: { set: 'the files' }.
 */
function platformTable(pl, ts, what) {
  if (!pl) return '';
  if (pl.error) return `Chromium alone on the same files: not measured (${pl.error}).`;
  const final = ts?.mode === 'compare' ? ts.median.final : null;
  const rows = Object.entries(pl.stages).map(([key, e]) => {
    if (!e.ms) return `| ${METHOD_LABEL[key]} | every Worker at once | – | ${fmt(e.mbps)} per core | – | – |`;
    const floor = pl.floor?.[e.set]?.method === e.stage;
    const runs = e.ms.map((x, i) => `${fmt(x)}${e.first[i] ? '¹' : ''}`).join(' · ');
    const of = e.stage === 'verify' ? ts?.median.verifyMs : final;
    const r = of != null && e.medianMs ? `${(of / e.medianMs).toFixed(2)}× (${e.stage === 'verify' ? 'verification' : 'end to end'})` : '–';
    const n = pl.sets?.[e.set];
    return `| ${floor ? '**read floor**: ' : ''}${METHOD_LABEL[e.stage]} | ${what[e.set] ?? e.set}${n ? ` (${n.files}, ${mb(n.bytes)})` : ''} | ${fmt(e.medianMs)} | ${fmt(e.mbps)}${e.outMbps ? ` in, ${fmt(e.outMbps)} out` : ''} | ${runs} | ${r} |`;
  });
  return [
    `Chromium alone on the same files (scripts/bench/platform.mjs: a blank page, ${pl.workers} Workers started before the clock, no tarscope code, the files picked through an <input>, ` +
      `all read at once; a fresh browser per run, the stages' order rotated; SHA-256 is tarscope's wasm, \`${pl.tarhash}\`). ` +
      'The read floor is the fastest read method. ¹ the first stage after the pick in its browser.',
    '',
    '| bound | files | median (ms) | MB/s | runs (ms) | tarscope ÷ it |',
    '|---|---|---:|---:|---|---:|',
    ...rows,
    pl.failures?.length
      ? `\n**${pl.failures.length} platform run(s) failed and were redone in a fresh browser.** First: ${pl.failures[0].slice(0, 600).replaceAll('|', '\\|')}`
      : '',
  ].join('\n');
}

/** The sections this run writes: which = { bench: bool, bomb: bool }. */
export function renderSections(f, which = { bench: true, bomb: true }) {
  const out = {};
  if (which.bench) out.bench = renderBench(f);
  if (which.bomb && f.pairs.bomb?.available) out.bomb = renderBomb(f);
  return out;
}

/** The "bomb" section (inside "Memory (issue 12)"): the page inspecting issue 12's gzip bomb. */
export function renderBomb(f) {
  const b = f.pairs.bomb;
  const t = f.targets.find((x) => x.id === 'memory-bomb');
  const d = b.data;
  return [
    `### Page: a gzip layer inflating to ${fmtBytes(d.layer.zeros)} of zeros`,
    '',
    `Written by \`${f.command}\` on ${f.createdAt.slice(0, 10)}${f.quick ? ' — **quick smoke mode: a small bomb, the figures mean nothing**' : ''} (\`--only bomb\` runs this alone). ` +
      `An oci-archive of one gzip layer (scripts/bench/data-bomb.mjs): a tar of one file of ${fmt(d.layer.zeros)} zero bytes, ${fmt(d.layer.size)} bytes of gzip ` +
      `(${fmt(d.layer.uncompressedSize / d.layer.size)}:1), archive ${fmt(d.size)} bytes. The built page inspects it in headless Chromium (a fresh browser per run); ` +
      'memory is every browser process summed (scripts/bench/chromium-memory.mjs), peak − idle.',
    '',
    `Target: ${t.limit}. Measured: **${t.value ?? '–'}** — ${STATUS[t.status] ?? t.status}${t.note ? ` (${t.note})` : ''}.`,
    '',
    tarscopeTable(b.tarscope, { inspect: true }),
  ].join('\n');
}

function renderBench(f) {
  const m = f.machine;
  const L = [];
  L.push(
    `Written by \`${f.command}\` (scripts/bench/) on ${f.createdAt.slice(0, 10)}${f.quick ? ' — **quick smoke mode: tiny data, 1 run; the figures mean nothing**' : ''}. ` +
      'Every figure below comes from that one run: tarscope in the built page driven in headless Chromium the way a person uses it, ' +
      'and the references on the same data, one after the other. Medians of the runs shown; MB = 10^6 bytes, KB = 1024 bytes. ' +
      'Absolute figures drift ±10–20 % between runs on shared machines: compare the ratios.',
  );
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push('| | |');
  L.push('|---|---|');
  L.push(`| CPU | ${m.nproc} × ${m.cpu ?? '?'}${m.shaNi ? ' (SHA-NI)' : ''} |`);
  L.push(`| RAM | ${fmtBytes(m.ramBytes)} |`);
  L.push(`| OS | ${m.os ?? '?'}, Linux ${m.kernel} |`);
  L.push(`| Chromium | ${f.chromium ?? '?'} (headless, flags from scripts/chromium.mjs) |`);
  L.push(`| Node | ${m.node} |`);
  L.push(`| tarscope | ${m.commit ?? '?'} (${m.build}) |`);
  L.push(
    `| tools | ${Object.entries(m.tools)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} |`,
  );
  L.push('');
  L.push('## Command');
  L.push('');
  L.push('```sh');
  L.push(f.command);
  L.push('```');
  L.push('');
  L.push(
    'It builds the app (`vite build`), generates or reuses the data (tests/.fixtures/bench/, regenerated when its stamp changes; ' +
      'the 2 × 4 GB pair goes to a temporary directory and is removed after), serves dist/ with `vite preview`, and for each run launches a fresh ' +
      'Chromium, opens the page, picks the files through the "Archive A" / "Archive B" inputs and waits for the report. ' +
      '`npm run bench -- --quick` is the smoke version `npm test` runs (tests/e2e/bench-smoke.test.ts).',
  );
  if (f.notes.length) {
    L.push('');
    for (const n of f.notes) L.push(`- ${n}`);
  }
  L.push('');
  L.push('## Targets');
  L.push('');
  L.push('| target | limit | measured | status | note |');
  L.push('|---|---|---|---|---|');
  for (const t of f.targets) L.push(`| ${t.title} | ${t.limit} | ${t.value ?? '–'} | ${STATUS[t.status] ?? t.status} | ${t.note ?? ''} |`);
  L.push('');
  L.push(
    'Issue 14’s targets are ratios to a bound measured in this run: Chromium alone on the same files (scripts/bench/platform.mjs, tables under each pair). ' +
      '"End to end" is the page’s time from the pick to the final report with Export JSON enabled. The read floor is the fastest of three read methods; ' +
      'zstd’s bound is zstd-wasm (the decoder the page ships) decoding the same blobs in Workers, or the read floor when that is slower. ' +
      `The verification bound is every layer blob of both archives read once and hashed with SHA-256 (tarscope’s wasm; compressed blobs also decompressed and their output hashed, the diff_id), one Worker per core; the issue asks to "reach" it, read here as ≤ ${VERIFY_LIMIT}×. ` +
      'Under each pair, the profile: the engine’s phases (its own clock, report stats.timings) and the time outside the engine.',
  );
  L.push('');

  const real = f.pairs.realistic;
  L.push('## Pair (1): realistic rebuilt pair (two debootstrap minbase runs)');
  L.push('');
  if (!real?.available) L.push(real?.note ?? 'Not run.');
  else {
    const d = real.data;
    L.push(
      `Two separate \`debootstrap --variant=minbase ${d.suite}\` runs from ${d.mirror} (the mirror apt uses here), each packed as a 2-layer image ` +
        `(layer 1: the root filesystem without /var, layer 2: /var; GNU tar + umoci, then \`skopeo copy\` into a docker-archive): ` +
        `A ${mb(d.archives.a.size)}, B ${mb(d.archives.b.size)}. Made ${d.made.slice(0, 10)}; the commands:`,
    );
    L.push('');
    L.push('```sh');
    for (const c of d.commands) L.push(c);
    L.push('```');
    L.push('');
    L.push(tarscopeTable(real.tarscope));
    const pt = platformTable(real.platform, real.tarscope, { archives: 'both archives, whole' });
    if (pt) L.push('', pt);
    const fl = real.platform?.floor?.archives;
    if (fl) L.push('', `The floor for a page that must read every byte: **${fmt(fl.ms)} ms** (${fmt(fl.mbps)} MB/s, ${METHOD_LABEL[fl.method]}).`);
    L.push('');
    const ds = real.diffoscope;
    if (!ds?.available) L.push(`diffoscope: ${ds?.note ?? 'not run'}.`);
    else {
      L.push(
        `diffoscope ${ds.version.replace(/^diffoscope /, '')} (\`${ds.command}\`, defaults, time limit ${ds.timeoutMs / 60000} min): ` +
          `median **${fmtMs(ds.medianMs)}**, runs ${msRuns(ds.runsMs)} ms, exit codes ${ds.exitCodes.join(', ')}${ds.timedOut ? ' — **timed out**' : ''}.`,
      );
      const fd = ds.findings;
      if (fd) {
        L.push('');
        L.push(
          `What diffoscope reports: outer members ${fd.outer.map((x) => `\`${x.length > 60 ? x.slice(0, 24) + '…' : x}\``).join(', ')}; ` +
            `${fd.layers.length} layer pairs (${[...new Set(fd.layers.map((l) => l.pairedBy))].join('; ')}); ` +
            `${fd.metadataPaths.length} paths whose listing line differs; ${fd.contentPaths.length} files whose bytes differ` +
            (fd.contentPaths.length
              ? `: ${fd.contentPaths
                  .slice(0, 12)
                  .map((p) => `\`${p}\``)
                  .join(', ')}`
              : '') +
            `. Configs compared: ${fd.configCompared ? 'yes' : 'no (their file names are their digests, which differ, so diffoscope never pairs them)'}.`,
        );
      }
    }
    const fi = real.findings;
    L.push('');
    if (!fi?.available) L.push(`Findings check: ${fi?.note ?? 'not run'}.`);
    else {
      L.push(`Findings check: tarscope verdict \`${fi.verdict}\` — ${fi.headline}`);
      L.push('');
      if (fi.content)
        L.push(
          `- diffoscope's differing files found by tarscope: ${fi.content.found}/${fi.content.total}${fi.content.missingCount ? `; missing: ${fi.content.missing.map((p) => `\`${p}\``).join(', ')}` : ''}`,
        );
      if (fi.metadata)
        L.push(
          `- diffoscope's differing listing lines (added, removed, metadata) found: ${fi.metadata.found}/${fi.metadata.total}${
            fi.metadata.missingCount
              ? `; first missing: ${fi.metadata.missing
                  .slice(0, 8)
                  .map((p) => `\`${p}\``)
                  .join(', ')}`
              : ''
          }`,
        );
      L.push(
        `- config/history differences tarscope reports: ${fi.configDifferences}${fi.configExamples.length ? ` (e.g. ${fi.configExamples.map((x) => `\`${x}\``).join('; ')})` : ''}`,
      );
      L.push(`- causes: ${fi.causes.map((c) => `\`${c.id}\` ×${c.count}`).join(', ')}`);
    }
  }
  L.push('');

  const syn = f.pairs.synthetic;
  L.push('## Pair (2): 2 × 1 GB, 8 layers of which 2 differ');
  L.push('');
  if (!syn?.available) L.push(syn?.note ?? 'Not run.');
  else {
    const d = syn.data;
    L.push(
      `Synthetic layers (scripts/bench/synthetic-tree.mjs): ${fmt(d.filesPerSide)} files per side, mostly small (99 % log-uniform 64 B–64 KiB, ` +
        `1 % 64 KiB–8 MiB), contents spliced from this machine's /usr bytes; layer shares ${d.layerWeights.map((w) => `${Math.round(w * 100)} %`).join(' / ')}; ` +
        `layers ${d.differing.map((i) => i + 1).join(' and ')} differ (B: every 211th file changed, every 503rd removed, 8 added, all mtimes +1 h; ` +
        `config \`created\` and those history entries differ); the other 6 blobs are byte-identical. ` +
        `Compression ratios: ${Object.entries(d.compressionRatios)
          .filter(([k]) => k !== 'none')
          .map(([k, r]) => `${k} ${r.toFixed(2)}×`)
          .join(', ')}. ` +
        `Archives: ${Object.entries(d.archives)
          .map(([k, v]) => `${k} ${mb(v.a.size)} / ${mb(v.b.size)}`)
          .join(', ')}.`,
    );
    for (const [alg, v] of Object.entries(syn.variants)) {
      L.push('');
      L.push(`### ${LABEL[alg] ?? alg}`);
      L.push('');
      L.push(tarscopeTable(v.tarscope));
      L.push('');
      L.push(nativeTable(v.native, v.tarscope));
      const pt = platformTable(v.platform, v.tarscope, { scan: 'the blobs that must be read', all: 'every layer blob of A and of B' });
      if (pt) L.push('', pt);
    }
    if (syn.tarwalk) {
      L.push('');
      L.push(
        syn.tarwalk.error
          ? `Native walker: ${syn.tarwalk.error}`
          : `The native walker is scripts/bench/tarwalk.c (\`${syn.tarwalk.cc}\`, ${syn.tarwalk.version}): header checksums, GNU long names and pax records, ` +
              'one hash per regular file; it reads its input to the end. Every native pipeline reads the layer blob files (page cache warm, as for the page).',
      );
    }
  }
  L.push('');

  const large = f.pairs.large;
  L.push('## Pair (3): 2 × 4 GB, for time to the first verdict and memory');
  L.push('');
  if (!large?.available) L.push(large?.note ?? 'Not run.');
  else {
    L.push(
      `The pair (2) generator at 4 GB per side, uncompressed docker-archives (A ${mb(large.data.archives.none.a.size)}, B ${mb(large.data.archives.none.b.size)}, ` +
        `${fmt(large.data.filesPerSide)} files per side), generated in ${fmtMs(large.data.generatedInMs)} into a temporary directory and removed after.`,
    );
    L.push('');
    L.push(tarscopeTable(large.tarscope));
    const at = large.tarscope.memoryAtPeak;
    if (at) {
      L.push('');
      L.push(
        `At the peak (${at.processes} processes): ` +
          Object.entries(at.byType)
            .sort((a, b) => b[1].rss - a[1].rss)
            .map(([k, v]) => `${k} ${mb(v.rss)} RSS / ${mb(v.pss)} PSS${v.n > 1 ? ` (${v.n})` : ''}`)
            .join(', ') +
          `. One /proc sample of the whole tree costs ${at.sampleCostMs.toFixed(1)} ms.`,
      );
    }
  }
  L.push('');
  L.push('## JavaScript before the first archive is opened');
  L.push('');
  const js = f.jsSize;
  L.push(
    (js.observed
      ? `Fetched by the page before a file was picked: ${js.observed.files.map((x) => `\`${x.path}\` ${fmt(x.bytes)} B → ${fmt(x.gzip)} B gzip`).join(', ')}; ` +
        `total **${(js.observed.gzipBytes / 1024).toFixed(1)} KB gzip** (zlib level 6). `
      : 'No comparison ran, so what the page fetched was not recorded. ') +
      `From the build's own graph (index.html's module scripts and their static imports): ${(js.static.gzipBytes / 1024).toFixed(1)} KB gzip ` +
      `(${js.static.files.map((x) => `\`${x.path}\``).join(', ')}).`,
  );
  L.push('');
  if (f.limits.length) {
    L.push('## What limits it');
    L.push('');
    for (const l of f.limits) L.push(`- ${l}`);
    L.push('');
  }
  return L.join('\n').replace(/\n{3,}/g, '\n\n');
}
