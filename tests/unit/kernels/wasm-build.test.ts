/**
 * The wasm build's contract, without the toolchain (the rebuild itself is
 * scripts/check-wasm.mjs in npm test): the pins are stated once in scripts/build-wasm.mjs and
 * wasm/README.md says the same; a package off its pin is named with both versions; every C
 * file in wasm/src belongs to a kernel (no stale source left beside the build); the committed
 * tarhash.wasm has the ABI src/kernels/tarhash.ts relies on and imports only fd_write.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNELS, PINS, versionMismatches } from '../../../scripts/build-wasm.mjs';

const ROOT = join(import.meta.dirname, '../../..');

describe('wasm build', () => {
  it('wasm/README.md pins the same package versions as scripts/build-wasm.mjs', () => {
    const readme = readFileSync(join(ROOT, 'wasm/README.md'), 'utf8');
    for (const [pkg, version] of Object.entries(PINS)) {
      expect(readme, `wasm/README.md has no row "| ${pkg} | ${version} |"`).toContain(`| ${pkg} | ${version} |`);
    }
  });

  it('names each package off its pin, with the installed and the pinned version', () => {
    const pins = PINS;
    expect(versionMismatches({ ...pins })).toEqual([]);
    expect(versionMismatches({ ...pins, 'libxxhash-dev': '0.8.2-2', 'wasi-libc': null, 'clang-14': undefined })).toEqual([
      `clang-14: version unknown (no dpkg-query), pinned ${pins['clang-14']}`,
      `wasi-libc: not installed, pinned ${pins['wasi-libc']}`,
      `libxxhash-dev: installed 0.8.2-2, pinned ${pins['libxxhash-dev']}`,
    ]);
  });

  it('every C file in wasm/src is built into a kernel', () => {
    const built = new Set(Object.values(KERNELS).flat());
    const sources = readdirSync(join(ROOT, 'wasm/src')).filter((f) => f.endsWith('.c'));
    expect(sources.sort()).toEqual([...built].sort());
  });

  it('tarhash.wasm exports what src/kernels/tarhash.ts calls and imports only fd_write', async () => {
    const mod = await WebAssembly.compile(readFileSync(join(ROOT, 'wasm/tarhash.wasm')));
    const exports = WebAssembly.Module.exports(mod).map((e) => `${e.kind} ${e.name}`);
    for (const name of ['new', 'free', 'input', 'ops', 'digests', 'begin', 'chunk', 'run', 'stream_digest']) {
      expect(exports).toContain(`function tarhash_${name}`);
    }
    expect(exports).toContain('function _initialize');
    expect(exports).toContain('memory memory');
    expect(WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`)).toEqual(['wasi_snapshot_preview1.fd_write']);
  });
});
