/** The `paths` ignore globs: `**`, `*`, `?`, ancestors, names at any depth, leading "/" and "./". */
import { describe, expect, it } from 'vitest';
import { compilePathGlobs } from '../../../../src/compare/explain/paths';

function matches(patterns: string[], path: string): boolean {
  return compilePathGlobs(patterns)!(path);
}

describe('compilePathGlobs', () => {
  it('returns null for no pattern', () => {
    expect(compilePathGlobs([])).toBeNull();
    expect(compilePathGlobs(['  '])).toBeNull();
  });

  it.each([
    [['/var/log/**'], 'var/log/apt/history.log', true],
    [['/var/log/**'], 'var/log', true],
    [['/var/log/**'], 'var/logs/x', false],
    [['/var/log/**'], 'usr/var/log/x', false],
    [['**/*.pyc'], 'app/__pycache__/main.cpython-312.pyc', true],
    [['**/*.pyc'], 'main.pyc', true],
    [['**/*.pyc'], 'app/main.py', false],
    [['*.pyc'], 'a/b/c.pyc', true],
    [['__pycache__'], 'app/__pycache__/main.pyc', true],
    [['var/log'], 'var/log/dpkg.log', true],
    [['var/log'], 'var/logx', false],
    [['./etc/*.conf'], 'etc/app.conf', true],
    [['./etc/*.conf'], 'etc/app/x.conf', false],
    [['etc/host?'], 'etc/hosts', true],
    [['etc/host?'], 'etc/host', false],
    [['etc/**/*.conf'], 'etc/a/b/x.conf', true],
    [['etc/**/*.conf'], 'etc/x.conf', true],
    [['usr/share/{doc,man}/**'], 'usr/share/man/man1/ls.1.gz', true],
    [['no/such', '/var/cache/ldconfig/aux-cache'], 'var/cache/ldconfig/aux-cache', true],
    [['**'], 'anything/at/all', true],
  ])('%j matches %s: %s', (patterns, path, expected) => {
    expect(matches(patterns, path)).toBe(expected);
  });
});
