// docs/benchmarks.md, written from one run's figures (pure: figures in, Markdown out).
// Every figure is shown with its median and its individual runs.
import { fmt, fmtBytes, fmtMs } from './stats.mjs';
import { inspectReason } from './targets.mjs';

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

function tarscopeTable(ts) {
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
    ['… of which, engine clock, run 1 (its report was exported): reading the differing layers (ms)', ts.median.phaseLayers, msRuns(s.phaseLayers ?? [])],
    ['… differ and explainers (ms)', ts.median.phaseExplain, msRuns(s.phaseExplain ?? [])],
    ['… content evidence (ms)', ts.median.phaseEvidence, msRuns(s.phaseEvidence ?? [])],
    ['time to every digest verified, in the background after the final report (ms)', ts.median.verified, msRuns(s.verified)],
    ['digest verification: verified − final (ms)', ts.median.verifyMs, msRuns(s.verifyMs)],
    ['deep-scan throughput (MB/s of uncompressed layers)', ts.median.deepScanMbps, runsOf(s.deepScanMbps)],
    ['end-to-end throughput (MB/s)', ts.median.endToEndMbps, runsOf(s.endToEndMbps)],
    ['browser memory, peak − idle, RSS (MB)', ts.median.deltaRss / 1e6, runsOf(s.deltaRss, (x) => fmt(x / 1e6))],
    ['browser memory, peak − idle, PSS (MB)', ts.median.deltaPss / 1e6, runsOf(s.deltaPss, (x) => fmt(x / 1e6))],
    ['browser memory, idle RSS (MB)', ts.median.idleRss / 1e6, runsOf(s.idleRss, (x) => fmt(x / 1e6))],
  ].filter((r) => r[1] != null && Number.isFinite(r[1]));
  return [
    `tarscope (${ts.mode === 'compare' ? 'comparing A and B' : `inspecting Archive A only: ${inspectReason(ts)}`}; ` +
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

/** Chromium alone on the same blobs (platform.mjs): the ceiling of any page doing this work. */
function platformTable(pl, ts) {
  if (!pl) return '';
  if (pl.error) return `Chromium alone on the same blobs: not measured (${pl.error}).`;
  const of = (x) => (ts?.median.deepScanMbps != null && x ? `${((100 * ts.median.deepScanMbps) / x.mbps).toFixed(0)} %` : '–');
  const rows = [
    pl.read && `| read every blob (BYOB, 4 MiB), nothing else | ${fmt(pl.read.mbps)} | ${runsOf(pl.read.runs)} | ${of(pl.read)} |`,
    pl.inflate && `| read + DecompressionStream('gzip'), nothing else | ${fmt(pl.inflate.mbps)} | ${runsOf(pl.inflate.runs)} | ${of(pl.inflate)} |`,
  ].filter(Boolean);
  return [
    `Chromium alone on the same blobs (scripts/bench/platform.mjs: ${pl.workers} Workers, no tarscope code, each blob a picked File): the ceiling of any page doing this scan. MB/s of uncompressed layers:`,
    '',
    '| platform stage | MB/s | runs (MB/s) | tarscope deep scan as % of it |',
    '|---|---:|---|---:|',
    ...rows,
  ].join('\n');
}

export function renderDoc(f) {
  const m = f.machine;
  const L = [];
  L.push('# Benchmarks');
  L.push('');
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
    const rd = real.platform?.read;
    if (rd) {
      L.push('');
      L.push(
        `Chromium alone reading both archives whole (scripts/bench/platform.mjs, ${real.platform.workers} Workers, no tarscope code): ${fmt(rd.mbps)} MB/s (runs ${runsOf(rd.runs)}), ${fmt(rd.readMs)} ms — the floor for a page that must read every byte.`,
      );
    } else if (real.platform?.error) L.push('', `Chromium alone reading both archives: not measured (${real.platform.error}).`);
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
      const pt = platformTable(v.platform, v.tarscope);
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
    `Fetched by the page before a file was picked: ${js.observed.files.map((x) => `\`${x.path}\` ${fmt(x.bytes)} B → ${fmt(x.gzip)} B gzip`).join(', ')}; ` +
      `total **${(js.observed.gzipBytes / 1024).toFixed(1)} KB gzip** (zlib level 6). ` +
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
