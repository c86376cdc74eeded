/**
 * Issue 12, point 5: a fixed-seed, time-bounded fuzz run of every target (targets.ts) in
 * `npm test`, and the replay of every input a fuzz run ever found (tests/fuzz/regressions/,
 * named `<target>-<hash>.bin`). `npm run fuzz -- --seconds N --seed S` runs the same loop
 * for longer (scripts/fuzz.mjs sets FUZZ_SECONDS / FUZZ_SEED / FUZZ_CRASHES). README.md says more.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { TarscopeError } from '../../src/io/errors';
import { join } from 'node:path';
import { Rng } from './mutate';
import { CASE_MS, check, fuzz } from './runner';
import { TARGETS, type Target } from './targets';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
/** Per target: 6 targets x 2.5 s = 15 s in npm test. */
const MS = Number(process.env.FUZZ_SECONDS ?? 0) * 1000 || 2500;
const CRASHES = process.env.FUZZ_CRASHES;
const REGRESSIONS = join(__dirname, 'regressions');

describe('fuzz (fixed seed, time-bounded)', () => {
  for (const t of TARGETS) {
    it(t.name, { timeout: MS + 60_000 }, async () => {
      const res = await fuzz(t, { seed: SEED, ms: MS, crashDir: CRASHES });
      if (process.env.FUZZ_SECONDS) console.log(`fuzz ${t.name}: ${res.executions} executions, seed ${SEED}, ${res.failures.length} failures`);
      expect(res.executions).toBeGreaterThan(t.seeds().length);
      expect(res.failures.map((f) => `${f.target} seed ${f.seed} iteration ${f.iteration}${f.file ? ` (${f.file})` : ''}: ${f.error}`)).toEqual([]);
    });
  }
});

describe('the oracle', () => {
  const target = (run: () => void): Target => ({ name: 't', seeds: () => [new Uint8Array(1)], mutators: [], run });
  const r = new Rng(1);
  it('passes typed errors and rejects everything else', async () => {
    expect(
      await check(
        target(() => {}),
        new Uint8Array(1),
        r,
      ),
    ).toBeNull();
    const typed = new TarscopeError({ code: 'corrupt', component: 'tar', message: 'tar: bad' });
    expect(
      await check(
        target(() => {
          throw typed;
        }),
        new Uint8Array(1),
        r,
      ),
    ).toBeNull();
    expect(
      await check(
        target(() => {
          throw new RangeError('boom');
        }),
        new Uint8Array(1),
        r,
      ),
    ).toMatch(/^not a TarscopeError: RangeError: boom/);
    const internal = new TarscopeError({ code: 'internal', component: 'tar', message: 'tar: oops' });
    expect(
      await check(
        target(() => {
          throw internal;
        }),
        new Uint8Array(1),
        r,
      ),
    ).toBe('internal error: tar: oops');
    expect(
      await check(
        target(() => {
          const t = performance.now();
          while (performance.now() - t < 150);
        }),
        new Uint8Array(1),
        r,
        100,
      ),
    ).toMatch(/^took \d+ ms \(bound 100 ms\)$/);
    expect(CASE_MS).toBe(2000);
  });

  it('finds a planted bug and writes the input', async () => {
    const planted: Target = {
      ...TARGETS[0],
      name: 'planted',
      run: (b) => {
        if (b.length % 512 !== 0) throw new Error('planted');
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'tarscope-fuzz-'));
    const res = await fuzz(planted, { seed: 1, ms: 2000, maxFailures: 1, crashDir: dir });
    expect(res.failures).toHaveLength(1);
    expect(readFileSync(res.failures[0].file!)).toEqual(Buffer.from(res.failures[0].bytes));
  });
});

describe('fuzz regressions (inputs fuzzing found, replayed)', () => {
  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.bin'));
  it('every regression names its target', () => {
    for (const f of files)
      expect(
        TARGETS.some((t) => f.startsWith(`${t.name}-`)),
        f,
      ).toBe(true);
  });
  for (const f of files) {
    it(f, async () => {
      const t = TARGETS.find((x) => f.startsWith(`${x.name}-`));
      expect(t, `no target for ${f}`).toBeDefined();
      const bytes = new Uint8Array(readFileSync(join(REGRESSIONS, f)));
      // every chunking the target may pick
      for (let s = 0; s < 8; s++) expect(await check(t!, bytes, new Rng(s))).toBeNull();
    });
  }
});
