/**
 * Debian packages: `var/lib/dpkg/status` (and distroless's `status.d/<pkg>`, the same stanzas),
 * read as dpkg-query would list them (deb-control(5), dpkg(1)): only stanzas whose `Status`
 * says `installed` (or that have no Status line, as in status.d); `info/<pkg>[:<arch>].list`
 * names the files a package installed, one absolute path a line.
 */
import { stanzas } from './stanzas';
import type { PackageRecord } from './types';

export function parseDpkgStatus(text: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  for (const s of stanzas(text)) {
    const name = s.get('Package');
    const version = s.get('Version');
    if (!name || !version) continue;
    const status = s.get('Status');
    if (status !== undefined && !status.endsWith(' installed')) continue;
    const rec: PackageRecord = { ecosystem: 'deb', name, version };
    const source = s.get('Source');
    // "Source: glibc (2.36-9)": the source package's own version when it differs
    if (source) rec.source = source.split(' ')[0];
    const arch = s.get('Architecture');
    if (arch) rec.arch = arch;
    const size = Number(s.get('Installed-Size'));
    if (Number.isFinite(size) && size > 0) rec.installedSize = size * 1024;
    out.push(rec);
  }
  return out;
}

/** `var/lib/dpkg/info/libc6:amd64.list` → `libc6` (the arch qualifier dropped). */
export function dpkgListOwner(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1, -'.list'.length);
  const colon = base.indexOf(':');
  return colon < 0 ? base : base.slice(0, colon);
}

/** The files of a `.list`: `/usr/bin/x` → `usr/bin/x`; `/.` (the root) left out. */
export function parseDpkgList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const p = line.replace(/^\/+/, '').replace(/\/+$/, '');
    if (p && p !== '.') out.push(p);
  }
  return out;
}
