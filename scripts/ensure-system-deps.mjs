// Makes sure the Debian tools the tests need are present: Chromium for the browser
// and end-to-end tests, the real archive writers the fixtures come from (GNU tar, gzip,
// pigz, zstd, skopeo, umoci) and xxhsum (the kernel's XXH64 reference). As root on Debian
// it installs what is missing with apt; otherwise it fails and says what to install.
//
// The wasm toolchain (scripts/build-wasm.mjs PINS: clang-14, lld-14, wasi-libc,
// libxxhash-dev) is installed the same way, at its pinned versions, but is optional: without
// root or Debian, or when apt cannot give the pinned version, npm test goes on and
// scripts/check-wasm.mjs says why it skipped (CI requires it: TARSCOPE_WASM_CHECK=required).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';
import { PINS, installedVersions } from './build-wasm.mjs';

const TOOLS = [
  // [command, Debian package]
  ['tar', 'tar'],
  ['gzip', 'gzip'],
  ['pigz', 'pigz'],
  ['zstd', 'zstd'],
  ['skopeo', 'skopeo'],
  ['umoci', 'umoci'],
  ['xxhsum', 'xxhash'],
  ['buildah', 'buildah'], // tests/pairs buildah-rebuild: two real builds (vfs storage, chroot isolation, no daemon)
  // bsdtar: the second reference lister for tests/corpus/tar-suites.test.ts where GNU tar gives up
  ['bsdtar', 'libarchive-tools'],
  // rpm, rpmbuild: tests/fixtures/rpmdb.ts builds a real rpmdb.sqlite (src/packages/rpm.ts)
  ['rpmbuild', 'rpm'],
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function missingPackages() {
  const missing = TOOLS.filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
  if (!chromiumPath()) missing.push('chromium');
  return missing;
}

/** The wasm toolchain's packages that are not installed, as `pkg=pinned-version`. */
export function missingWasmToolchain() {
  const v = installedVersions();
  return Object.entries(PINS)
    .filter(([pkg]) => v[pkg] === null)
    .map(([pkg, pin]) => `${pkg}=${pin}`);
}

export function ensureSystemDeps({ quiet = false } = {}) {
  let missing = missingPackages();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version') && has('apt-get');
  const wasm = isRoot && isDebian ? missingWasmToolchain() : [];
  if (missing.length === 0 && wasm.length === 0) return;
  if (isRoot && isDebian) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (missing.length) {
      if (!quiet) console.error(`[tarscope] installing Debian packages: ${missing.join(' ')}`);
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
    }
    if (wasm.length) {
      if (!quiet) console.error(`[tarscope] installing the wasm toolchain at its pins: ${wasm.join(' ')}`);
      const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...wasm], { stdio: 'inherit', env });
      if (r.status !== 0) console.error(`[tarscope] could not install the pinned wasm toolchain (${wasm.join(' ')}); the wasm check will say what is missing`);
    }
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
