/**
 * The stages of a deep scan, timed one by one on the same data (scripts/profile-scan.mjs
 * loads this module in Node through vite's SSR loader and in a Chromium module Worker).
 * Each stage is the deep scan cut short after one more piece, so the cost of a piece is the
 * difference between two stages measured in the same run. MB/s = 10^6 bytes of the
 * *uncompressed* tar per second.
 */
import { createSHA256, createXXHash3 as createXXH3, createXXHash64 as createXXH64 } from 'hash-wasm';
import { readChunks } from '../src/io/read';
import { TarParser, type EntrySink } from '../src/formats/tar/parser';
import type { TarEntry } from '../src/formats/tar/types';
import { GzipDecoder } from '../src/formats/gzip/decoder';
import { inflateFast, isDecompressionStreamAvailable } from '../src/formats/gzip/fast';
import { scanBlobJob } from '../src/engine/jobs';

type Update = { init(): unknown; update(c: Uint8Array): unknown; digest(): unknown };

/** Optional extra stages (the wasm kernels) injected by the caller. */
export type ExtraStage = (tar: Blob, gz: Blob) => Promise<unknown>;

function walker(file: (() => Update) | null) {
  let files = 0;
  const p = new TarParser({
    entry(e: TarEntry): EntrySink | null {
      if (e.type !== 'file' || e.size === 0) return null;
      files++;
      if (!file) return { data() {}, end() {} };
      const h = file();
      h.init();
      return { data: (c) => void h.update(c), end: () => void h.digest() };
    },
  });
  return { p, files: () => files };
}

async function inflate(gz: Blob, onData: (c: Uint8Array) => void): Promise<string> {
  if (isDecompressionStreamAvailable()) {
    const info = await inflateFast(gz, onData);
    if (info) return 'DecompressionStream';
  }
  const d = new GzipDecoder(onData);
  for await (const c of readChunks(gz)) d.write(c);
  d.end();
  return 'GzipDecoder (pako)';
}

