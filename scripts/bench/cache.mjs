// Generated data lives in a cache directory (tests/.fixtures/bench/, git-ignored) and is
// reused when its stamp matches: the stamp is a JSON of everything the data depends on
// (generator version and parameters). A missing or different stamp means: regenerate.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CACHE = join(ROOT, 'tests/.fixtures/bench');

const stampPath = (dir) => join(dir, 'stamp.json');

export function stampMatches(dir, stamp) {
  try {
    return readFileSync(stampPath(dir), 'utf8') === JSON.stringify(stamp, null, 2);
  } catch {
    return false;
  }
}

/**
 * Returns the cached data in `dir` when the stamp matches, or clears `dir`, runs
 * `make(dir)` (which returns a JSON-able description of what it made, kept as meta.json)
 * and writes the stamp last, so an interrupted generation is never mistaken for a complete one.
 */
export async function cached(dir, stamp, make, log = () => {}) {
  if (stampMatches(dir, stamp) && existsSync(join(dir, 'meta.json'))) {
    log(`reusing ${dir}`);
    return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const meta = await make(dir);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
  writeFileSync(stampPath(dir), JSON.stringify(stamp, null, 2));
  return meta;
}
