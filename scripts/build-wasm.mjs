// `npm run build:wasm`: builds the project's wasm kernels (wasm/<kernel>.wasm) from
// wasm/src/*.c with Debian's clang + lld + wasi-libc (versions pinned in wasm/README.md),
// reproducibly: fixed flags, no debug info, source paths mapped to `/src`, built from a
// fresh temp copy of the sources so neither the checkout's path nor its mtimes can leak in.
//
//   node scripts/build-wasm.mjs            build and write wasm/*.wasm
//   node scripts/build-wasm.mjs --out DIR  write the .wasm files to DIR instead
//   node scripts/build-wasm.mjs --check    build into a temp dir; exit 1 if any byte differs
//                                          from the committed files (exit 0 with "skipped"
//                                          when the toolchain is absent)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each kernel: its output and its translation units (wasm/src/). */
export const KERNELS = {
  'tarhash.wasm': ['tarhash.c', 'sha256.c', 'xxh64.c'],
};

// -O3: the measured choice (wasm/README.md). No -msimd128: clang 14 vectorises the SHA-256
// message schedule badly (measured 2x slower in V8). The reactor model gives `_initialize`
// (run by @bjorn3/browser_wasi_shim) instead of `_start`.
export const FLAGS = [
  '--target=wasm32-wasi',
  '-O3',
  '-std=c11',
  '-Wall',
  '-Wextra',
  '-Werror',
  '-mexec-model=reactor',
  '-ffile-prefix-map=SRC=/src',
  '-fno-ident',
  '-Wl,--strip-debug',
  '-Wl,--no-entry',
];

/** The compiler, or a reason why there is none. */
export function toolchain() {
  const cc = process.env.CC_WASM || 'clang';
  const v = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) return { error: `${cc} not found (apt-get install clang lld wasi-libc)` };
  const probe = spawnSync(cc, ['--target=wasm32-wasi', '-print-file-name=libc.a'], { encoding: 'utf8' });
  const libc = probe.stdout.trim();
  if (probe.status !== 0 || !libc.startsWith('/') || !existsSync(libc)) return { error: `${cc} has no wasm32-wasi libc (apt-get install wasi-libc)` };
  return { cc, version: v.stdout.split('\n')[0].trim() };
}

/** Builds every kernel into `outDir`; returns the paths written. */
export function build(outDir) {
  const tc = toolchain();
  if (tc.error) throw new Error(`build-wasm: ${tc.error}`);
  const work = mkdtempSync(join(tmpdir(), 'tarscope-wasm-'));
  try {
    const src = join(work, 'src');
    cpSync(join(ROOT, 'wasm', 'src'), src, { recursive: true });
    mkdirSync(outDir, { recursive: true });
    const written = [];
    for (const [out, units] of Object.entries(KERNELS)) {
      const tmpOut = join(work, out);
      const flags = FLAGS.map((f) => f.replace('SRC', src));
      execFileSync(tc.cc, [...flags, '-o', tmpOut, ...units.map((u) => join(src, u))], { cwd: src, stdio: 'inherit' });
      const dest = join(outDir, out);
      writeFileSync(dest, readFileSync(tmpOut));
      written.push(dest);
    }
    return written;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Rebuilds into a temp dir and compares with wasm/*.wasm. */
export function check() {
  const tc = toolchain();
  if (tc.error) return { skipped: `wasm check skipped: ${tc.error}; the committed wasm/*.wasm were not rebuilt` };
  const out = mkdtempSync(join(tmpdir(), 'tarscope-wasm-check-'));
  try {
    build(out);
    const differ = Object.keys(KERNELS).filter((k) => {
      const committed = join(ROOT, 'wasm', k);
      return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(out, k)));
    });
    return { differ, cc: tc.version };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    const r = check();
    if (r.skipped) {
      console.log(r.skipped);
    } else if (r.differ.length) {
      console.error(`wasm check FAILED: ${r.differ.join(', ')} differ from a rebuild with ${r.cc}. Run npm run build:wasm and commit the result (or check the toolchain versions in wasm/README.md).`);
      process.exit(1);
    } else {
      console.log(`wasm check: ${Object.keys(KERNELS).join(', ')} rebuilt byte-identical with ${r.cc}`);
    }
  } else {
    const i = args.indexOf('--out');
    const out = i >= 0 ? resolve(args[i + 1]) : join(ROOT, 'wasm');
    for (const p of build(out)) console.log(`wrote ${p} (${readFileSync(p).length} bytes)`);
  }
}
