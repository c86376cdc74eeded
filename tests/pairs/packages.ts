/**
 * Recipes for package-level causes (src/packages, compare/explain/explainers/packages.ts): a
 * two-layer image whose second layer holds a Debian package database — `var/lib/dpkg/status`
 * stanzas in the shape dpkg writes them (fields and order of bookworm's zlib1g and
 * base-files entries), `info/<pkg>.list` file lists — and the files it lists, packed by GNU
 * tar; optionally a Python distribution (`*.dist-info/METADATA` + `RECORD`, as pip writes
 * them). Variants: the package at another version with other library bytes (an upgrade), the
 * same version with other bytes (a rebuild), a Python package more.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeHooks } from '../support/hooks';
import { sh } from '../support/tools';
import { buildOciArchive } from '../builders/image';
import { pinMtimes } from '../fixtures/tree';
import type { Recipe } from './cache';
import { baseLayer, LAYER_FLAGS, T } from './writers';
import { rpmDb, type RpmSpec } from '../fixtures/rpmdb';

export interface DebParams {
  /** zlib1g's version in the status file */
  zlibVersion: string;
  /** a marker in usr/lib/x86_64-linux-gnu/libz.so.1.2.13: other bytes when it differs */
  zlibBuild: string;
  /** add python3-six's dist-info and module (a pip-installed package) */
  python?: boolean;
}

const LIBZ = 'usr/lib/x86_64-linux-gnu/libz.so.1.2.13';

function status(p: DebParams): string {
  return `Package: base-files
Essential: yes
Status: install ok installed
Priority: required
Section: admin
Installed-Size: 392
Maintainer: Santiago Vila <sanvila@debian.org>
Architecture: amd64
Multi-Arch: foreign
Version: 12.4+deb12u5
Replaces: base, dpkg (<= 1.15.0), miscutils
Provides: base
Conffiles:
 /etc/debian_version 8c3a8a2f5cbbf0d0a0a8c5b1dd4e9b2e
Description: Debian base system miscellaneous files
 This package contains the basic filesystem hierarchy of a Debian system, and
 several important miscellaneous files.

Package: zlib1g
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 168
Maintainer: Mark Brown <broonie@debian.org>
Architecture: amd64
Multi-Arch: same
Source: zlib
Version: ${p.zlibVersion}
Provides: libz1
Depends: libc6 (>= 2.14)
Breaks: libxml2 (<< 2.7.6.dfsg-2), texlive-binaries (<< 2009-12)
Conflicts: zlib1 (<= 1:1.0.4-7)
Description: compression library - runtime
 zlib is a library implementing the deflate compression method found
 in gzip and PKZIP.  This package includes the shared library.
Homepage: http://zlib.net/

`;
}

function write(root: string, path: string, data: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), data);
  chmodSync(join(root, path), mode);
}

/** Layer 2: the dpkg database, the files it lists, and optionally a pip-installed package. */
function debLayer(work: string, p: DebParams): Uint8Array {
  const d = join(work, 'l1');
  write(d, 'var/lib/dpkg/status', status(p));
  write(d, 'var/lib/dpkg/info/base-files.list', '/.\n/etc\n/etc/debian_version\n');
  write(d, 'var/lib/dpkg/info/zlib1g:amd64.list', `/.\n/usr\n/usr/lib\n/usr/lib/x86_64-linux-gnu\n/${LIBZ}\n`);
  write(d, 'etc/debian_version', '12.4\n');
  // an ELF-like header and a build marker: the bytes an upgrade or a rebuild changes
  write(d, LIBZ, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new TextEncoder().encode(`\0zlib ${p.zlibBuild}\0`.padEnd(4096, '\0'))]), 0o644);
  const site = 'usr/lib/python3/dist-packages';
  write(d, `${site}/README.txt`, 'pip-installed packages\n');
  if (p.python) {
    write(
      d,
      `${site}/six-1.16.0.dist-info/METADATA`,
      'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nSummary: Python 2 and 3 compatibility utilities\nLicense: MIT\n\nsix\n',
    );
    write(d, `${site}/six.py`, '"""Utilities for writing code that runs on Python 2 and 3"""\n__version__ = "1.16.0"\n');
    write(d, `${site}/six-1.16.0.dist-info/RECORD`, 'six-1.16.0.dist-info/METADATA,sha256=x,120\nsix-1.16.0.dist-info/RECORD,,\nsix.py,sha256=y,80\n');
  }
  sh(`find ${d} -type d -exec chmod 755 {} +`);
  pinMtimes(d, T);
  sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../l1.tar`, { cwd: d });
  return new Uint8Array(readFileSync(join(work, 'l1.tar')));
}

export function debImage(file: string, params: DebParams): Recipe<DebParams> {
  return {
    file,
    writer: 'GNU tar of a tree with a dpkg database (status, info/*.list) and the files it lists; OCI layout by tests/builders',
    params,
    build(out, p, { work }) {
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers: [baseLayer(work), debLayer(work, p)], history: [] }], nodeHooks).tar);
    },
  };
}

export interface RpmParams {
  /** tarscope-beta's version (its library's bytes follow it) */
  betaVersion: string;
}

/** The rpm packages of the rpm images: alpha the same on both sides, beta at `betaVersion`. */
export function rpmSpecs(p: RpmParams): RpmSpec[] {
  return [
    { name: 'tarscope-alpha', version: '1.2.3', release: '4', license: 'MIT', files: { '/usr/share/alpha/readme.txt': 'alpha\n', '/etc/alpha.conf': 'a=1\n' } },
    {
      name: 'tarscope-beta',
      version: p.betaVersion,
      release: '1.el9',
      epoch: 2,
      license: 'GPL-2.0-or-later',
      files: { '/usr/lib64/libbeta.so.0': `beta ${p.betaVersion}\n` },
    },
  ];
}

/** Layer 2: an rpm database (var/lib/rpm/rpmdb.sqlite, written by rpm 4.18) and the files it lists. */
function rpmLayer(work: string, p: RpmParams): Uint8Array {
  const d = join(work, 'l1');
  const specs = rpmSpecs(p);
  write(d, 'var/lib/rpm/rpmdb.sqlite', readFileSync(rpmDb(specs).db));
  for (const s of specs) for (const [f, text] of Object.entries(s.files)) write(d, f.slice(1), text);
  sh(`find ${d} -type d -exec chmod 755 {} +`);
  pinMtimes(d, T);
  sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../l1.tar`, { cwd: d });
  return new Uint8Array(readFileSync(join(work, 'l1.tar')));
}

export function rpmImage(file: string, params: RpmParams): Recipe<RpmParams> {
  return {
    file,
    writer: 'GNU tar of a tree with an rpm database (rpmdb.sqlite: rpmbuild + rpm -i --justdb, rpm 4.18) and the files it lists; OCI layout by tests/builders',
    params,
    build(out, p, { work }) {
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers: [baseLayer(work), rpmLayer(work, p)], history: [] }], nodeHooks).tar);
    },
  };
}
