/**
 * Path globs of the `paths` ignore option ("/var/log/**", "**\/*.pyc", "__pycache__"),
 * matched against the differ's normalised paths (no leading "/" or "./"). The glob syntax is
 * the file browser's (`**`, `*`, `?`, `[…]`, `{a,b}`: src/compare/glob.ts, shared with
 * the page's filter boxes). What is added here is what ignoring needs:
 *
 *  - a pattern ignores a path when it matches the path or one of its ancestor directories
 *    (`var/log` ignores `var/log/apt/history.log`; `/var/log/**` also ignores `var/log` itself,
 *    whose mtime changes when its files do);
 *  - a pattern without "/" matches a name at any depth, as in .gitignore (`*.pyc`, `__pycache__`);
 *  - a pattern without glob characters is a literal path (not the filter box's substring match).
 */
import { globToRegExpSource } from '../glob';

export type PathTest = (path: string) => boolean;

function normalise(p: string): string {
  return p
    .trim()
    .replace(/^(\.\/|\/)+/, '')
    .replace(/\/+$/, '');
}

/** One test for a list of patterns (null when the list has none). */
export function compilePathGlobs(patterns: string[]): PathTest | null {
  const whole: string[] = [];
  const names: string[] = [];
  for (const raw of patterns) {
    let p = normalise(raw);
    if (!p || p === '**') {
      if (raw.trim()) whole.push('.*');
      continue;
    }
    if (p.endsWith('/**')) p = p.slice(0, -3); // the directory and everything below it (ancestors)
    (p.includes('/') ? whole : names).push(globToRegExpSource(p));
  }
  if (!whole.length && !names.length) return null;
  const wholeRe = whole.length ? new RegExp(`^(?:${whole.join('|')})$`) : null;
  const nameRe = names.length ? new RegExp(`^(?:${names.join('|')})$`) : null;
  const self = (p: string) => !!(wholeRe?.test(p) || nameRe?.test(p.slice(p.lastIndexOf('/') + 1)));
  // Directories repeat across 100,000s of paths: each one is tested once.
  const dirs = new Map<string, boolean>();
  const dir = (d: string): boolean => {
    if (!d) return false;
    let v = dirs.get(d);
    if (v === undefined) {
      const i = d.lastIndexOf('/');
      v = self(d) || dir(i < 0 ? '' : d.slice(0, i));
      dirs.set(d, v);
    }
    return v;
  };
  return (path: string) => {
    // The differ's paths are normalised already; only a stray spelling pays for normalise().
    const p = path.startsWith('/') || path.startsWith('./') || path.endsWith('/') ? normalise(path) : path;
    if (!p) return false;
    const i = p.lastIndexOf('/');
    return self(p) || dir(i < 0 ? '' : p.slice(0, i));
  };
}
