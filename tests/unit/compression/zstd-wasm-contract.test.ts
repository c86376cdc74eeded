/**
 * The contract with zstd-wasm (src/formats/zstd/zstd-wasm.ts) holds for the installed package.
 * The decoder drives the package's private emscripten build (`lib/zstd.js`, `lib/binary.js`),
 * which any release may change: when one does, these tests fail first and say what changed —
 * the version, a file, an export or its arity, the memory views' refresh on growth, or the
 * output of a known frame — instead of a decoder misbehaving somewhere downstream.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { createZstdDecoder } from '../../../src/formats/zstd/decoder';
import { ZSTD_WASM_FUNCTIONS, ZSTD_WASM_VERSION, contractProblems, instantiateZstdWasm } from '../../../src/formats/zstd/zstd-wasm';

const ROOT = join(import.meta.dirname, '../../..');
const PKG_DIR = dirname(createRequire(join(ROOT, 'package.json')).resolve('zstd-wasm/package.json'));
const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

/** `zstd -19 --check` (v1.5.4) of KAT_TEXT: one frame, single segment, one compressed block. */
const KAT_FRAME = '28b52ffd24eb75010044026c61796572207368613235363a6162313220646966666572730a74617273636f7065200a0200502c5488b960d6ee947c';
const KAT_TEXT = `layer sha256:${'ab12'.repeat(8)} differs\n${'tarscope '.repeat(20)}\n`;
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));

async function decodeAll(bytes: Uint8Array) {
  const parts: Uint8Array[] = [];
  const d = await createZstdDecoder((b) => parts.push(b.slice()));
  d.write(bytes);
  const info = d.end();
  return { text: Buffer.concat(parts).toString('latin1'), info };
}

describe('zstd-wasm contract', () => {
  it(`the installed zstd-wasm is ${ZSTD_WASM_VERSION}, pinned exactly in package.json and package-lock.json`, () => {
    const installed = json(join(PKG_DIR, 'package.json')).version;
    expect(
      installed,
      `node_modules/zstd-wasm is ${installed}, but src/formats/zstd/zstd-wasm.ts was written for ${ZSTD_WASM_VERSION}: re-read the package's lib/ files, update the contract, then the pin`,
    ).toBe(ZSTD_WASM_VERSION);
    expect(json(join(ROOT, 'package.json')).dependencies['zstd-wasm'], 'package.json must pin zstd-wasm exactly (no ^ or ~): its lib/ files are private').toBe(
      ZSTD_WASM_VERSION,
    );
    expect(json(join(ROOT, 'package-lock.json')).packages['node_modules/zstd-wasm'].version).toBe(ZSTD_WASM_VERSION);
  });

  it('the private files the contract imports are there', () => {
    for (const f of ['lib/zstd.js', 'lib/binary.js']) {
      expect(existsSync(join(PKG_DIR, f)), `zstd-wasm has no ${f}`).toBe(true);
    }
  });

  it('the module exports every function the decoder calls, with its arity, and the heap views', async () => {
    // instantiateZstdWasm() throws on a problem; check the list itself too, for the message.
    const mod = await instantiateZstdWasm();
    expect(contractProblems(mod)).toEqual([]);
    for (const [name, arity] of Object.entries(ZSTD_WASM_FUNCTIONS)) {
      expect(typeof (mod as unknown as Record<string, unknown>)[name], name).toBe('function');
      expect((mod as unknown as Record<string, (...a: number[]) => number>)[name].length, name).toBe(arity);
    }
  });

  it('names each way a module can break the contract', () => {
    const fns: Record<string, unknown> = Object.fromEntries(
      Object.entries(ZSTD_WASM_FUNCTIONS).map(([n, a]) => [n, new Function(...Array.from({ length: a }, (_, i) => `a${i}`), '')]),
    );
    const ok: Record<string, unknown> = { ...fns, HEAPU8: new Uint8Array(1), HEAPU32: new Uint32Array(1) };
    expect(contractProblems(ok)).toEqual([]);
    const { _ZSTD_decompressStream: _, ...noStream } = ok;
    expect(contractProblems(noStream)).toEqual(['_ZSTD_decompressStream is missing, expected a function']);
    expect(contractProblems({ ...ok, _ZSTD_isError: (a: number, b: number) => a + b, HEAPU32: new Int32Array(1) })).toEqual([
      '_ZSTD_isError takes 2 arguments, expected 1',
      'HEAPU32 is not a Uint32Array',
    ]);
    expect(contractProblems(null)).toEqual(['the module is null, not an object']);
  });

  it('memory growth replaces HEAPU8 / HEAPU32 with views of the new memory (what the decoder re-reads after each call)', async () => {
    const mod = await instantiateZstdWasm();
    const before8 = mod.HEAPU8;
    const before32 = mod.HEAPU32;
    const size = 64 << 20;
    const p = mod._malloc(size);
    expect(p).toBeGreaterThan(0);
    // The old views are detached (length 0): a view kept across a call reads nothing.
    expect(before8.length, 'memory did not grow: the test needs a larger allocation').toBe(0);
    expect(mod.HEAPU8 === before8, 'HEAPU8 was not replaced after memory grew').toBe(false);
    expect(mod.HEAPU32 === before32, 'HEAPU32 was not replaced after memory grew').toBe(false);
    expect(mod.HEAPU8.length).toBeGreaterThanOrEqual(p + size);
    expect(mod.HEAPU32.buffer).toBe(mod.HEAPU8.buffer);
    mod._free(p);
  });

  it('decodes a known frame to its known text (known answer)', async () => {
    const { text, info } = await decodeAll(hex(KAT_FRAME));
    expect(text).toBe(KAT_TEXT);
    expect(info.frames).toEqual([
      { offset: 0, kind: 'zstd', compressedSize: 59, singleSegment: true, checksum: true, windowSize: 235, contentSize: 235, uncompressedSize: 235 },
    ]);
    expect(info.trailingBytes).toBe(0);
  });

  it('a wrong content checksum is the error code errors.ts names (the build has no error strings)', async () => {
    const bad = hex(KAT_FRAME);
    bad[bad.length - 1] ^= 1;
    await expect(decodeAll(bad)).rejects.toThrow("zstd: corrupt data in frame 1 (offset 0): Restored data doesn't match checksum");
  });

  it('no other file of src/ imports zstd-wasm', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx|mts)$/.test(e)) files.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    const importers = files.filter((f) => /(from\s+|import\s*\(\s*)['"]zstd-wasm/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(importers).toEqual(['src/formats/zstd/zstd-wasm.ts']);
  });
});
