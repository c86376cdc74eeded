/**
 * The remedy composition (src/compare/explain/remedy.ts): which builder's setting a time
 * remedy names, and one sentence per kind of file that never names another kind's tools.
 */
import { describe, expect, it } from 'vitest';
import { BUILDER_NAMES, type Builder, type BuilderId } from '../../../../src/compare/explain/builder';
import { builderSentence, kindsRemedy } from '../../../../src/compare/explain/remedy';
import { fileKind } from '../../../../src/compare/explain/file-kinds';

const b = (id: BuilderId): Builder => ({ id, name: BUILDER_NAMES[id], evidence: `evidence of ${id}` });
const other = (ps: string[]) => `A real change in ${ps.join(', ')}.`;

describe('builderSentence: the builder the images name, its setting first', () => {
  it('no builder recognised: null (the catalog remedy stays)', () => {
    expect(builderSentence('fileTimes', { a: b('unknown'), b: b('unknown') })).toBeNull();
  });
  it.each<[BuilderId, string[], string[]]>([
    ['buildkit', ['rewrite-timestamp=true', 'SOURCE_DATE_EPOCH'], ['buildah', 'kaniko', '--timestamp']],
    ['buildah', ['--timestamp', '--source-date-epoch', '--rewrite-timestamp'], ['BuildKit', 'kaniko', 'rewrite-timestamp=true']],
    ['kaniko', ['--reproducible'], ['BuildKit', 'buildah', 'rewrite-timestamp']],
    ['docker-legacy', ['no setting', 'BuildKit', 'rewrite-timestamp=true'], ['buildah', 'kaniko']],
    ['jib', ['filesModificationTime'], ['BuildKit', 'buildah', 'kaniko']],
    ['ko', ['KO_DATA_DATE_EPOCH'], ['BuildKit', 'buildah', 'kaniko']],
    ['apko', ['SOURCE_DATE_EPOCH'], ['BuildKit', 'buildah', 'kaniko']],
    ['bazel', ['--stamp'], ['BuildKit', 'buildah', 'kaniko']],
  ])('%s on both sides', (id, has, hasNot) => {
    const s = builderSentence('fileTimes', { a: b(id), b: b(id) })!;
    expect(s).toMatch(/built both images \(evidence of /);
    for (const x of has) expect(s).toContain(x);
    for (const x of hasNot) expect(s).not.toContain(x);
  });
  it('two builders: says so, then each one’s setting', () => {
    const s = builderSentence('configTimes', { a: b('docker-legacy'), b: b('kaniko') })!;
    expect(s).toMatch(
      /^A was built by the legacy docker builder \(evidence of docker-legacy\), B by kaniko \(evidence of kaniko\): build both with the same builder\./,
    );
    expect(s).toContain('--reproducible');
    expect(s).not.toContain('buildah');
  });
  it('one side recognised: names that side', () => {
    expect(builderSentence('configTimes', { a: b('unknown'), b: b('buildah') })).toMatch(/^B was built by buildah .*--timestamp/);
  });
});

describe('kindsRemedy: one sentence per kind of file', () => {
  it.each<[string, string[], string[]]>([
    [
      'usr/lib/python3/dist-packages/x/__pycache__/y.cpython-311.pyc',
      ['PYTHONDONTWRITEBYTECODE', 'compileall'],
      ['/var/log', 'apt-get', 'strip-nondeterminism'],
    ],
    ['var/log/apt/history.log', ['same RUN step'], ['PYTHONDONTWRITEBYTECODE', 'apt-get install']],
    ['var/lib/dpkg/status', ['apt-get install pkg=version', 'snapshot.debian.org'], ['PYTHONDONTWRITEBYTECODE', 'strip-nondeterminism']],
    ['lib/apk/db/installed', ['apk add pkg=version'], ['apt-get', 'dnf']],
    ['var/lib/rpm/rpmdb.sqlite', ['dnf install'], ['apt-get', 'apk']],
    ['opt/app/lib/app.jar', ['project.build.outputTimestamp', 'preserveFileTimestamps', 'strip-nondeterminism'], ['PYTHONDONTWRITEBYTECODE', 'gzip -n']],
    ['usr/share/doc/x/changelog.gz', ['gzip -n'], ['PYTHONDONTWRITEBYTECODE', 'strip-nondeterminism']],
    ['etc/app/config.yaml', ['A real change in etc/app/config.yaml'], ['PYTHONDONTWRITEBYTECODE', 'apt-get', 'gzip']],
  ])('%s', (path, has, hasNot) => {
    const s = kindsRemedy([path], other);
    for (const x of has) expect(s).toContain(x);
    for (const x of hasNot) expect(s).not.toContain(x);
  });
  it('several kinds: the one with most paths first, the rest after', () => {
    const s = kindsRemedy(['a/x.pyc', 'var/lib/dpkg/status', 'b/y.pyc', 'etc/z.conf'], other);
    expect(s.indexOf('PYTHONDONTWRITEBYTECODE')).toBeLessThan(s.indexOf('apt-get install'));
    expect(s).toMatch(/A real change in etc\/z\.conf\.$/);
  });
  it('`only`: a kind outside it counts as any other file', () => {
    expect(kindsRemedy(['opt/app.jar'], other, new Set(['pyc']))).toBe('A real change in opt/app.jar.');
  });
  it('path kinds: first match wins', () => {
    expect(fileKind('var/cache/ldconfig/aux-cache')?.id).toBe('ldconfig');
    expect(fileKind('var/cache/apt/pkgcache.bin')?.id).toBe('apt-cache');
    expect(fileKind('etc/machine-id')?.id).toBe('machine-id');
    expect(fileKind('srv/data.tgz')?.id).toBe('gzip');
    expect(fileKind('etc/hosts')).toBeNull();
  });
});
