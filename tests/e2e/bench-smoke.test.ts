/**
 * The benchmark harness cannot rot: `npm run bench -- --quick` (scripts/bench/run.mjs with
 * tiny data, one run, no diffoscope, no debootstrap, no 4 GB pair) runs end to end — data
 * generation, the built page in Chromium, the native pipelines, the doc — into a temporary
 * directory, and its figures must be sane. The figures themselves mean nothing here (other
 * tests run at the same time); the real benchmark never runs inside `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    // `npm test` has just built dist/; build only when run on its own.
    if (existsSync(join(ROOT, 'dist/index.html'))) args.push('--no-build');
    const t0 = Date.now();
    const { code, stderr } = await run(args);
    expect(code, stderr.slice(-3000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(60_000);

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
      const { tarscope: ts, native } = syn.variants[alg];
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
    }
    expect(f.pairs.realistic.available).toBe(false);
    expect(f.pairs.large.available).toBe(false);

    const ids = f.targets.map((t: { id: string }) => t.id);
    expect(ids).toEqual([
      'explain-vs-diffoscope',
      'finds-what-diffoscope-finds',
      'preliminary-4g',
      'deep-scan-none',
      'deep-scan-gzip',
      'memory-4g',
      'initial-js',
    ]);
    expect(f.targets.find((t: { id: string }) => t.id === 'initial-js').status).toMatch(/^(met|missed)$/);

    const doc = readFileSync(join(out, 'benchmarks.md'), 'utf8');
    expect(doc).toContain('quick smoke mode');
    for (const h of ['## Machine', '## Command', '## Targets', '## Pair (2)', '## JavaScript before the first archive is opened']) expect(doc).toContain(h);
    expect(doc).toContain(f.chromium);
  }, 60_000);
});
