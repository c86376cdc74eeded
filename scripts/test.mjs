// `npm test`: every test of the project, on a bare machine of this kind.
// 1. system packages (Chromium, real archive writers) — installed as root on Debian;
// 2. type check of every runtime project (`tsc -b`: tsconfig.worker/dom/node.json);
// 3. the folder rules (scripts/check-imports.mjs) and the linter + format check (Biome): each
//    counts as one test, passed or failed, in the closing line;
// 4. the production build (the end-to-end tests open it);
// 5. vitest: the Node project (unit, corpus, e2e) and the Chromium project (workers, wasm, UI).
// Ends with one plain line "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSystemDeps } from './ensure-system-deps.mjs';

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

try {
  ensureSystemDeps();
} catch (e) {
  console.error(e.message);
  process.exit(2);
}

const extra = process.argv.slice(2);
let status = 0;
if (extra.length === 0) {
  status = run('npx', ['tsc', '-b']);
  if (status !== 0) {
    console.error('type check failed');
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}
if (extra.length === 0 && run('node', ['scripts/check-wasm.mjs']) !== 0) {
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}
// Checks that are tests of their own: a failure is printed and counted, and the rest still runs.
const checks = [];
if (extra.length === 0) {
  for (const [name, cmd, args] of [
    ['folder rules (npm run check:imports)', 'node', ['scripts/check-imports.mjs']],
    ['lint and format (npm run lint)', 'npx', ['biome', 'ci', '.']],
  ]) {
    const ok = run(cmd, args) === 0;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
    checks.push(ok);
  }
}
const checksPassed = checks.filter(Boolean).length;
const checksFailed = checks.length - checksPassed;
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.error('build failed');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('tests/.out', { recursive: true });
// Benchmarks written as Vitest files (tests/bench/: the page's longest main-thread task, the cost
// of package reading) are not run here: `npm run bench:responsiveness`, `npm run bench:packages`.
const runs = [extra];
const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
runs.forEach((args, i) => {
  const out = `tests/.out/vitest${i ? `-${i}` : ''}.json`;
  rmSync(out, { force: true });
  const s = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args]);
  if (s !== 0) status = s;
  if (!existsSync(out)) {
    status = status || 1;
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  totals.total += r.numTotalTests;
});

if (checksFailed > 0) console.log(`\nfailed checks: ${checksFailed} (see FAIL above)`);
console.log(`\ntests: ${totals.passed + checksPassed} passed, ${totals.failed + checksFailed} failed, ${totals.skipped} skipped`);
if (totals.total === 0) status = 1;
if (checksFailed > 0) status = 1;
process.exit(status);
