// Makes sure the Debian tools the tests need are present: Chromium for the browser
// and end-to-end tests, and the real archive writers the fixtures come from
// (GNU tar, gzip, pigz, zstd, skopeo, umoci). As root on Debian it installs what is
// missing with apt; otherwise it fails and says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';

const TOOLS = [
  // [command, Debian package]
  ['tar', 'tar'],
  ['gzip', 'gzip'],
  ['pigz', 'pigz'],
  ['zstd', 'zstd'],
  ['skopeo', 'skopeo'],
  ['umoci', 'umoci'],
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function missingPackages() {
  const missing = TOOLS.filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
  if (!chromiumPath()) missing.push('chromium');
  return missing;
}

export function ensureSystemDeps({ quiet = false } = {}) {
  let missing = missingPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version') && has('apt-get');
  if (isRoot && isDebian) {
    if (!quiet) console.error(`[tarscope] installing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
    missing = missingPackages();
    if (missing.length === 0) return;
  }
  const how = isDebian ? `sudo apt-get install ${missing.join(' ')}` : `install: ${missing.join(', ')}`;
  throw new Error(
    `tarscope tests need these system packages, which are missing: ${missing.join(', ')}.\n` +
      `  ${how}\n` +
      `  (set CHROMIUM=/path/to/chromium to use a Chromium or Chrome installed elsewhere)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureSystemDeps();
    console.log('[tarscope] system packages present; chromium at', chromiumPath());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
