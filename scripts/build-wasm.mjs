// `npm run build:wasm`: builds the project's wasm kernels (wasm/<kernel>.wasm) from
// wasm/src/*.c with Debian 12's clang-14, wasm-ld-14, wasi-libc and libxxhash-dev's
// xxhash.h, at the versions pinned in PINS below (and in wasm/README.md), hermetically:
//
//   - clang-14 and wasm-ld-14 by absolute path, with an empty environment but PATH=/usr/bin:/bin,
//     so neither the `clang` alternative nor CPATH, C_INCLUDE_PATH, LIBRARY_PATH,
//     CCC_OVERRIDE_OPTIONS... can change what is built;
//   - compiled (-c) and linked (wasm-ld) in separate steps: clang's wasm driver, when it
//     links with -O, runs `wasm-opt` from PATH if binaryen happens to be installed, which
//     rewrites the module (the 22,937-byte, 20-function build of tarscope issue 10);
//   - a private sysroot in the temp dir (symlinks to wasi-libc's include/ and lib/ only) and
//     a private include dir holding a copy of xxhash.h alone, so /usr/include and
//     /usr/local/include (anything else installed) are never searched;
//   - linked against wasi-libc's libc.a and crt1-reactor.o only: not compiler-rt's builtins
//     (libclang-rt-14-dev-wasm32, not pulled in by clang-14), which the kernel does not need;
//     a missing symbol is a link error, never a silent difference;
//   - sources copied to a fresh temp dir, no debug info, paths mapped to /src: neither the
//     checkout's path nor file times reach the output (clang and wasm-ld write no timestamps).
//
//   node scripts/build-wasm.mjs            build and write wasm/*.wasm
//   node scripts/build-wasm.mjs --out DIR  write the .wasm files to DIR instead
//   node scripts/build-wasm.mjs --check    rebuild in a temp dir; exit 1 if any byte differs
//                                          (scripts/check-wasm.mjs, run by npm test)
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Debian packages the committed wasm/*.wasm were built with, and their versions (Debian
 * 12 "bookworm"). Another version may give other bytes: the check then names the package.
 * scripts/ensure-system-deps.mjs installs these (and `xxhash`, for the xxhsum tests).
 */
export const PINS = {
  'clang-14': '1:14.0.6-12',
  'lld-14': '1:14.0.6-12',
  'wasi-libc': '0.0~git20220510.9886d3d-2',
  'libxxhash-dev': '0.8.1-1',
};

/** What the build reads from those packages, by absolute path. */
const TOOLS = {
  cc: { path: '/usr/bin/clang-14', pkg: 'clang-14' },
  ld: { path: '/usr/bin/wasm-ld-14', pkg: 'lld-14' },
  wasiInclude: { path: '/usr/include/wasm32-wasi', pkg: 'wasi-libc' },
  wasiLib: { path: '/usr/lib/wasm32-wasi', pkg: 'wasi-libc' },
  xxhash: { path: '/usr/include/xxhash.h', pkg: 'libxxhash-dev' },
};

/** Each kernel: its output and its translation units (wasm/src/). */
export const KERNELS = {
  'tarhash.wasm': ['tarhash.c', 'sha256.c'],
};

// -O3: the measured choice (wasm/README.md). No -msimd128: clang 14 vectorises the SHA-256
// message schedule badly (measured 2x slower in V8). SYSROOT, INCLUDE and SRC are replaced
// by the temp dir's paths.
export const CFLAGS = [
  '--target=wasm32-wasi',
  '--sysroot=SYSROOT',
  '-IINCLUDE',
  '-O3',
  '-std=c11',
  '-Wall',
  '-Wextra',
  '-Werror',
  '-ffile-prefix-map=SRC=/src',
  '-fno-ident',
  '-c',
];

// What `clang -mexec-model=reactor -Wl,--no-entry` passed to wasm-ld (the committed file's
// layout was made that way): the reactor's crt1 gives `_initialize` (run by
// @bjorn3/browser_wasi_shim) instead of `_start`. --strip-debug keeps the `name` section
// (function names in traps' stack traces) and `producers` (names the clang version).
export const LDFLAGS = ['-m', 'wasm32', '-LLIB', 'LIB/crt1-reactor.o', '--entry', '_initialize', '--no-entry', '--strip-debug'];

/** Nothing from the caller's environment but a fixed PATH and the C locale. */
const ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C' };

/** dpkg's version of each pinned package (null: not installed; undefined: no dpkg). */
export function installedVersions() {
  const out = {};
  for (const pkg of Object.keys(PINS)) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format, not a JS template
    const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}|${Version}', pkg], { encoding: 'utf8', env: ENV });
    if (r.error) out[pkg] = undefined;
    else {
      const [status, version] = r.stdout.split('|');
      out[pkg] = r.status === 0 && status.startsWith('ii') ? version : null;
    }
  }
  return out;
}

const describeInstalled = (v) => (v === undefined ? 'version unknown (no dpkg-query)' : v === null ? 'not installed' : `installed ${v}`);

/** Packages whose installed version is not the pinned one: "pkg: installed X, pinned Y". */
export function versionMismatches(versions = installedVersions()) {
  return Object.entries(PINS)
    .filter(([pkg, pin]) => versions[pkg] !== pin)
    .map(([pkg, pin]) => `${pkg}: ${describeInstalled(versions[pkg])}, pinned ${pin}`);
}

