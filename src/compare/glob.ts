/**
 * The path filter of the file browser. A query without glob characters is a
 * case-insensitive substring match; a query with `*`, `?`, `[` or `{` is a glob:
 *
 *   `*`  any run of characters except "/"      `?`  one character except "/"
 *   `**` any run including "/" (`**\/` also matches no directory at all)
 *   `[abc]`, `[a-z]`, `[!abc]` character classes   `{py,pyc}` alternatives
 *
 * As in .gitignore, a glob without "/" is matched against the base name (`*.py` finds
 * Python files at any depth); a glob with "/" is matched against the whole path.
 * Paths in the report are normalised (no leading "./" or "/"), so those are stripped
 * from the query too. Globs are case-sensitive, like shell globs on Linux.
 */
export type PathMatcher = (path: string) => boolean;

const GLOB_CHARS = /[*?[{]/;

export function isGlob(query: string): boolean {
  return GLOB_CHARS.test(query);
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Translates a glob into the body of an anchored regular expression. */
export function globToRegExpSource(glob: string): string {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        i++;
        while (glob[i + 1] === '*') i++;
        if (atSegmentStart && glob[i + 1] === '/') {
          out += '(?:.*/)?'; // "**/" matches zero or more directories
          i++;
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      body = body.replace(/[\\\]^]/g, (x) => `\\${x}`);
      out += negate ? `[^/${body}]` : `[${body}]`;
      i = end;
    } else if (c === '{') {
      braceDepth++;
      out += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRe(glob[++i]);
    } else {
      out += escapeRe(c);
    }
  }
  // An unclosed "{" matches literally rather than failing.
  if (braceDepth > 0) return globToRegExpSource(glob.replace(/[{}]/g, (x) => `\\${x}`));
  return out;
}

export function compilePathFilter(query: string): PathMatcher {
  let q = query.trim();
  if (!q) return () => true;
  if (!isGlob(q)) {
    const needle = q.toLowerCase();
    return (path) => path.toLowerCase().includes(needle);
  }
  q = q.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
  const re = new RegExp(`^${globToRegExpSource(q)}$`);
  if (q.includes('/')) return (path) => re.test(path);
  return (path) => re.test(path.slice(path.lastIndexOf('/') + 1));
}
