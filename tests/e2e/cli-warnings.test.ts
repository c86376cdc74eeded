/**
 * Issue 12, point 4, from the findings: "An archive that ends exactly at an entry boundary
 * with no end-of-archive blocks exits 0 without saying it may be truncated." `tarscope
 * inspect` now says so on stderr (and in the report), and still exits 0, as GNU tar does.
 * Runs the built CLI (dist-cli; bin/tarscope.mjs builds it when missing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../support/tools';
import { buildTar } from '../builders/tar';

const BIN = join(ROOT, 'bin/tarscope.mjs');
let tmp: string;

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TARSCOPE_PROGRESS: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

beforeAll(() => {
  tmp = tempDir('tarscope-cli-warn-');
  // npm test builds dist-cli first; no rebuild here (tests/e2e/cli.test.ts rebuilds, and a
  // second rebuild running beside it would replace the directory it runs from).
  expect(cli(['--version']).status).toBe(0);
});

describe('tarscope inspect: reader warnings', () => {
  it('an archive with no end-of-archive marker: exit 0, and stderr says it may be truncated', () => {
    writeFileSync(join(tmp, 'cut.tar'), buildTar([{ name: 'a', data: 'x' }], { endBlocks: 0 }));
    const r = cli(['inspect', 'cut.tar', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('tarscope: warning: tar: no end-of-archive marker: the archive ends at offset 1024 right after an entry, and may be truncated\n');
    expect(JSON.parse(r.stdout).inputs[0].warnings[0].code).toBe('no-end-marker');
  });

  it('a clean archive: no warning', () => {
    writeFileSync(join(tmp, 'ok.tar'), buildTar([{ name: 'a', data: 'x' }]));
    const r = cli(['inspect', 'ok.tar', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
