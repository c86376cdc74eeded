// tarscope on one pair: `runs` page runs (each in a fresh browser), the medians, and which
// layer blobs it deep-scanned (read from the exported report), so the native pipelines can
// run on exactly the same bytes.
import { pageRun } from './page-driver.mjs';
import { mbps, median } from './stats.mjs';

/** ms between two phase marks of a comparison report's stats.timings, or null. */
function span(t, from, to) {
  return t && t[from] != null && t[to] != null ? t[to] - t[from] : null;
}

/**
 * Layer blobs tarscope deep-scanned, from its report: every layer of every input, each
 * digest once per input; for a comparison whose stats say layers were skipped, the set
 * whose size matches stats.layersScanned (each shared digest once, or only the layers
 * present on one side). Returns { digests: [{ digest, uncompressedSize }], rule }.
 */
export function scannedLayers(report) {
  const perInput = report.inputs.map((input) => {
    const m = new Map();
    for (const im of input.images ?? []) for (const l of im.layers ?? []) if (l.digest && !m.has(l.digest)) m.set(l.digest, l.uncompressedSize ?? null);
    return m;
  });
  const all = perInput.flatMap((m) => [...m].map(([digest, uncompressedSize]) => ({ digest, uncompressedSize })));
  if (report.kind !== 'comparison' || !report.stats?.layersSkipped)
    return { digests: all, rule: report.kind === 'comparison' ? 'every layer of A and B' : 'every layer of A' };
  const unique = [...new Map(all.map((x) => [x.digest, x])).values()];
  const counts = new Map();
  for (const x of all) counts.set(x.digest, (counts.get(x.digest) ?? 0) + 1);
  const exclusive = all.filter((x) => counts.get(x.digest) === 1);
  const n = report.stats.layersScanned;
  if (exclusive.length === n) return { digests: exclusive, rule: 'layers whose digest is on one side only (shared digests skipped)' };
  if (unique.length === n) return { digests: unique, rule: 'each distinct layer digest once (shared digests scanned once)' };
  return { digests: unique, rule: `each distinct digest once (stats.layersScanned=${n} matched no rule exactly)` };
}

/**
 * Runs the page `runs` times on [a, b]. Returns { mode, signal, runs, median, report,
 * scanned, bytes, deepScanMbps, endToEndMbps, errors }.
 * blobsByDigest: the generator's pool (digest → { uncompressedSize }) when known.
 */
