/**
 * Which files of a layer are package databases, decided from the normalised path alone (called
 * for every entry of every layer scanned, so a few string tests, most paths rejected by the
 * last character or segment).
 */
import type { SourceKind } from './types';

/** Bytes one database file may have (dpkg status of a large system: a few MiB). */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** Bytes of package databases kept per layer; beyond, files are listed as not read. */
export const MAX_LAYER_BYTES = 16 * 1024 * 1024;

/** Bytes of rpmdb.sqlite kept per layer (read by the sqlite step, rpm.ts). */
export const MAX_RPM_BYTES = 64 * 1024 * 1024;

const DPKG = 'var/lib/dpkg/';

export function sourceKind(path: string): SourceKind | null {
  if (path.startsWith(DPKG)) {
    if (path === 'var/lib/dpkg/status') return 'dpkg-status';
    // distroless: one stanza file per package (and its .md5sums beside it)
    if (path.startsWith('var/lib/dpkg/status.d/')) return path.endsWith('.md5sums') || path.length === 22 ? null : 'dpkg-status';
    if (path.startsWith('var/lib/dpkg/info/') && path.endsWith('.list') && path.indexOf('/', 18) < 0) return 'dpkg-list';
    return null;
  }
  const last = path.charCodeAt(path.length - 1);
  // the rest end in 'installed', 'METADATA', 'RECORD', 'package.json', 'os-release', '.sqlite'
  if (last === 100 /* d */) {
    if (path === 'lib/apk/db/installed' || path === 'usr/lib/apk/db/installed') return 'apk-installed';
    return null;
  }
  if (last === 65 /* A */) return path.endsWith('.dist-info/METADATA') ? 'python-metadata' : null;
  if (last === 68 /* D */) return path.endsWith('.dist-info/RECORD') ? 'python-record' : null;
  if (last === 110 /* n */) return path.endsWith('/package.json') && isNpmPackageJson(path) ? 'npm-package' : null;
  if (last === 101 /* e */) {
    if (path === 'usr/lib/sysimage/rpm/rpmdb.sqlite' || path === 'var/lib/rpm/rpmdb.sqlite') return 'rpm-sqlite';
    if (path === 'etc/os-release' || path === 'usr/lib/os-release') return 'os-release';
  }
  return null;
}

/** `…/node_modules/<name>/package.json` or `…/node_modules/@scope/<name>/package.json`. */
function isNpmPackageJson(path: string): boolean {
  const parts = path.split('/');
  const n = parts.length;
  if (n >= 3 && parts[n - 3] === 'node_modules' && !parts[n - 2].startsWith('@')) return true;
  return n >= 4 && parts[n - 4] === 'node_modules' && parts[n - 3].startsWith('@');
}
