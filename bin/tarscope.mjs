#!/usr/bin/env node
// tarscope's command-line entry. Loads the built CLI (dist-cli/tarscope.mjs, from
// `npm run build:cli`); in a fresh clone, after `npm ci`, it builds it first (vite is a
// devDependency), so `npx tarscope` works without a build step. Set
// TARSCOPE_REBUILD_CLI=1 to rebuild after changing the sources.
//
// Build output goes to stderr: stdout carries the report. The build writes into a
// private directory and renames it into place, so concurrent first runs do not collide.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist-cli');
const entry = join(outDir, 'tarscope.mjs');

function fail(message) {
  process.stderr.write(`tarscope: ${message}\n`);
  process.exit(2);
}

function build() {
  let vite;
  try {
    const pkg = createRequire(join(root, 'package.json')).resolve('vite/package.json');
    vite = join(dirname(pkg), 'bin', 'vite.js');
  } catch {
    fail(`${entry} is missing and vite is not installed to build it: run "npm ci" then "npm run build:cli"`);
  }
  const tmp = join(root, `dist-cli.build-${process.pid}`);
  process.stderr.write('tarscope: building the CLI (first run) …\n');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', tmp, '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    fail(`building the CLI failed (vite exited with ${r.status ?? r.signal})`);
  }
  if (process.env.TARSCOPE_REBUILD_CLI === '1') rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(tmp, outDir);
  } catch (e) {
    // Another first run got there first: use its build.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(entry)) fail(`cannot install the CLI build in ${outDir}: ${e.message}`);
  }
}

if (!existsSync(entry) || process.env.TARSCOPE_REBUILD_CLI === '1') build();
const { run } = await import(pathToFileURL(entry).href);
process.exitCode = await run(process.argv.slice(2));
