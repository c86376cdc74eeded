/**
 * Loads one of the project's WASI reactor kernels (wasm/*.wasm) through
 * @bjorn3/browser_wasi_shim: the shim supplies the `wasi_snapshot_preview1` imports the
 * kernel links against (stderr for its diagnostics) and runs the reactor's `_initialize`
 * (wasi-libc's constructors, malloc's state) before any export is called.
 *
 * Bytes: in a browser (page or Worker) from the URL vite gives the `?url` import (an asset
 * of the build, fetched only when a scan first needs it); in Node (CLI threads, unit tests)
 * from the package's committed wasm/ directory, found relative to the calling module.
 */
import { WASI, ConsoleStdout } from '@bjorn3/browser_wasi_shim';

export interface KernelInstance<E> {
  exports: E & { memory: WebAssembly.Memory };
  /** What the kernel wrote to stderr since the last call (its diagnostics), then cleared. */
  takeStderr(): string;
}

// Read through globalThis: this file is compiled for Workers (no `process`) and the page (no
// `process`) as well as Node (no `window`); see tsconfig.worker.json.
const host = globalThis as { process?: { versions?: { node?: unknown } }; window?: unknown };
const isNode = typeof host.process?.versions?.node === 'string' && host.window === undefined && !('WorkerGlobalScope' in globalThis);

/** `url`: the `?url` import (browsers); `diskCandidates`: where Node looks, in order. */
export async function loadBytes(url: string, diskCandidates: URL[]): Promise<ArrayBuffer> {
  if (isNode) {
    // biome-ignore lint/correctness/noNodejsModules: taken only in Node (isNode), to read the committed wasm; node-fs.d.ts says why
    const { readFile } = await import(/* @vite-ignore */ 'node:fs/promises');
    const errors: string[] = [];
    for (const u of diskCandidates) {
      try {
        const b = await readFile(u);
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      } catch (e) {
        errors.push(`${u.pathname}: ${(e as Error).message}`);
      }
    }
    throw new Error(`kernel: cannot read the wasm file (${errors.join('; ')})`);
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`kernel: cannot fetch ${url}: HTTP ${r.status}`);
  return r.arrayBuffer();
}

export async function instantiate<E>(bytes: ArrayBuffer, name: string): Promise<KernelInstance<E>> {
  let stderr = '';
  const decoder = new TextDecoder();
  const fds = [
    new ConsoleStdout(() => {}), // stdin: the kernels read nothing
    ConsoleStdout.lineBuffered((line) => console.log(`${name}: ${line}`)),
    new ConsoleStdout((b) => {
      stderr += decoder.decode(b, { stream: true });
    }),
  ];
  const wasi = new WASI([name], [], fds);
  const { instance } = await WebAssembly.instantiate(bytes, { wasi_snapshot_preview1: wasi.wasiImport });
  const exports = instance.exports as unknown as E & { memory: WebAssembly.Memory; _initialize?: () => void };
  if (!(exports.memory instanceof WebAssembly.Memory)) throw new Error(`${name}: the module exports no memory`);
  wasi.initialize({ exports });
  return {
    exports,
    takeStderr() {
      const s = stderr.trim();
      stderr = '';
      return s;
    },
  };
}