export async function stages(extra: Record<string, ExtraStage> = {}): Promise<Record<string, (tar: Blob, gz: Blob) => Promise<unknown>>> {
  const [s1, s2, s3, x64, x3] = await Promise.all([createSHA256(), createSHA256(), createSHA256(), createXXH64(), createXXH3()]);
  return {
    'tar: read (BYOB, 4 MiB)': async (tar) => {
      for await (const c of readChunks(tar)) void c;
    },
    'tar: read + SHA-256 of stream (hash-wasm)': async (tar) => {
      s1.init();
      for await (const c of readChunks(tar)) s1.update(c);
      return s1.digest('hex');
    },
    'tar: read + walk': async (tar) => {
      const w = walker(null);
      for await (const c of readChunks(tar)) w.p.write(c);
      w.p.end();
      return w.files();
    },
    'tar: read + walk + file SHA-256 (hash-wasm)': async (tar) => {
      const w = walker(() => s2 as Update);
      for await (const c of readChunks(tar)) w.p.write(c);
      w.p.end();
    },
    'tar: read + walk + stream SHA-256 + file SHA-256 (hash-wasm)': async (tar) => {
      const w = walker(() => s2 as Update);
      s1.init();
      for await (const c of readChunks(tar)) {
        s1.update(c);
        w.p.write(c);
      }
      w.p.end();
      return s1.digest('hex');
    },
    'tar: read + walk + file XXH64 (hash-wasm)': async (tar) => {
      const w = walker(() => x64 as Update);
      for await (const c of readChunks(tar)) w.p.write(c);
      w.p.end();
    },
    'tar: read + walk + file XXH3 (hash-wasm)': async (tar) => {
      const w = walker(() => x3 as Update);
      for await (const c of readChunks(tar)) w.p.write(c);
      w.p.end();
    },
    'tar: scanBlobJob, hash-wasm (blob SHA-256 + walk + file SHA-256)': async (tar) => {
      const r = await scanBlobJob(tar, { kernel: false });
      if (r.error) throw new Error(r.error.message);
    },
    'tar: scanBlobJob, tarhash kernel': async (tar) => {
      const r = await scanBlobJob(tar);
      if (r.error) throw new Error(r.error.message);
    },
    'gz: read': async (_tar, gz) => {
      for await (const c of readChunks(gz)) void c;
    },
    'gz: inflate': async (_tar, gz) => inflate(gz, () => {}),
    'gz: inflate + walk': async (_tar, gz) => {
      const w = walker(null);
      const how = await inflate(gz, (c) => w.p.write(c));
      w.p.end();
      return how;
    },
    'gz: inflate + SHA-256 of stream (diff_id)': async (_tar, gz) => {
      s1.init();
      await inflate(gz, (c) => s1.update(c));
      return s1.digest('hex');
    },
    'gz: inflate + diff_id + walk + file SHA-256': async (_tar, gz) => {
      const w = walker(() => s2 as Update);
      s1.init();
      await inflate(gz, (c) => {
        s1.update(c);
        w.p.write(c);
      });
      w.p.end();
      return s1.digest('hex');
    },
    'gz: scanBlobJob, hash-wasm (blob SHA-256 + inflate + diff_id + walk + file SHA-256)': async (_tar, gz) => {
      void s3;
      const r = await scanBlobJob(gz, { kernel: false });
      if (r.error) throw new Error(r.error.message);
    },
    'gz: scanBlobJob, tarhash kernel': async (_tar, gz) => {
      const r = await scanBlobJob(gz);
      if (r.error) throw new Error(r.error.message);
    },
    'gz: scanBlobJob, fast (inflate + walk + file XXH64, no SHA-256)': async (_tar, gz) => {
      const r = await scanBlobJob(gz, { digests: false, fileHashes: 'xxh64' });
      if (r.error) throw new Error(r.error.message);
    },
    'tar: scanBlobJob, fast (walk + file XXH64, no SHA-256)': async (tar) => {
      const r = await scanBlobJob(tar, { digests: false, fileHashes: 'xxh64' });
      if (r.error) throw new Error(r.error.message);
    },
    ...extra,
  };
}

let verbose = false;
/** Log each stage as it starts (to find one that hangs). */
export function setVerbose(v: boolean): void {
  verbose = v;
}

const cpuNow = (): number | null => {
  // Node: CPU time of this process (all threads), which other jobs on a shared machine do
  // not inflate the way they inflate wall time. Browsers have no such clock.
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (!p?.cpuUsage) return null;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs every stage `runs` times (interleaved, so drift hits all stages alike); medians and minimum in ms. */
export async function profile(
  tar: Blob,
  gz: Blob,
  runs: number,
  extra: Record<string, ExtraStage> = {},
  only?: RegExp,
): Promise<{ stage: string; ms: number; min: number; mbps: number; cpu?: number; note?: string }[]> {
  const all = await stages(extra);
  const names = Object.keys(all).filter((n) => !only || only.test(n));
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const cpus = new Map<string, number[]>(names.map((n) => [n, []]));
  const notes = new Map<string, string>();
  for (let r = 0; r < runs; r++) {
    for (const n of names) {
      if (verbose) console.log(`profile: ${n} …`);
      const t0 = performance.now();
      const c0 = cpuNow();
      const out = await all[n](tar, gz);
      times.get(n)!.push(performance.now() - t0);
      if (c0 !== null) cpus.get(n)!.push(cpuNow()! - c0);
      if (typeof out === 'string' && out.length < 40) notes.set(n, out);
    }
  }
  return names.map((n) => {
    const ts = times.get(n)!.sort((a, b) => a - b);
    const ms = ts[Math.floor(ts.length / 2)];
    const cs = cpus.get(n)!.sort((a, b) => a - b);
    const cpu = cs.length ? Math.round(cs[Math.floor(cs.length / 2)]) : undefined;
    return { stage: n, ms: Math.round(ms), min: Math.round(ts[0]), mbps: Math.round(tar.size / 1e3 / ts[0]), cpu, note: notes.get(n) };
  });
}
