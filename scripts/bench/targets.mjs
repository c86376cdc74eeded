// The targets, evaluated on one run's figures (pure). Each target says what was
// measured, the limit, and one of: met, missed, not measurable yet (the page cannot do
// what the target measures — a proxy value is shown when there is one), skipped.
// Units: MB = 10^6 bytes; KB (JS size) = 1024 bytes, as tests/e2e/inspect-page.test.ts.
import { ratio } from './stats.mjs';

const status = (ok) => (ok == null ? 'not measurable' : ok ? 'met' : 'missed');

/** Why a run measured Archive A alone (the page could not compare). */
export function inspectReason(ts) {
  return ts?.compareFailure ? `the page could not compare ("${ts.compareFailure.headline}")` : 'the page has no "Archive B" input';
}

export function evaluateTargets(f) {
  const t = [];
  const real = f.pairs.realistic;
  const syn = f.pairs.synthetic;
  const large = f.pairs.large;

  // (1) realistic pair: full explanation ≥ 25× faster than diffoscope
  {
    const ts = real?.tarscope;
    const ds = real?.diffoscope;
    // A diffoscope run that timed out counts as the time limit: the ratio is then a lower bound.
    const dsMs = ds?.timedOut ? ds.timeoutMs : ds?.medianMs;
    const value = ratio(dsMs, ts?.median.final);
    const s = !ts || !ds?.available || dsMs == null ? 'skipped' : ts.mode !== 'compare' ? 'not measurable yet' : status(value >= 25);
    t.push({
      id: 'explain-vs-diffoscope',
      title: 'Realistic pair (1): full explanation vs diffoscope',
      limit: '≥ 25× faster',
      value: value == null ? null : `${ds?.timedOut ? '≥ ' : ''}${value.toFixed(1)}×`,
      status: s,
      note:
        ts?.mode === 'inspect'
          ? `proxy: ${inspectReason(ts)}, so this is diffoscope on both vs tarscope inspecting A alone`
          : ds && !ds.available
            ? ds.note
            : ds?.timedOut
              ? `diffoscope timed out after ${ds.timeoutMs / 1000} s`
              : '',
    });
  }
  // (1) finds what diffoscope finds, plus config/history
  {
    const fi = real?.findings;
    let s = 'skipped';
    let value = null;
    if (fi && !fi.available) s = 'not measurable yet';
    else if (fi?.content) {
      value = `content ${fi.content.found}/${fi.content.total}, listing ${fi.metadata.found}/${fi.metadata.total}, config/history +${fi.configDifferences}`;
      s = status(fi.content.found === fi.content.total && fi.metadata.found === fi.metadata.total && fi.configDifferences > 0);
    }
    t.push({
      id: 'finds-what-diffoscope-finds',
      title: 'Realistic pair (1): finds what diffoscope finds + config/history',
      limit: 'all of diffoscope’s paths, and config/history differences',
      value,
      status: s,
      note: fi?.note ?? '',
    });
  }
  // (3) preliminary verdict under 1 s on the 4 GB pair
  {
    const ts = large?.tarscope;
    const prelim = ts?.median.preliminary;
    const proxy = ts?.median.structure;
    const small = syn?.variants?.none?.tarscope;
    const s = !ts ? 'skipped' : ts.mode !== 'compare' || prelim == null ? 'not measurable yet' : status(prelim < 1000);
    const shown = ts?.mode === 'compare' ? prelim : proxy;
    t.push({
      id: 'preliminary-4g',
      title: 'Pair (3), 2 × 4 GB: time to the preliminary verdict',
      limit: '< 1 s, independent of size',
      value: shown == null ? null : `${Math.round(shown)} ms`,
      status: s,
      note:
        (ts?.mode === 'inspect' ? `proxy (${inspectReason(ts)}): time until the page reports the structure read ("Scanning layers") while inspecting A` : '') +
        (shown != null && (small?.median.preliminary ?? small?.median.structure) != null
          ? `; 1 GB pair: ${Math.round(small.median.preliminary ?? small.median.structure)} ms`
          : ''),
    });
  }
  // (2) deep-scan throughput vs native, uncompressed ≥ 0.8×, gzip ≥ 0.6×
  for (const [alg, limit] of [
    ['none', 0.8],
    ['gzip', 0.6],
  ]) {
    const v = syn?.variants?.[alg];
    const ts = v?.tarscope?.median.deepScanMbps;
    const nat = v?.native?.pipelines?.['walk-sha256']?.mbps;
    const value = ratio(ts, nat);
    const hung = v && ts == null && v.tarscope.failures?.length > 0;
    t.push({
      id: `deep-scan-${alg}`,
      title: `Pair (2), 2 × 1 GB, ${alg === 'none' ? 'uncompressed' : 'gzip'} layers: deep-scan throughput vs native (tar walk + per-entry SHA-256)`,
      limit: `≥ ${limit}×`,
      value: hung ? 'no run finished' : value == null ? null : `${value.toFixed(2)}× (${ts.toFixed(0)} vs ${nat.toFixed(0)} MB/s)`,
      status: !v ? 'skipped' : hung ? 'missed' : status(value == null ? null : value >= limit),
      note:
        (hung ? `the page hung in all ${v.tarscope.attempts} attempts (see the pair's section)` : '') +
        (v?.tarscope?.mode === 'inspect' ? `${hung ? '; ' : ''}${inspectReason(v.tarscope)}: both sides measured on A’s 8 layers` : ''),
    });
  }
  // (3) memory
  {
    const ts = large?.tarscope;
    const d = ts?.median.deltaRss;
    t.push({
      id: 'memory-4g',
      title: 'Pair (3), 2 × 4 GB: browser memory, all processes, peak − idle (RSS)',
      limit: '≤ 400 MB',
      value: d == null ? null : `${Math.round(d / 1e6)} MB`,
      status: !ts ? 'skipped' : ts.mode !== 'compare' ? 'not measurable yet' : status(d <= 400e6),
      note:
        ts?.mode === 'inspect'
          ? `proxy (${inspectReason(ts)}): inspecting A (4 GB) alone${d != null ? (d <= 400e6 ? ', within the limit' : ', over the limit') : ''}`
          : '',
    });
  }
  // JS before the first archive
  {
    const obs = f.jsSize?.observed?.gzipBytes;
    t.push({
      id: 'initial-js',
      title: 'JavaScript before the first archive is opened (gzip)',
      limit: '≤ 100 KB',
      value: obs == null ? null : `${(obs / 1024).toFixed(1)} KB`,
      status: status(obs == null ? null : obs <= 100 * 1024),
      note: '',
    });
  }
  return t;
}
