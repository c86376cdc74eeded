/**
 * Pair archives are built once and cached under tests/.fixtures/pairs (git-ignored), keyed
 * by the content of their recipe: the recipe's kind, its JSON parameters, the source text
 * of its build function, PAIRS_VERSION, the image fixtures' FIXTURE_VERSION and the Debian
 * versions of the writers. Change any of them and the archive is rebuilt; nothing else is
 * compared (a helper a build function calls is not part of its source text: bump
 * PAIRS_VERSION when you change one).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, sh, tempDir } from '../support/tools';
import { FIXTURE_VERSION, imageFixtures, type FixtureName, type ImageFixtures } from '../fixtures/images';
import { toolVersions } from '../fixtures/build';

/** Bump when a helper the recipes use changes what it writes. */
export const PAIRS_VERSION = 2;

export const PAIRS_DIR = join(FIXTURES, 'pairs');

export type JsonParams = null | boolean | number | string | JsonParams[] | { [k: string]: JsonParams };

export interface BuildContext {
  /** the image fixtures (tests/fixtures), built when missing */
  fx: ImageFixtures;
  /** an empty scratch directory, removed afterwards */
  work: string;
}

/** How one archive of a pair is made. */
export interface Recipe<P = JsonParams> {
  /** File name of the archive (also the readable part of its cache name). */
  file: string;
  /** Who wrote the bytes, for the catalogue's table. */
  writer: string;
  /** JSON-serialisable: part of the cache key */
  params: P;
  /** Writes the archive to `out`. */
  build(out: string, params: P, ctx: BuildContext): void;
}

/** An archive of a pair: an image fixture as it is, or a recipe. */
export type Source = { fixture: FixtureName } | Recipe<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let versions: Record<string, string> | undefined;

export function recipeKey(r: Recipe<any>): string {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  // the image fixtures' writers, plus python3 (its bytecode is in a pair)
  versions ??= { ...toolVersions(), python3: sh('python3 --version 2>&1').trim() };
  const text = JSON.stringify({ v: PAIRS_VERSION, fixtures: FIXTURE_VERSION, tools: versions, file: r.file, params: r.params, build: r.build.toString() });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Absolute path of a source's archive, built (once) when it is a recipe. */
export async function sourcePath(s: Source): Promise<string> {
  const fx = await imageFixtures();
  if ('fixture' in s) return fx[s.fixture].path;
  const path = join(PAIRS_DIR, `${recipeKey(s)}-${s.file}`);
  if (existsSync(path)) return path;
  mkdirSync(PAIRS_DIR, { recursive: true });
  const work = tempDir('tarscope-pairs-');
  // Built beside its final name and renamed: a reader never sees half a file, and two
  // processes building the same recipe both end with the same bytes.
  const tmp = `${path}.build-${process.pid}`;
  try {
    s.build(tmp, s.params, { fx, work });
    renameSync(tmp, path);
    // older builds of the same file (another key) are stale
    for (const f of readdirSync(PAIRS_DIR)) if (f.endsWith(`-${s.file}`) && join(PAIRS_DIR, f) !== path) rmSync(join(PAIRS_DIR, f), { force: true });
  } catch (err) {
    throw new Error(`pair archive ${s.file}: ${(err as Error).message}`);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
  return path;
}

export function sourceLabel(s: Source): string {
  return 'fixture' in s ? s.fixture : s.file;
}
