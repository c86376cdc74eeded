// npm run fuzz -- [--seconds N] [--seed S] [--target NAME]
// Long fuzz runs: the loop of tests/fuzz/ (targets.ts, runner.ts) run through vitest (it
// compiles the TypeScript) with N seconds per target and seed S (default: the time, printed).
// Each failing input is printed with its target, seed and iteration and written to
// tests/fuzz/crashes/<target>-<hash>.bin; copy it to tests/fuzz/regressions/ to keep it
// replayed by npm test once fixed (tests/fuzz/README.md).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const seconds = Number(opt('seconds', '60'));
const seed = Number(opt('seed', String(Date.now() % 2 ** 31)));
const target = opt('target', '');
console.log(`fuzz: ${seconds} s per target, seed ${seed}${target ? `, target ${target}` : ''}`);
const r = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'unit', 'tests/fuzz/fuzz.test.ts', '-t', target ? `fuzz \\(fixed seed, time-bounded\\) ${target}$` : 'fuzz \\(fixed seed'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_SECONDS: String(seconds), FUZZ_SEED: String(seed), FUZZ_CRASHES: join(root, 'tests/fuzz/crashes') },
  },
);
process.exit(r.status ?? 1);