/** The toolchain's paths, or a reason why it is not there. */
export function toolchain() {
  const missing = Object.values(TOOLS).filter((t) => !existsSync(t.path));
  if (missing.length) {
    const pkgs = [...new Set(missing.map((t) => t.pkg))];
    return { error: `${missing.map((t) => t.path).join(', ')} not found (apt-get install ${pkgs.join(' ')})` };
  }
  const v = spawnSync(TOOLS.cc.path, ['--version'], { encoding: 'utf8', env: ENV });
  if (v.status !== 0) return { error: `${TOOLS.cc.path} --version failed: ${v.stderr.trim()}` };
  return { version: v.stdout.split('\n')[0].trim() };
}

/** Builds every kernel into `outDir`; returns the paths written. */
export function build(outDir) {
  const tc = toolchain();
  if (tc.error) throw new Error(`build-wasm: ${tc.error}`);
  const work = mkdtempSync(join(tmpdir(), 'tarscope-wasm-'));
  try {
    const src = join(work, 'src');
    const include = join(work, 'include');
    const sysroot = join(work, 'sysroot');
    cpSync(join(ROOT, 'wasm', 'src'), src, { recursive: true });
    mkdirSync(include);
    copyFileSync(TOOLS.xxhash.path, join(include, 'xxhash.h'));
    mkdirSync(join(sysroot, 'include'), { recursive: true });
    mkdirSync(join(sysroot, 'lib'), { recursive: true });
    symlinkSync(TOOLS.wasiInclude.path, join(sysroot, 'include', 'wasm32-wasi'));
    symlinkSync(TOOLS.wasiLib.path, join(sysroot, 'lib', 'wasm32-wasi'));
    const lib = join(sysroot, 'lib', 'wasm32-wasi');
    const cflags = CFLAGS.map((f) => f.replace('SYSROOT', sysroot).replace('INCLUDE', include).replace('SRC', src));
    const ldflags = LDFLAGS.map((f) => f.replace('LIB', lib));
    mkdirSync(outDir, { recursive: true });
    const written = [];
    for (const [out, units] of Object.entries(KERNELS)) {
      const objects = units.map((u) => {
        const o = join(work, u.replace(/\.c$/, '.o'));
        execFileSync(TOOLS.cc.path, [...cflags, '-o', o, join(src, u)], { cwd: src, env: ENV, stdio: 'inherit' });
        return o;
      });
      const tmpOut = join(work, out);
      execFileSync(TOOLS.ld.path, [...ldflags, ...objects, '-lc', '-o', tmpOut], { cwd: work, env: ENV, stdio: 'inherit' });
      const dest = join(outDir, out);
      writeFileSync(dest, readFileSync(tmpOut));
      written.push(dest);
    }
    return written;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Rebuilds into a temp dir and compares with wasm/*.wasm: { skipped } without the
 * toolchain, else { differ, cc, mismatches } (mismatches: packages not at their pin).
 */
export function check() {
  const tc = toolchain();
  if (tc.error) return { skipped: `wasm check skipped: ${tc.error}; the committed wasm/*.wasm were not rebuilt` };
  const mismatches = versionMismatches();
  const out = mkdtempSync(join(tmpdir(), 'tarscope-wasm-check-'));
  try {
    build(out);
    const differ = Object.keys(KERNELS).filter((k) => {
      const committed = join(ROOT, 'wasm', k);
      return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(out, k)));
    });
    return { differ, cc: tc.version, mismatches };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Runs the check and prints its outcome; returns the exit status. With `required` (CI:
 * TARSCOPE_WASM_CHECK=required), a skip is a failure: every landing must prove the rebuild.
 */
export function runCheck({ required = process.env.TARSCOPE_WASM_CHECK === 'required' } = {}) {
  const r = check();
  if (r.skipped) {
    if (required) {
      console.error(
        `${r.skipped}\nwasm check FAILED: TARSCOPE_WASM_CHECK=required, and the toolchain is missing (node scripts/ensure-system-deps.mjs installs it as root on Debian)`,
      );
      return 1;
    }
    console.log(r.skipped);
    return 0;
  }
  const names = Object.keys(KERNELS).join(', ');
  if (r.differ.length) {
    const why = r.mismatches.length
      ? `The toolchain is not the pinned one (scripts/build-wasm.mjs PINS, wasm/README.md), which may be why:\n  ${r.mismatches.join('\n  ')}`
      : 'The toolchain is the pinned one, so the sources or flags changed: run npm run build:wasm and commit the result.';
    console.error(`wasm check FAILED: ${r.differ.join(', ')} differ from a rebuild with ${r.cc}.\n${why}`);
    return 1;
  }
  const note = r.mismatches.length
    ? ` (with packages off their pins: ${r.mismatches.join('; ')})`
    : ` (toolchain at its pins: ${Object.entries(PINS)
        .map(([p, v]) => `${p} ${v}`)
        .join(', ')})`;
  console.log(`wasm check: ${names} rebuilt byte-identical with ${r.cc}${note}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    process.exit(runCheck());
  } else {
    const i = args.indexOf('--out');
    const out = i >= 0 ? resolve(args[i + 1]) : join(ROOT, 'wasm');
    const mismatches = versionMismatches();
    if (mismatches.length) console.warn(`build-wasm: warning: toolchain off its pins, the output may differ from CI's:\n  ${mismatches.join('\n  ')}`);
    for (const p of build(out)) console.log(`wrote ${p} (${readFileSync(p).length} bytes)`);
  }
}
