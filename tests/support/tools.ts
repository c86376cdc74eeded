/**
 * Node-side helpers for tests that make fixtures with real writers (GNU tar, gzip, pigz,
 * zstd, skopeo, umoci). Fixtures go to tests/.fixtures/ (git-ignored) and are rebuilt
 * when missing. scripts/ensure-system-deps.mjs makes sure the tools are installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

export const ROOT = resolve(__dirname, '../..');
export const FIXTURES = join(ROOT, 'tests/.fixtures');
/** Real third-party archives (see ../shared/corpus-real/SOURCES.md); never copied into the repo. */
export const CORPUS = resolve(ROOT, '../shared/corpus-real');
export const hasCorpus = existsSync(join(CORPUS, 'SOURCES.md'));

export function fixturePath(...parts: string[]): string {
  const p = join(FIXTURES, ...parts);
  mkdirSync(join(p, '..'), { recursive: true });
  return p;
}

export function tempDir(prefix = 'tarscope-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a shell command (bash, -e); throws with its stderr on failure. */
export function sh(script: string, opts: { cwd?: string; env?: Record<string, string> } = {}): string {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
