/**
 * The benchmark harness cannot rot: `npm run bench -- --quick` (scripts/bench/run.mjs with
 * tiny data, one run, no diffoscope, no debootstrap, no 4 GB pair) runs end to end — data
 * generation, the built page in Chromium, the native pipelines, the platform's bounds (read
 * methods, DecompressionStream, zstd-wasm, SHA-256 in wasm), the gzip bomb, the doc — into a
 * temporary directory, and its figures must be sane. The doc it writes into starts as a copy of
 * docs/benchmarks.md: the run must replace its own sections and keep the others. The figures themselves mean nothing here (other
 * tests run at the same time); the real benchmark never runs inside `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSections } from '../../scripts/bench/doc.mjs';
import { ROOT, tempDir } from '../support/tools';

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  it('writes the doc and figures with sane values', async () => {
    const out = tempDir('tarscope-bench-smoke-');
    const args = ['scripts/bench/run.mjs', '--quick', '--out', out];
    const source = readFileSync(join(ROOT, 'docs/benchmarks.md'), 'utf8');
    writeFileSync(join(out, 'benchmarks.md'), source);
    // `npm test` has just built dist/; build only when run on its own.
    if (existsSync(join(ROOT, 'dist/index.html'))) args.push('--no-build');
    const t0 = Date.now();
    const { code, stderr } = await run(args);
    expect(code, stderr.slice(-3000)).toBe(0);
    // ~50 s on an idle 2-core machine, ~100 s at load 10 (three pairs, their native pipelines and
    // platform bounds in a browser each, the bomb).
    expect(Date.now() - t0).toBeLessThan(180_000);

    const f = JSON.parse(readFileSync(join(out, 'figures.json'), 'utf8'));
    expect(f.quick).toBe(true);
    expect(f.machine.nproc).toBeGreaterThan(0);
    expect(f.chromium).toMatch(/^\d+\.\d+/);
    expect(f.jsSize.observed.files.length).toBeGreaterThan(0);
    expect(f.jsSize.observed.gzipBytes).toBeGreaterThan(1000);
    expect(f.jsSize.static.gzipBytes).toBeGreaterThan(1000);

    const syn = f.pairs.synthetic;
    expect(syn.available).toBe(true);
    for (const alg of ['none', 'gzip', 'zstd']) {
      const { tarscope: ts, native, platform: pl } = syn.variants[alg];
      expect(['inspect', 'compare']).toContain(ts.mode);
      expect(ts.errors).toEqual([]);
      expect(ts.scanned.layers).toBeGreaterThanOrEqual(8);
      expect(ts.bytes).toBeGreaterThan(1e6);
      expect(ts.median.final).toBeGreaterThan(0);
      expect(ts.median.final).toBeLessThan(40_000);
      expect(ts.median.deepScanMbps).toBeGreaterThan(0);
      expect(ts.median.idleRss).toBeGreaterThan(10e6);
      expect(ts.median.deltaRss).toBeGreaterThan(0);
      expect(ts.median.deltaRss).toBeLessThan(4e9);
      expect(native.bytes).toBe(ts.bytes);
      expect(native.pipelines['tar-list'].mbps).toBeGreaterThan(0);
      if (!syn.tarwalk.error) expect(native.pipelines['walk-sha256'].mbps).toBeGreaterThan(0);
      // The bounds: every read method on the blobs that must be read, the decoder alone, and the
      // verification (digests checked in the Worker against the generator's) on every blob.
      expect(pl.error).toBeUndefined();
      expect(pl.sets.scan.files).toBe(4);
      expect(pl.sets.all.files).toBe(16);
      for (const m of ['read-byob', 'read-default', 'read-slice']) expect(pl.stages[`scan:${m}`].medianMs).toBeGreaterThan(0);
      expect(pl.floor.scan.ms).toBe(Math.min(...['read-byob', 'read-default', 'read-slice'].map((m) => pl.stages[`scan:${m}`].medianMs)));
      expect(pl.stages['all:verify'].inBytes).toBe(pl.sets.all.bytes);
      expect(pl.stages['sha256-mem'].mbps).toBeGreaterThan(0);
      if (alg === 'gzip') expect(pl.stages['scan:inflate'].outBytes).toBeGreaterThan(pl.stages['scan:inflate'].inBytes);
      if (alg === 'zstd') expect(pl.stages['scan:zstd'].outBytes).toBeGreaterThan(pl.stages['scan:zstd'].inBytes);
    }
    const bomb = f.pairs.bomb;
    expect(bomb.available).toBe(true);
    expect(bomb.data.layer.uncompressedSize).toBeGreaterThan(64 * 2 ** 20);
    expect(bomb.tarscope.mode).toBe('inspect');
    expect(bomb.tarscope.median.final).toBeGreaterThan(0);
    expect(bomb.tarscope.median.deltaRss).toBeGreaterThan(0);
    expect(f.pairs.realistic.available).toBe(false);
    expect(f.pairs.large.available).toBe(false);

    const ids = f.targets.map((t: { id: string }) => t.id);
    expect(ids).toEqual([
      'e2e-realistic',
      'e2e-none',
      'e2e-gzip',
      'e2e-zstd',
      'explain-vs-diffoscope',
      'finds-what-diffoscope-finds',
      'preliminary-4g',
      'deep-scan-none',
      'deep-scan-gzip',
      'memory-4g',
      'verify-realistic',
      'verify-none',
      'verify-gzip',
      'verify-zstd',
      'memory-bomb',
      'initial-js',
    ]);
    const target = (id: string) => f.targets.find((t: { id: string }) => t.id === id);
    expect(target('initial-js').status).toMatch(/^(met|missed)$/);
    expect(target('memory-bomb').status).toMatch(/^(met|missed)$/);
    // Each issue-14 ratio is tarscope's time over the bound measured in the same run.
    for (const [id, key] of [
      ['e2e-none', 'none'],
      ['e2e-gzip', 'gzip'],
    ]) {
      const t = target(id);
      if (syn.variants[key].tarscope.mode !== 'compare') continue;
      expect(t.status, id).toMatch(/^(met|missed)$/);
      expect(t.ratio).toBeCloseTo(syn.variants[key].tarscope.median.final / t.boundMs, 6);
    }
    expect(target('e2e-none').boundMs).toBe(syn.variants.none.platform.floor.scan.ms);
    expect(target('e2e-gzip').boundMs).toBe(syn.variants.gzip.platform.stages['scan:inflate'].medianMs);

    const doc = readFileSync(join(out, 'benchmarks.md'), 'utf8');
    expect(doc).toContain('quick smoke mode');
    for (const h of ['## Machine', '## Command', '## Targets', '## Pair (2)', '## JavaScript before the first archive is opened']) expect(doc).toContain(h);
    expect(doc).toContain(f.chromium);
    expect(doc).toContain('**read floor**');
    expect(doc).toContain('### Page: a gzip layer inflating to 64.0 MiB of zeros');
    // The sections other commands own came through byte for byte; the run's own were replaced.
    const sections = (text: string) => Object.fromEntries(parseSections(text).flatMap((p) => (p.name ? [[p.name, p.raw]] : [])));
    const before = sections(source);
    const after = sections(doc);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) if (name !== 'bench' && name !== 'bomb') expect(after[name], name).toBe(before[name]);
    expect(after.bench).not.toBe(before.bench);
    expect(doc.match(/^# Benchmarks$/gm)).toHaveLength(1);
  }, 180_000);
});
