/**
 * The package-database parsers on real data: this machine's dpkg database (Debian's own
 * files, checked against dpkg-query), real dist-info folders and package.json files, and
 * the apk database of the real alpine 3.10 image (tests/unit/packages/corpus.test.ts).
 * Fixtures written here are the formats' documented shapes, for the cases real data lacks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from '../../../src/packages/apk';
import { dpkgListOwner, parseDpkgList, parseDpkgStatus } from '../../../src/packages/dpkg';
import { parseNpmPackage } from '../../../src/packages/npm';
import { sourceKind } from '../../../src/packages/paths';
import { parsePythonMetadata, parsePythonRecord } from '../../../src/packages/python';

const STATUS = '/var/lib/dpkg/status';
const hasDpkg = existsSync(STATUS) && existsSync('/usr/bin/dpkg-query');

describe.skipIf(!hasDpkg)("this machine's dpkg database (real Debian data)", () => {
  const text = readFileSync(STATUS, 'utf8');
  const query = (fmt: string, ...pkgs: string[]) => execFileSync('dpkg-query', ['-W', '-f', fmt, ...pkgs], { encoding: 'utf8', maxBuffer: 64 << 20 });

  it('lists the installed packages dpkg-query lists, with the same versions, arch and source', () => {
    const ours = parseDpkgStatus(text);
    // dpkg-query -W lists "not-installed but known" stanzas too: keep the installed ones
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format, not a JS template
    const want = query('${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\n')
      .split('\n')
      .filter((l) => l.startsWith('installed\t'))
      .map((l) => l.split('\t').slice(1).join('\t'))
      .sort();
    const got = ours.map((p) => [p.name, p.version, p.arch ?? '', p.source ?? p.name].join('\t')).sort();
    expect(got.length).toBeGreaterThan(50);
    expect(got).toEqual(want);
  });

  it("reads a package's .list as dpkg -L prints it", () => {
    const pkg = 'coreutils';
    const list = existsSync(`/var/lib/dpkg/info/${pkg}.list`) ? `/var/lib/dpkg/info/${pkg}.list` : `/var/lib/dpkg/info/${pkg}:amd64.list`;
    const files = parseDpkgList(readFileSync(list, 'utf8'));
    const want = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/^\/+/, ''))
      .filter((l) => l && l !== '.');
    expect(files).toEqual(want);
    expect(files).toContain('bin/cat');
    expect(dpkgListOwner('var/lib/dpkg/info/libc6:amd64.list')).toBe('libc6');
  });
});

describe('dpkg status stanzas', () => {
  it('keeps installed stanzas only, Installed-Size in bytes, the source name without its version', () => {
    const text = [
      'Package: bash\nStatus: install ok installed\nInstalled-Size: 7164\nArchitecture: amd64\nSource: bash (5.2.15-2)\nVersion: 5.2.15-2+b8\nDescription: GNU Bourne Again SHell\n Bash is an sh-compatible command language interpreter\n',
      'Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n',
      // distroless status.d: no Status line
      'Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n',
    ].join('\n');
    expect(parseDpkgStatus(text)).toEqual([
      { ecosystem: 'deb', name: 'bash', version: '5.2.15-2+b8', source: 'bash', arch: 'amd64', installedSize: 7164 * 1024 },
      { ecosystem: 'deb', name: 'base-files', version: '12.4+deb12u5', arch: 'amd64' },
    ]);
  });
});

describe('apk installed', () => {
  it('reads P V A o L I and the F/R file lines', () => {
    const text =
      'C:Q1abc=\nP:musl\nV:1.1.24-r2\nA:x86_64\nS:370000\nI:622592\nT:the musl c library\nL:MIT\no:musl\nF:lib\nR:libc.musl-x86_64.so.1\nZ:Q1xyz=\nR:ld-musl-x86_64.so.1\n\nP:zlib\nV:1.2.11-r3\nF:lib\nR:libz.so.1\n';
    expect(parseApkInstalled(text)).toEqual([
      {
        ecosystem: 'apk',
        name: 'musl',
        version: '1.1.24-r2',
        arch: 'x86_64',
        installedSize: 622592,
        license: 'MIT',
        source: 'musl',
        files: ['lib/libc.musl-x86_64.so.1', 'lib/ld-musl-x86_64.so.1'],
      },
      { ecosystem: 'apk', name: 'zlib', version: '1.2.11-r3', files: ['lib/libz.so.1'] },
    ]);
  });
});

const DIST = '/usr/lib/python3/dist-packages';
const realDist = existsSync(DIST) ? readdirSync(DIST).filter((d) => d.endsWith('.dist-info') && existsSync(`${DIST}/${d}/RECORD`)) : [];

describe('python dist-info', () => {
  it.skipIf(!realDist.length)('reads the real dist-info folders of this machine (name and version as their folder says)', () => {
    for (const d of realDist.slice(0, 20)) {
      const rec = parsePythonMetadata(readFileSync(`${DIST}/${d}/METADATA`, 'utf8'));
      expect(rec, d).not.toBeNull();
      // <name>-<version>.dist-info, name normalised with _ (PEP 427)
      expect(`${rec!.name.replace(/[-.]/g, '_')}-${rec!.version}.dist-info`.toLowerCase(), d).toBe(d.toLowerCase());
      const files = parsePythonRecord(readFileSync(`${DIST}/${d}/RECORD`, 'utf8'), `usr/lib/python3/dist-packages/${d}/RECORD`);
      expect(files, d).toContain(`usr/lib/python3/dist-packages/${d}/METADATA`);
    }
  });

  it('resolves RECORD paths against site-packages, quoted CSV and ../ included', () => {
    const record = 'requests/__init__.py,sha256=abc,4000\n"we,ird.py",,\n../../../bin/req,sha256=x,10\nrequests-2.31.0.dist-info/RECORD,,\n';
    expect(parsePythonRecord(record, 'usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/RECORD')).toEqual([
      'usr/lib/python3.11/site-packages/requests/__init__.py',
      'usr/lib/python3.11/site-packages/we,ird.py',
      'usr/bin/req',
      'usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/RECORD',
    ]);
    expect(parsePythonMetadata('Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nName: not-a-header\n')).toEqual({
      ecosystem: 'python',
      name: 'requests',
      version: '2.31.0',
      license: 'Apache 2.0',
    });
  });
});

describe('npm package.json', () => {
  it("reads this repository's real node_modules (name, version, license, its folder)", () => {
    for (const name of ['comlink', 'pako', 'preact', '@bjorn3/browser_wasi_shim']) {
      const path = `node_modules/${name}/package.json`;
      const json = JSON.parse(readFileSync(path, 'utf8'));
      expect(sourceKind(path)).toBe('npm-package');
      expect(parseNpmPackage(readFileSync(path, 'utf8'), path)).toEqual({
        ecosystem: 'npm',
        name,
        version: json.version,
        root: `node_modules/${name}`,
        ...(typeof json.license === 'string' ? { license: json.license } : {}),
      });
    }
    expect(sourceKind('app/node_modules/pako/lib/package.json')).toBeNull();
    expect(parseNpmPackage('{"name": 1}', 'node_modules/x/package.json')).toBeNull();
  });
});

describe('which paths are databases', () => {
  it.each([
    ['var/lib/dpkg/status', 'dpkg-status'],
    ['var/lib/dpkg/status.d/base-files', 'dpkg-status'],
    ['var/lib/dpkg/status.d/base-files.md5sums', null],
    ['var/lib/dpkg/status-old', null],
    ['var/lib/dpkg/info/libc6:amd64.list', 'dpkg-list'],
    ['var/lib/dpkg/info/libc6.md5sums', null],
    ['lib/apk/db/installed', 'apk-installed'],
    ['usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA', 'python-metadata'],
    ['usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/RECORD', 'python-record'],
    ['usr/lib/python3.11/site-packages/requests/METADATA', null],
    ['srv/app/node_modules/@scope/x/package.json', 'npm-package'],
    ['srv/app/package.json', null],
    ['var/lib/rpm/rpmdb.sqlite', 'rpm-sqlite'],
    ['etc/os-release', 'os-release'],
    ['usr/bin/status', null],
  ])('%s → %s', (path, kind) => {
    expect(sourceKind(path)).toBe(kind);
  });
});
