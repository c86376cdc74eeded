import { describe, it, expect } from 'vitest';
import { compilePathFilter, globToRegExpSource, isGlob } from '../../../src/compare/glob';

const PATHS = [
  'app/main.py',
  'app/lib/util.py',
  'app/lib/util.pyc',
  'usr/lib/python3/dist-packages/six.py',
  'usr/bin/python3',
  'etc/os-release',
  'main.py',
  'README.md',
];

function matching(query: string): string[] {
  const m = compilePathFilter(query);
  return PATHS.filter(m);
}

describe('path filter', () => {
  it('matches everything when empty', () => {
    expect(matching('  ')).toEqual(PATHS);
  });
  it('treats plain text as a case-insensitive substring', () => {
    expect(isGlob('python')).toBe(false);
    expect(matching('PYTHON')).toEqual(['usr/lib/python3/dist-packages/six.py', 'usr/bin/python3']);
    expect(matching('readme')).toEqual(['README.md']);
  });
  it('**/ matches any depth including none', () => {
    expect(matching('**/*.py')).toEqual(['app/main.py', 'app/lib/util.py', 'usr/lib/python3/dist-packages/six.py', 'main.py']);
  });
  it('a glob without a slash matches base names at any depth (like .gitignore)', () => {
    expect(matching('*.py')).toEqual(matching('**/*.py'));
    expect(matching('python?')).toEqual(['usr/bin/python3']);
  });
  it('* does not cross directories; ** does', () => {
    expect(matching('app/*.py')).toEqual(['app/main.py']);
    expect(matching('app/**')).toEqual(['app/main.py', 'app/lib/util.py', 'app/lib/util.pyc']);
    expect(matching('usr/**/six.py')).toEqual(['usr/lib/python3/dist-packages/six.py']);
  });
  it('supports classes, negated classes and alternatives', () => {
    expect(matching('app/lib/util.py[c]')).toEqual(['app/lib/util.pyc']);
    expect(matching('**/util.{py,pyc}')).toEqual(['app/lib/util.py', 'app/lib/util.pyc']);
    expect(matching('[!m]*.py')).toEqual(['app/lib/util.py', 'usr/lib/python3/dist-packages/six.py']);
    expect(matching('[a-m]*.py')).toEqual(['app/main.py', 'main.py']);
  });
  it('ignores a leading ./ or / in the query (report paths are normalised)', () => {
    expect(matching('/etc/*')).toEqual(['etc/os-release']);
    expect(matching('./etc/*')).toEqual(['etc/os-release']);
  });
  it('escapes regular-expression characters and tolerates unclosed brackets', () => {
    expect(globToRegExpSource('a+b.(c)')).toBe('a\\+b\\.\\(c\\)');
    expect(compilePathFilter('x[y*')('x[yz')).toBe(true);
    expect(compilePathFilter('{a,b')('{a,b')).toBe(true);
  });
});
