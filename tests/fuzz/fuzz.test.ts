/**
 * Issue 12, point 5: a fixed-seed, time-bounded fuzz run of every target (targets.ts) in
 * `npm test`, and the replay of every input a fuzz run ever found (tests/fuzz/regressions/,
 * named `<target>-<hash>.bin`). `npm run fuzz -- --seconds N --seed S` runs the same loop
 * for longer (scripts/fuzz.mjs sets FUZZ_SECONDS / FUZZ_SEED / FUZZ_CRASHES). README.md says more.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from './mutate';
import { check, fuzz } from './runner';
import { TARGETS } from './targets';

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
