/**
 * The fuzz loop: for a target, a seed and a time budget, mutate seeds and check the oracle
 * (targets.ts) on each case. A failure records the target, the run seed, the iteration and
 * the error, and (when `crashDir` is given) writes the input to `<target>-<sha1>.bin`, the
 * form tests/fuzz/regressions/ keeps and fuzz.test.ts replays.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TarscopeError } from '../../src/io/errors';
import { Rng, mutate } from './mutate';
import type { Target } from './targets';

/** One case may take this long, plus PER_KIB_MS for each KiB of input: longer is a hang or
 *  worse than linear work (synchronous readers cannot be interrupted, so it is measured;
 *  vitest's testTimeout catches a loop that never returns). The per-KiB part: a mutated
 *  manifest.json of 3001 images (800 KiB) took 0.5-2.3 s on a loaded 2-core machine, and
 *  4000 vs 8000 images took the same time per image (linear, not a hang). */
export const CASE_MS = 2000;
export const PER_KIB_MS = 2;

export interface Failure {
  target: string;
  seed: number;
  iteration: number;
  error: string;
  file?: string;
  bytes: Uint8Array;
}

export interface FuzzResult {
  executions: number;
  failures: Failure[];
}

/** null when the case passes the oracle, else why not. */
export async function check(t: Target, bytes: Uint8Array, r: Rng, caseMs = CASE_MS + PER_KIB_MS * Math.ceil(bytes.length / 1024)): Promise<string | null> {
  const t0 = performance.now();
  try {
    await t.run(bytes, r);
  } catch (e) {
    if (!(e instanceof TarscopeError))
      return `not a TarscopeError: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e)}`;
    if (e.code === 'internal') return `internal error: ${e.message}`;
    if (!e.message.startsWith(`${e.component}:`) && !e.message.includes(e.component)) return `error without its component: ${e.message}`;
  }
  const ms = performance.now() - t0;
  return ms > caseMs ? `took ${Math.round(ms)} ms (bound ${caseMs} ms)` : null;
}

export async function fuzz(t: Target, opts: { seed: number; ms: number; maxFailures?: number; crashDir?: string }): Promise<FuzzResult> {
  const seeds = t.seeds();
  const r = new Rng(opts.seed);
  const failures: Failure[] = [];
  const end = performance.now() + opts.ms;
  let i = 0;
  for (; performance.now() < end && failures.length < (opts.maxFailures ?? 10); i++) {
    const base = r.pick(seeds);
    let bytes = i < seeds.length ? seeds[i] : mutate(base, r, t.mutators, seeds);
    if (t.special && i >= seeds.length && r.chance(0.3)) bytes = t.special(r.chance(0.5) ? base : bytes, r);
    const why = await check(t, bytes, new Rng(opts.seed ^ i));
    if (why) {
      const f: Failure = { target: t.name, seed: opts.seed, iteration: i, error: why, bytes };
      if (opts.crashDir) {
        mkdirSync(opts.crashDir, { recursive: true });
        f.file = join(opts.crashDir, `${t.name}-${createHash('sha1').update(bytes).digest('hex').slice(0, 12)}.bin`);
        writeFileSync(f.file, bytes);
      }
      failures.push(f);
    }
  }
  return { executions: i, failures };
}
