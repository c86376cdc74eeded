// The machine the figures come from, and the Debian packages the benchmark needs beyond
// `npm test`'s (scripts/ensure-system-deps.mjs): debootstrap (pair 1), diffoscope and the
// helpers it uses on image archives, gcc + OpenSSL + libxxhash headers (the native walker),
// xxhash (xxhsum). Installed with apt when run as root on Debian, like ensure-system-deps.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { have, sh } from './exec.mjs';
import { DIFFOSCOPE_PACKAGES } from './diffoscope.mjs';

/** [test for presence, Debian package] */
const NEEDS = [
  [() => have('debootstrap'), 'debootstrap'],
  [() => have('cc'), 'gcc'],
  [() => existsSync('/usr/include/openssl/evp.h'), 'libssl-dev'],
  [() => existsSync('/usr/include/xxhash.h'), 'libxxhash-dev'],
  [() => have('xxhsum'), 'xxhash'],
  [() => have('pigz'), 'pigz'],
  [() => have('zstd'), 'zstd'],
  [() => have('skopeo'), 'skopeo'],
  [() => have('umoci'), 'umoci'],
];

function installed(pkg) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
}

/**
 * Installs what is missing (root on Debian only); returns notes about what could not be
 * installed. `withDiffoscope` adds diffoscope-minimal and its helpers.
 */
export function ensureBenchPackages({ withDiffoscope = true, log = () => {} } = {}) {
  const missing = NEEDS.filter(([ok]) => !ok()).map(([, p]) => p);
  if (withDiffoscope) missing.push(...DIFFOSCOPE_PACKAGES.filter((p) => !installed(p)));
  if (missing.length === 0) return [];
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version') && have('apt-get');
  if (!isRoot || !isDebian) return [`not installed (not root on Debian): ${missing.join(' ')}`];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian packages: ${missing.join(' ')}`);
  const notes = [];
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  } catch {
    notes.push('apt-get update failed');
  }
  // One by one: a package that is not available must not stop the others.
  for (const p of missing) {
    try {
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', p], { stdio: 'ignore', env });
    } catch {
      notes.push(`apt-get install ${p} failed`);
    }
  }
  return notes;
}

function firstLine(cmd) {
  try {
    return sh(`${cmd} 2>&1 | head -n1`).trim();
  } catch {
    return null;
  }
}

function debVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const os = existsSync('/etc/os-release') ? /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : null;
  return {
    nproc: availableParallelism(),
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? null,
    shaNi: /\bsha_ni\b/.test(cpuinfo),
    ramBytes: totalmem(),
    os,
    kernel: release(),
    node: process.version,
    tools: {
      tar: debVersion('tar'),
      gzip: debVersion('gzip'),
      pigz: debVersion('pigz'),
      zstd: debVersion('zstd'),
      skopeo: debVersion('skopeo'),
      umoci: debVersion('umoci'),
      debootstrap: debVersion('debootstrap'),
      diffoscope: debVersion('diffoscope-minimal'),
      xxhash: debVersion('xxhash'),
      openssl: debVersion('libssl3') ?? firstLine('openssl version'),
      cc: firstLine('cc --version'),
    },
  };
}
