/**
 * `tarscope inspect A --lowest-efficiency R --highest-wasted-bytes N --highest-user-wasted-percent R`
 * (dive's CI rules) end to end on dive's own test image (../shared/corpus-real/
 * dive__test-docker-image.tar, dive's .data/test-docker-image.tar). The thresholds are the
 * table of dive's `runtime/ci/evaluator_test.go`, Test_Evaluator: "allPass" {0.9, 50kB, 0.5}
 * passes every rule, "allFail" {0.99, 1B, 0.01} fails every rule, "misconfiguredHigh"
 * {1.1, 1BB, 10} is refused (dive: misconfigured; tarscope: bad usage, exit 2). The exit code is
 * the same in every format, and every format shows the rules.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus, ROOT } from '../support/tools';
import { inspectionSchemaErrors } from '../support/schema';

const BIN = join(ROOT, 'bin/tarscope.mjs');
const IMAGE = join(CORPUS, 'dive__test-docker-image.tar');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', TARSCOPE_PROGRESS: '0', ...env }, encoding: 'utf8', timeout: 180_000 });

const PASS = ['--lowest-efficiency', '0.9', '--highest-wasted-bytes', '50kB', '--highest-user-wasted-percent', '0.5'];
const FAIL = ['--lowest-efficiency', '0.99', '--highest-wasted-bytes', '1B', '--highest-user-wasted-percent', '0.01'];
const FORMATS = ['text', 'json', 'markdown', 'html'] as const;

describe.skipIf(!hasCorpus)("tarscope inspect: dive's CI rules on dive's test image", () => {
  beforeAll(() => {
    const built = run(['--version'], { TARSCOPE_REBUILD_CLI: '1' });
    expect(built.status, built.stderr).toBe(0);
  }, 240_000);

  it.each(FORMATS)(
    'thresholds that pass exit 0, the rules shown as passed (%s)',
    (format) => {
      const r = run(['inspect', IMAGE, '-f', format, ...PASS]);
      expect(r.status, r.stderr).toBe(0);
      for (const rule of ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent']) expect(r.stdout).toContain(rule);
      if (format === 'json') {
        const report = JSON.parse(r.stdout);
        expect(inspectionSchemaErrors(report)).toEqual([]);
        expect(report.ci.pass).toBe(true);
        expect(report.ci.rules.map((x: { status: string }) => x.status)).toEqual(['pass', 'pass', 'pass']);
        // dive's figures (image_archive_analysis_test.go), as the rules saw them.
        expect(report.ci.rules.map((x: { images: { value: number }[] }) => x.images[0].value)).toEqual([0.9844212134184309, 32025, 0.4834911001404049]);
      } else expect(r.stdout).toMatch(/PASS/);
    },
    180_000,
  );

  it.each(FORMATS)(
    'thresholds that fail exit 1, every rule shown as failed (%s)',
    (format) => {
      const r = run(['inspect', IMAGE, '-f', format, ...FAIL]);
      expect(r.status, r.stderr).toBe(1);
      if (format === 'json') {
        const report = JSON.parse(r.stdout);
        expect(inspectionSchemaErrors(report)).toEqual([]);
        expect(report.ci.pass).toBe(false);
        expect(report.ci.rules.map((x: { status: string }) => x.status)).toEqual(['fail', 'fail', 'fail']);
      } else {
        expect(r.stdout.match(/FAIL/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
        expect(r.stdout).toContain('CI rules failed');
      }
    },
    180_000,
  );

  it("--ci alone applies dive's defaults (0.9, disabled, 0.1): the user-wasted rule fails, exit 1", () => {
    const r = run(['inspect', IMAGE, '--ci', '-f', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const ci = JSON.parse(r.stdout).ci;
    expect(ci.rules.map((x: { rule: string; status: string }) => `${x.rule}:${x.status}`)).toEqual([
      'lowestEfficiency:pass',
      'highestWastedBytes:skip',
      'highestUserWastedPercent:fail',
    ]);
  }, 180_000);

  it('one rule failing is enough; thresholds outside 0–1 or sizes dive cannot parse are bad usage (exit 2)', () => {
    expect(run(['inspect', IMAGE, '--highest-wasted-bytes', '32024']).status).toBe(1);
    expect(run(['inspect', IMAGE, '--highest-wasted-bytes', '32025']).status).toBe(0);
    for (const bad of [
      ['--lowest-efficiency', '1.1'],
      ['--highest-wasted-bytes', '1BB'],
      ['--highest-user-wasted-percent', '10'],
      ['--highest-wasted-bytes', '-1BB'],
    ]) {
      const r = run(['inspect', IMAGE, ...bad]);
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr).toContain(bad[0]);
    }
    expect(run(['diff', IMAGE, IMAGE, '--lowest-efficiency', '0.5']).status).toBe(2);
  }, 180_000);
});