export async function measureTarscope(
  url,
  files,
  { runs = 3, memory = true, timeoutMs = 600_000, stallMs = 60_000, blobsByDigest = null, compareFailed = null, idle = undefined, log = () => {} },
) {
  let results = [];
  const failures = [];
  let report = null;
  // A comparison that already failed on another pair is not tried again.
  let compareFailure = compareFailed;
  if (compareFailure) files = [files[0]];
  // A run that does not finish (the page hung) is recorded and retried, up to `runs` extra
  // attempts, so the medians still come from `runs` finished runs; after 3 failures without
  // a single finished run the page is taken to hang on this input every time.
  for (let attempt = 1; results.length < runs && attempt <= 2 * runs; attempt++) {
    if (results.length === 0 && failures.length >= 3) break;
    let res;
    try {
      // Every run's report is exported (after the run's clock stopped): its stats.timings are
      // that run's engine profile; the first one is kept whole.
      res = await pageRun(url, files, { memory, exportReport: true, timeoutMs, stallMs, idle });
    } catch (e) {
      const message = String(e?.message ?? e).slice(0, 1200);
      failures.push({ attempt, message });
      log(`tarscope attempt ${attempt}: FAILED ${message.slice(0, 400)}`);
      continue;
    }
    // The data is valid by construction: "unreadable" means the page could not compare at
    // all (e.g. its engine has no compare yet). Record why and measure inspecting A instead.
    if (res.mode === 'compare' && res.report?.kind === 'comparison' && res.report.verdict === 'unreadable' && !compareFailure) {
      compareFailure = { headline: res.report.headline, error: res.report.inputs.map((i) => i.error).find(Boolean) ?? null };
      log(`tarscope: the comparison failed ("${compareFailure.headline}"); measuring Archive A alone`);
      files = [files[0]];
      results = [];
      attempt = 0;
      continue;
    }
    res.timings = res.report?.stats?.timings ?? null;
    if (res.report && !report) report = res.report;
    if (results.length) res.report = null;
    results.push(res);
    const t = res.times;
    log(
      `tarscope ${res.mode} run ${results.length}/${runs}: final ${t.final?.toFixed(0)} ms` +
        (t.verified != null && t.verified !== t.final ? `, digests verified ${t.verified.toFixed(0)} ms` : '') +
        (t.preliminary != null ? `, preliminary ${t.preliminary.toFixed(0)} ms` : '') +
        (t.structure != null ? `, structure ${t.structure.toFixed(0)} ms` : '') +
        (res.memory ? `, memory +${(res.memory.deltaRss / 1e6).toFixed(0)} MB RSS` : '') +
        (res.status ? ` (${res.status})` : ''),
    );
  }
  const scanned = report ? scannedLayers(report) : { digests: [], rule: 'no report' };
  for (const d of scanned.digests) if (d.uncompressedSize == null && blobsByDigest?.[d.digest]) d.uncompressedSize = blobsByDigest[d.digest].uncompressedSize;
  const bytes = scanned.digests.reduce((n, d) => n + (d.uncompressedSize ?? 0), 0);
  const pick = (f) => results.map(f);
  // Deep scan: from the structure/preliminary signal to the final report (the whole run when neither showed).
  const deepMs = pick((x) => (x.times.final == null ? null : x.times.final - (x.times.preliminary ?? x.times.structure ?? 0)));
  const series = {
    final: pick((x) => x.times.final),
    verified: pick((x) => x.times.verified),
    verifyMs: pick((x) => (x.times.verified == null || x.times.final == null ? null : x.times.verified - x.times.final)),
    preliminary: pick((x) => x.times.preliminary),
    structure: pick((x) => x.times.structure),
    deepScan: deepMs,
    deepScanMbps: deepMs.map((ms) => (ms ? mbps(bytes, ms) : null)),
    endToEndMbps: pick((x) => (x.times.final ? mbps(bytes, x.times.final) : null)),
    // The engine's own phase times (report.stats.timings, engine clock): the profile of a run.
    // The profile: the engine's clock (report.stats.timings, from the start of the comparison)
    // against the page's (from the pick): what is left is outside the engine (the page, the
    // Workers' start, rendering the report).
    engineStructure: pick((x) => x.timings?.structure ?? null),
    phaseLayers: pick((x) => span(x.timings, 'structure', 'layers')),
    phaseExplain: pick((x) => span(x.timings, 'layers', 'explained')),
    phaseEvidence: pick((x) => span(x.timings, 'explained', 'evidence')),
    engineFinal: pick((x) => x.timings?.evidence ?? null),
    outsideEngine: pick((x) => (x.timings?.evidence == null || x.times.final == null ? null : x.times.final - x.timings.evidence)),
    engineVerify: pick((x) => span(x.timings, 'evidence', 'verified')),
    deltaRss: pick((x) => x.memory?.deltaRss ?? null),
    deltaPss: pick((x) => x.memory?.deltaPss ?? null),
    idleRss: pick((x) => x.memory?.idleRss ?? null),
    peakRss: pick((x) => x.memory?.peakRss ?? null),
  };
  const med = Object.fromEntries(Object.entries(series).map(([k, v]) => [k, median(v)]));
  const peakRun = results.reduce((best, x) => (x.memory && (!best || x.memory.deltaRss > best.memory.deltaRss) ? x : best), null);
  return {
    mode: results[0]?.mode ?? (files.length > 1 ? 'compare' : 'inspect'),
    compareFailure,
    signal: results.find((x) => x.signal)?.signal ?? null,
    verdictText: results.find((x) => x.verdictText)?.verdictText ?? null,
    status: results.map((x) => x.status),
    series,
    median: med,
    memoryAtPeak: peakRun?.memory
      ? { byType: peakRun.memory.peakByType, processes: peakRun.memory.processes, sampleCostMs: peakRun.memory.sampleCostMs }
      : null,
    initialJs: results[0]?.initialJs ?? [],
    errors: [...new Set(results.flatMap((x) => x.errors))].slice(0, 10),
    attempts: results.length + failures.length,
    failures,
    reportKind: report?.kind ?? null,
    reportStats: report ? (report.kind === 'comparison' ? report.stats : report.inputs.map((i) => i.stats)) : null,
    verdict: report?.kind === 'comparison' ? { verdict: report.verdict, headline: report.headline } : null,
    report,
    scanned: { rule: scanned.rule, layers: scanned.digests.length, digests: scanned.digests },
    bytes,
  };
}
