// "What limits it": measured facts next to each target that was missed or could not be
// measured yet (pure: figures + targets in, sentences out). The reference figures quoted
// come from ../shared/building-blocks.md (same kind of machine, same Chromium family).
import { fmt } from './stats.mjs';
import { inspectReason } from './targets.mjs';

export function limits(f, targets) {
  const out = [];
  const by = Object.fromEntries(targets.map((t) => [t.id, t]));
  const inspected = [f.pairs.realistic?.tarscope, ...Object.values(f.pairs.synthetic?.variants ?? {}).map((v) => v.tarscope), f.pairs.large?.tarscope].find(
    (ts) => ts?.mode === 'inspect',
  );
  if (inspected) {
    out.push(
      `${inspectReason(inspected).replace(/^the page/, 'The page')}${inspected.compareFailure?.error ? ` — ${inspected.compareFailure.error}` : ''}, so tarscope was measured inspecting A only: ` +
        'the comparison targets (diffoscope ratio and findings, preliminary verdict, memory while comparing) are shown as proxies measured on A and marked ' +
        '"not measurable yet". The harness compares A and B as soon as the page does.',
    );
  }
  const hung = [
    ['pair (1)', f.pairs.realistic?.tarscope],
    ...Object.entries(f.pairs.synthetic?.variants ?? {}).map(([k, v]) => [`pair (2) ${k}`, v.tarscope]),
    ['pair (3)', f.pairs.large?.tarscope],
  ].filter(([, ts]) => ts?.failures?.length);
  if (hung.length) {
    out.push(
      `The page did not finish in ${hung.map(([k, ts]) => `${ts.failures.length} of ${ts.attempts} attempts on ${k}`).join(', ')} ` +
        '(time limit 60 s + 50 ms per MB of input; the page state at the limit — status, progress text, page errors — is quoted under each pair).',
    );
  }
  for (const alg of ['none', 'gzip']) {
    const t = by[`deep-scan-${alg}`];
    if (!t || t.status === 'met' || t.status === 'skipped') continue;
    const v = f.pairs.synthetic.variants[alg];
    const p = v.native?.pipelines ?? {};
    const ts = v.tarscope.median.deepScanMbps;
    const parts = [
      `Deep scan, ${alg === 'none' ? 'uncompressed' : 'gzip'} layers: tarscope ${fmt(ts)} MB/s on ${f.machine.nproc} cores`,
      p['walk-sha256'] && `native walk + per-entry SHA-256 ${fmt(p['walk-sha256'].mbps)} MB/s`,
      p['same-work'] && `native doing tarscope's whole work (blob digest, diff_id and per-file SHA-256) ${fmt(p['same-work'].mbps)} MB/s`,
      p['sha256sum'] && `one SHA-256 over the stream (sha256sum) ${fmt(p['sha256sum'].mbps)} MB/s`,
      p['decompress'] && `decompression alone ${fmt(p['decompress'].mbps)} MB/s`,
    ].filter(Boolean);
    // The comparison's deep scan computes no SHA-256 (files: XXH64; digests verified after the
    // report), so the page's ceiling is Chromium reading (and inflating) the blobs: platform.mjs.
    const pl = v.platform;
    // MB/s of uncompressed layers, as the deep scan's: the read floor, or DecompressionStream's output.
    const inflate = pl?.stages?.['scan:inflate'];
    const stage = alg === 'none' ? pl?.floor?.scan : inflate?.outMbps ? { mbps: inflate.outMbps } : null;
    const native = p['walk-sha256']?.mbps;
    const need = alg === 'none' ? 0.8 : 0.6;
    const ceilingRatio = stage && native ? stage.mbps / native : null;
    out.push(
      parts.join('; ') +
        '. The comparison computes no SHA-256 while scanning (files by XXH64; blob digests and diff_ids are verified in the background after the report). ' +
        (stage
          ? `Chromium alone, ${pl.workers} Workers, no tarscope code, on the same blobs: ${alg === 'none' ? 'reading them' : 'reading and inflating them (DecompressionStream)'} runs at ${fmt(stage.mbps)} MB/s` +
            (ceilingRatio == null
              ? ''
              : ceilingRatio < need
                ? `, ${ceilingRatio.toFixed(2)}× the native pipeline: the ${need}× target is out of reach for any page on this machine`
                : `, ${ceilingRatio.toFixed(2)}× the native pipeline: a page doing nothing else would just reach the ${need}× target, so what separates tarscope from it is its own work on top (tar walk, XXH64, results to the page, diff, evidence)`) +
            `; tarscope's deep scan runs at ${fmt((100 * ts) / stage.mbps)} % of that ceiling.`
          : 'The platform ceiling was not measured in this run.'),
    );
  }
  const pre = by['preliminary-4g'];
  if (pre?.status === 'missed') out.push(`Preliminary verdict: ${pre.value} on the 4 GB pair (${pre.note}).`);
  const mem = by['memory-4g'];
  const at = f.pairs.large?.tarscope?.memoryAtPeak;
  if (mem && mem.status !== 'met' && mem.status !== 'skipped' && at) {
    const top = Object.entries(at.byType)
      .sort((a, b) => b[1].rss - a[1].rss)
      .slice(0, 3);
    out.push(
      `Memory on the 4 GB pair: peak − idle ${mem.value} RSS; at the peak the largest processes were ${top.map(([k, v]) => `${k} ${fmt(v.rss / 1e6)} MB`).join(', ')}.`,
    );
  }
  for (const t of targets) {
    if (!/^(e2e|verify)-/.test(t.id) || t.status !== 'missed' || t.ratio == null) continue;
    const key = t.id.replace(/^\w+-/, '');
    const ts = key === 'realistic' ? f.pairs.realistic?.tarscope : f.pairs.synthetic?.variants?.[key]?.tarscope;
    const m = ts?.median ?? {};
    if (t.id.startsWith('e2e-')) {
      const parts = [
        m.preliminary != null && `preliminary verdict at ${fmt(m.preliminary)} ms`,
        m.engineStructure != null && `engine: structure ${fmt(m.engineStructure)} ms`,
        m.phaseLayers != null && `reading the differing layers ${fmt(m.phaseLayers)} ms`,
        m.phaseExplain != null && `differ and explainers ${fmt(m.phaseExplain)} ms`,
        m.phaseEvidence != null && `content evidence ${fmt(m.phaseEvidence)} ms`,
        m.outsideEngine != null && `outside the engine (page, Workers' start, rendering) ${fmt(m.outsideEngine)} ms`,
      ].filter(Boolean);
      const layersOverBound = m.phaseLayers != null ? ` The layer reading alone is ${(m.phaseLayers / t.boundMs).toFixed(2)}× the bound.` : '';
      out.push(`${t.title}: ${t.value}, ${t.note}. Profile (medians): ${parts.join(', ')}.${layersOverBound}`);
    } else {
      out.push(
        `${t.title}: ${t.value}, ${t.note}. The engine's own clock for the pass: ${fmt(m.engineVerify)} ms; the bound hashes every blob once per copy, as the pass must.`,
      );
    }
  }
  const ex = by['explain-vs-diffoscope'];
  if (ex?.status === 'missed') {
    const r = f.pairs.realistic;
    const read = r.platform?.floor?.archives;
    out.push(
      `Realistic pair: diffoscope ${fmt(r.diffoscope.medianMs)} ms vs tarscope ${fmt(r.tarscope.median.final)} ms (${ex.value}).` +
        (read
          ? ` Every layer differs, so both archives must be read whole: Chromium alone reads them at ${fmt(read.mbps)} MB/s (${r.platform.workers} Workers, ${read.method}, no tarscope code), ` +
            `${fmt(read.ms)} ms — at best ${(r.diffoscope.medianMs / read.ms).toFixed(1)}× diffoscope for a page that did nothing but read.`
          : ''),
    );
  }
  return out;
}
