// The platform's bounds, measured in the same run on the same files as tarscope: Chromium alone,
// no tarscope code, one dedicated Worker per core, the files picked through an <input> (File-backed,
// like the archives a person picks), every file of a set read at once (a shared queue, largest first).
//
// Stages (one Worker message each; bytes counted in the Worker, time in the page's clock):
//   read-byob     Blob.stream() with a BYOB reader and ONE reused 4 MiB buffer per Worker
//   read-default  Blob.stream() with the default reader (the platform's chunks)
//   read-slice    Blob.slice(16 MiB).arrayBuffer() one window after the other
//   inflate       Blob.stream() piped through DecompressionStream('gzip'), default reader: "read + DS"
//   zstd          BYOB read (4 MiB) fed to zstd-wasm 0.0.9's ZSTD_decompressStream in 1 MiB pieces
//                 (the package tarscope ships, node_modules/zstd-wasm/lib/zstd.js + its wasm bytes)
//   verify        what the background verification must compute, done the cheapest way: read the
//                 blob once, SHA-256 of its bytes (tarscope's own wasm, the tarhash kernel of the
//                 built page, stream mode) and, when compressed, decompress (DS / zstd-wasm) and
//                 SHA-256 of the output (the diff_id). The digests are checked against the known ones.
//   sha256-mem    SHA-256 (the same kernel) of 16 MiB already in wasm memory, best of 4, in every Worker at
//                 once: the per-core rate that bounds any verification.
//
// The read floor is the fastest read method's median: each run is a fresh browser in which the
// files are picked and every stage runs once, the order rotated from run to run, so that each
// method is the first read after the pick (the slowest, as in a tarscope run) in some run.
//
// The old floor (docs/benchmarks.md of 2026-12-01: 371 MB/s for the realistic pair, runs 350–537)
// measured one method on the app's own page (which registers its service worker and precaches its
// assets), created its Workers inside the timed region, and ran its 3 runs in one browser after
// the tarscope runs; which of these cost most was not isolated. Since the page ships a CSP
// (worker-src 'self', 2026-12-07) its blob: Workers are refused and it measured nothing at all.
// Here the page is a blank one served by this module (no CSP, no service worker), the Workers are
// started and their wasm instantiated before the clock starts, and every method is measured.
//
// `node scripts/bench/platform.mjs FILE...` measures the read floor (and verify, sha256-mem) of
// the given files alone and prints it (the tarhash wasm from dist/ when built, else wasm/).
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { ROOT } from './cache.mjs';
import { median } from './stats.mjs';

export const READ_METHODS = ['read-byob', 'read-default', 'read-slice'];
export const METHOD_LABEL = {
  'read-byob': 'BYOB reader, one reused 4 MiB buffer per Worker',
  'read-default': 'default reader',
  'read-slice': 'slice(16 MiB).arrayBuffer()',
  inflate: "read + DecompressionStream('gzip')",
  zstd: 'read (BYOB) + zstd-wasm 0.0.9 ZSTD_decompressStream',
  verify: 'read + SHA-256 of every blob (tarhash wasm), and of its decompressed stream when compressed',
  'sha256-mem': 'SHA-256 (tarhash wasm) in memory, per Worker: the best of 4 rounds of 16 MiB',
};

/** Runs in each dedicated module Worker. */
const WORKER = String.raw`
const CAP = 4 << 20;
/** What this Worker is doing, for a page that asks why a stage has not ended ('status'). */
const now = { op: null, file: null, size: 0, bytes: 0, chunks: 0 };
/** Bytes per kernel call. */
const PIECE = 256 << 10;
let th = null; // tarhash: { e, heap(), newRun(), free(run) }
let zstd = null;
function tarhash(bytes) {
  const { instance } = bytes;
  const e = instance.exports;
  e._initialize?.();
  return {
    e,
    run() {
      const r = e.tarhash_new(CAP, 16);
      if (!r) throw new Error('tarhash_new failed');
      e.tarhash_begin(r, 1); // F_STREAM: SHA-256 of the stream
      const input = e.tarhash_input(r);
      let n = 0;
      return {
        update(u8) {
          for (let off = 0; off < u8.length; ) {
            const len = Math.min(PIECE, u8.length - off);
            new Uint8Array(e.memory.buffer).set(u8.subarray(off, off + len), input);
            if (e.tarhash_chunk(r, len) < 0 || e.tarhash_run(r, 0, len) < 0) throw new Error('tarhash failed');
            off += len;
            n += len;
          }
        },
        /** Hashes \`len\` bytes already in the input buffer (sha256-mem). */
        again(len) {
          if (e.tarhash_chunk(r, len) < 0 || e.tarhash_run(r, 0, len) < 0) throw new Error('tarhash failed');
          n += len;
        },
        input,
        digest() {
          e.tarhash_stream_digest(r);
          const d = new Uint8Array(e.memory.buffer, e.tarhash_digests(r), 32);
          const hex = [...d].map((x) => x.toString(16).padStart(2, '0')).join('');
          e.tarhash_free(r);
          return { hex, bytes: n };
        },
      };
    },
  };
}
function zstdDecoder(mod, onData) {
  const IN = 1 << 20, OUT = 1 << 20;
  const dctx = mod._ZSTD_createDCtx();
  mod._ZSTD_initDStream(dctx);
  const block = mod._malloc(24 + IN + OUT);
  const inS = block, outS = block + 12, inBuf = block + 24, outBuf = inBuf + IN;
  return {
    write(bytes) {
      for (let off = 0; off < bytes.length; ) {
        const take = Math.min(IN, bytes.length - off);
        mod.HEAPU8.set(bytes.subarray(off, off + take), inBuf);
        let u = mod.HEAPU32;
        u[inS >>> 2] = inBuf; u[(inS >>> 2) + 1] = take; u[(inS >>> 2) + 2] = 0;
        u[outS >>> 2] = outBuf; u[(outS >>> 2) + 1] = OUT;
        let inPos, outPos;
        do {
          mod.HEAPU32[(outS >>> 2) + 2] = 0;
          const ret = mod._ZSTD_decompressStream(dctx, outS, inS);
          if (mod._ZSTD_isError(ret)) throw new Error('zstd error ' + ret);
          u = mod.HEAPU32;
          inPos = u[(inS >>> 2) + 2];
          outPos = u[(outS >>> 2) + 2];
          if (outPos > 0) onData(mod.HEAPU8.subarray(outBuf, outBuf + outPos));
        } while (inPos < take || outPos === OUT);
        off += take;
      }
    },
    end() { mod._free(block); },
  };
}
async function readByob(file, onChunk) {
  const r = file.stream().getReader({ mode: 'byob' });
  let buf = new ArrayBuffer(CAP);
  let n = 0;
  for (;;) {
    const x = await r.read(new Uint8Array(buf));
    if (x.done) break;
    n += x.value.byteLength;
    now.bytes = n;
    now.chunks++;
    if (onChunk) onChunk(x.value);
    buf = x.value.buffer;
  }
  return n;
}
async function readDefault(stream, onChunk) {
  const r = stream.getReader();
  let n = 0;
  for (;;) {
    const x = await r.read();
    if (x.done) break;
    n += x.value.byteLength;
    now.bytes = n;
    now.chunks++;
    if (onChunk) onChunk(x.value);
  }
  return n;
}
async function stage(name, file, compression) {
  if (name === 'read-byob') return { in: await readByob(file), out: 0 };
  if (name === 'read-default') return { in: await readDefault(file.stream()), out: 0 };
  if (name === 'read-slice') {
    const W = 16 << 20;
    let n = 0;
    for (let off = 0; off < file.size; off += W) n += (await file.slice(off, off + W).arrayBuffer()).byteLength;
    return { in: n, out: 0 };
  }
  if (name === 'inflate') return { in: file.size, out: await readDefault(file.stream().pipeThrough(new DecompressionStream('gzip'))) };
  if (name === 'zstd') {
    let out = 0;
    const d = zstdDecoder(zstd, (c) => (out += c.length));
    const n = await readByob(file, (c) => d.write(c));
    d.end();
    return { in: n, out };
  }
  if (name === 'verify') {
    const blob = th.run();
    if (compression === 'none') {
      const n = await readByob(file, (c) => blob.update(c));
      return { in: n, out: 0, digests: [blob.digest().hex] };
    }
    const inner = th.run();
    if (compression === 'zstd') {
      const d = zstdDecoder(zstd, (c) => inner.update(c));
      const n = await readByob(file, (c) => (blob.update(c), d.write(c)));
      d.end();
      const di = inner.digest();
      return { in: n, out: di.bytes, digests: [blob.digest().hex, di.hex] };
    }
    const ds = new DecompressionStream('gzip');
    const w = ds.writable.getWriter();
    const outDone = readDefault(ds.readable, (c) => inner.update(c));
    const r = file.stream().getReader();
    let n = 0;
    for (;;) {
      const x = await r.read();
      if (x.done) break;
      n += x.value.byteLength;
      blob.update(x.value);
      await w.ready;
      w.write(x.value).catch(() => {});
    }
    await w.close();
    await outDone;
    const di = inner.digest();
    return { in: n, out: di.bytes, digests: [blob.digest().hex, di.hex] };
  }
  throw new Error('unknown stage ' + name);
}
onmessage = async (e) => {
  const m = e.data;
  if (m.op === 'status') return postMessage({ status: { ...now } });
  try {
    if (m.op === 'init') {
      const bytes = async (url) => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      };
      th = tarhash(await WebAssembly.instantiate(await bytes('/tarhash.wasm'), { wasi_snapshot_preview1: { fd_write: () => 0 } }));
      // V8 runs new wasm code in its baseline tier (Liftoff) and tiers a function up to TurboFan
      // after it has run a while, for the next call: short calls first, or a long call runs slow.
      const warm = th.run();
      for (let i = 0; i < 400; i++) warm.again(0), warm.update(new Uint8Array(16384));
      warm.digest();
      if (m.zstd) {
        const { default: create } = await import('/zstd.js');
        zstd = await create({ wasmBinary: await bytes('/zstd.wasm') });
      }
      postMessage({ ok: true });
    } else if (m.op === 'sha256-mem') {
      const run = th.run();
      const seed = new Uint8Array(CAP);
      for (let i = 0; i < CAP; i++) seed[i] = (i * 2654435761) >>> 24;
      run.update(seed); // fills the input buffer once (not timed)
      // Rounds of m.pieces × 256 KiB (4 of 16 MiB; --quick: 1 of 1 MiB), the fastest kept: a
      // bound, and the first round may still be partly in the baseline tier.
      let ms = Infinity;
      const rounds = [];
      for (let k = 0; k < m.rounds; k++) {
        const t = performance.now();
        for (let i = 0; i < m.pieces; i++) run.again(PIECE);
        rounds.push(performance.now() - t);
        ms = Math.min(ms, rounds[k]);
      }
      run.digest();
      postMessage({ ok: true, ms, rounds, bytes: m.pieces * PIECE });
    } else {
      Object.assign(now, { op: m.op, file: m.file.name, size: m.file.size, bytes: 0, chunks: 0 });
      const r = await stage(m.op, m.file, m.compression);
      now.op = null;
      postMessage({ ok: true, ...r });
    }
  } catch (err) {
    postMessage({ ok: false, error: String(err && err.stack || err) });
  }
};`;

const PAGE = '<!doctype html><meta charset="utf-8"><title>platform</title><body></body>';

/** A blank page, the Worker, the kernels and zstd-wasm's glue, on a port of its own (no CSP, no service worker). */
async function serve(tarhashBytes, zstdBytes) {
  const zstdJs = join(ROOT, 'node_modules/zstd-wasm/lib/zstd.js');
  const files = {
    '/': ['text/html', PAGE],
    '/worker.js': ['text/javascript', WORKER],
    '/zstd.js': ['text/javascript', existsSync(zstdJs) ? readFileSync(zstdJs) : 'throw new Error("node_modules/zstd-wasm missing")'],
    '/tarhash.wasm': ['application/wasm', tarhashBytes],
  };
  if (zstdBytes) files['/zstd.wasm'] = ['application/wasm', zstdBytes];
  const server = createServer((req, res) => {
    const f = files[new URL(req.url, 'http://x').pathname];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' }).end(f[1]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** The tarhash kernel the built page ships (dist/assets/tarhash-*.wasm), else the committed wasm/tarhash.wasm. */
export function tarhashWasm(dist = join(ROOT, 'dist')) {
  const assets = join(dist, 'assets');
  const built = existsSync(assets) ? readdirSync(assets).find((f) => /^tarhash-.*\.wasm$/.test(f)) : null;
  const path = built ? join(assets, built) : join(ROOT, 'wasm/tarhash.wasm');
  return { path, bytes: readFileSync(path) };
}

/** zstd-wasm's wasm bytes (lib/binary.js holds them as base64), read as text, not imported. */
function zstdWasm() {
  const p = join(ROOT, 'node_modules/zstd-wasm/lib/binary.js');
  const m = existsSync(p) ? /BINARY\s*=\s*"([A-Za-z0-9+/=]+)"/.exec(readFileSync(p, 'utf8')) : null;
  return m ? Buffer.from(m[1], 'base64') : null;
}

/** In the page: `workers` module Workers, each with the kernels instantiated. */
async function startWorkers([n, zstd]) {
  window.__workers = await Promise.all(
    Array.from({ length: n }, async () => {
      const w = new Worker('/worker.js', { type: 'module' });
      const r = await new Promise((resolve) => {
        w.onmessage = (e) => resolve(e.data);
        w.onerror = (e) => resolve({ ok: false, error: e.message });
        w.postMessage({ op: 'init', zstd });
      });
      if (!r.ok) throw new Error(`worker init: ${r.error}`);
      return w;
    }),
  );
}

/** In the page: what each Worker is doing (a stage that has not ended: which file, how far). */
async function workerStatus() {
  return Promise.all(
    window.__workers.map(
      (w) =>
        new Promise((resolve) => {
          w.addEventListener('message', function on(e) {
            if (!e.data.status) return;
            w.removeEventListener('message', on);
            resolve(e.data.status);
          });
          w.postMessage({ op: 'status' });
          setTimeout(() => resolve('no answer'), 2000);
        }),
    ),
  );
}

/** In the page: one stage over every file of input `set` (largest first, shared queue). */
async function runStage([set, name, compressions, shaPieces]) {
  const ask = (w, msg) =>
    new Promise((resolve, reject) => {
      w.onmessage = (e) => (e.data.status ? undefined : e.data.ok ? resolve(e.data) : reject(new Error(e.data.error)));
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage(msg);
    });
  const workers = window.__workers;
  if (name === 'sha256-mem') {
    const rs = await Promise.all(workers.map((w) => ask(w, { op: 'sha256-mem', rounds: shaPieces >= 64 ? 4 : 1, pieces: shaPieces })));
    return { perWorkerMbps: rs.map((r) => r.bytes / 1e3 / r.ms) };
  }
  const files = [...document.getElementById(set).files].map((file, i) => ({ file, i })).sort((a, b) => b.file.size - a.file.size);
  const per = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(
    workers.map(async (w) => {
      while (next < files.length) {
        const { file, i } = files[next++];
        const r = await ask(w, { op: name, file, compression: compressions[i] });
        per[i] = { in: r.in, out: r.out, digests: r.digests ?? null };
      }
    }),
  );
  return { ms: performance.now() - t, per };
}

/** `promise`, or an error after `ms`: a Worker that dies without a word must not hang the run. */
function limit(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * sets: { name: [{ path, compression, size, uncompressedSize, sha256?, diffId? }] };
 * plan: [[setName, stage], …] (stages above). Each of `runs` runs is a fresh browser: the sets
 * are picked, the Workers started, then every stage of the plan runs once, the plan rotated by
 * the run's index. Returns { workers, runs, tarhash, stages: { 'set:stage': { ms: [..], medianMs,
 * first: [bool], inBytes, outBytes } , 'sha256-mem': { perWorkerMbps: [[..]..], mbps } },
 * floor: { set: { method, ms, mbps, methods: { method: medianMs } } } } or { error }.
 */
export async function platformBounds(sets, plan, { workers = cpus().length, runs = 3, dist, shaMiB = 16, log = () => {} } = {}) {
  const th = tarhashWasm(dist);
  const zw = plan.some(([, s]) => s === 'zstd') || Object.values(sets).some((fs) => fs.some((f) => f.compression === 'zstd')) ? zstdWasm() : null;
  const server = await serve(th.bytes, zw);
  const out = {
    workers,
    runs,
    tarhash: th.path.replace(ROOT, '').replace(/^\//, ''),
    sets: Object.fromEntries(Object.entries(sets).map(([k, fs]) => [k, { files: fs.length, bytes: fs.reduce((n, f) => n + f.size, 0) }])),
    stages: {},
    floor: {},
    order: [],
    failures: [],
  };
  const stages = out.stages;
  try {
    // A run that fails (a stage with no answer: seen twice on the loaded 2-core machine, a
    // Worker's read that never ended) is recorded with what each Worker was doing, and redone in a
    // fresh browser, up to `runs` times; its partial figures are dropped.
    for (let run = 0, done = 0; done < runs; run++) {
      if (out.failures.length > runs) throw new Error(`${out.failures.length} runs failed; the last: ${out.failures.at(-1)}`);
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
      const got = [];
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(server.url);
        for (const [name, files] of Object.entries(sets)) {
          await page.evaluate((id) => {
            const input = document.createElement('input');
            input.type = 'file';
            input.multiple = true;
            input.id = id;
            document.body.append(input);
          }, name);
          await page.setInputFiles(
            `#${name}`,
            files.map((f) => f.path),
          );
        }
        await limit(page.evaluate(startWorkers, [workers, zw != null]), 60_000, 'starting the Workers');
        const order = plan.map((_, i) => plan[(i + done) % plan.length]);
        for (const [i, [set, name]] of order.entries()) {
          const key = name === 'sha256-mem' ? name : `${set}:${name}`;
          const files = sets[set] ?? [];
          // 60 s, plus 100 ms per MB in and out (10 MB/s): far above any stage's time.
          const bytes = files.reduce((n, f) => n + f.size + (f.uncompressedSize ?? 0), 0);
          const r = await limit(
            page.evaluate(runStage, [set, name, files.map((f) => f.compression), shaMiB * 4]),
            60_000 + bytes / 1e4,
            `${set}:${name}`,
          ).catch(async (e) => {
            const st = await page.evaluate(workerStatus).catch((x) => String(x));
            throw new Error(`${e.message} (run ${run + 1}, stage ${i + 1} of ${order.length}; the Workers: ${JSON.stringify(st)})`);
          });
          if (name !== 'sha256-mem') checkStage(name, files, r.per);
          got.push([key, set, name, i, r]);
        }
        if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
        for (const [key, set, name, i, r] of got) {
          if (name === 'sha256-mem') {
            const e = (stages[key] ??= { perWorkerMbps: [] });
            e.perWorkerMbps.push(r.perWorkerMbps);
            continue;
          }
          const e = (stages[key] ??= { set, stage: name, ms: [], first: [], inBytes: 0, outBytes: 0 });
          e.ms.push(r.ms);
          e.first.push(i === 0);
          e.inBytes = r.per.reduce((n, p) => n + p.in, 0);
          e.outBytes = r.per.reduce((n, p) => n + p.out, 0);
        }
        out.order.push(order.map(([s, n]) => `${s}:${n}`));
        done++;
      } catch (e) {
        out.failures.push(String(e?.message ?? e).slice(0, 1500));
        log(`platform run ${run + 1}: FAILED ${out.failures.at(-1).slice(0, 600)}`);
      } finally {
        await browser.close();
      }
    }
  } catch (e) {
    return { ...out, error: String(e?.message ?? e) };
  } finally {
    await server.close();
  }
  for (const e of Object.values(stages)) {
    if (e.ms) {
      e.medianMs = median(e.ms);
      e.mbps = e.inBytes / 1e3 / e.medianMs;
      if (e.outBytes) e.outMbps = e.outBytes / 1e3 / e.medianMs;
    } else {
      e.mbps = median(e.perWorkerMbps.flat());
    }
  }
  for (const set of Object.keys(sets)) {
    const methods = READ_METHODS.map((m) => [m, stages[`${set}:${m}`]]).filter(([, e]) => e);
    if (!methods.length) continue;
    const [method, best] = methods.reduce((a, b) => (b[1].medianMs < a[1].medianMs ? b : a));
    out.floor[set] = { method, ms: best.medianMs, mbps: best.mbps, methods: Object.fromEntries(methods.map(([m, e]) => [m, e.medianMs])) };
    log(
      `platform ${set}: read floor ${best.medianMs.toFixed(0)} ms (${best.mbps.toFixed(0)} MB/s, ${method}); ${methods.map(([m, e]) => `${m} ${e.medianMs.toFixed(0)}`).join(', ')} ms`,
    );
  }
  for (const [k, e] of Object.entries(stages))
    if (!READ_METHODS.includes(e.stage)) log(`platform ${k}: ${e.medianMs != null ? `${e.medianMs.toFixed(0)} ms, ` : ''}${e.mbps.toFixed(0)} MB/s`);
  return out;
}

/** Every byte accounted for, and the digests right: a stage that read less, or hashed wrong, is an error. */
function checkStage(name, files, per) {
  for (const [i, f] of files.entries()) {
    const p = per[i];
    if (!p) throw new Error(`${name}: no result for ${f.path}`);
    if (p.in !== f.size) throw new Error(`${name}: read ${p.in} of ${f.size} bytes of ${f.path}`);
    const inflates = name === 'inflate' || name === 'zstd' || (name === 'verify' && f.compression !== 'none');
    if (inflates && f.uncompressedSize != null && p.out !== f.uncompressedSize)
      throw new Error(`${name}: ${p.out} bytes out of ${f.path}, expected ${f.uncompressedSize}`);
    if (name === 'verify') {
      if (f.sha256 && p.digests[0] !== f.sha256) throw new Error(`verify: SHA-256 of ${f.path} is ${p.digests[0]}, expected ${f.sha256}`);
      if (f.diffId && p.digests[1] && p.digests[1] !== f.diffId) throw new Error(`verify: diff_id of ${f.path} is ${p.digests[1]}, expected ${f.diffId}`);
    }
  }
}

/** The plan for a set of blobs that must be read: every read method, and the decoder alone. */
export function readPlan(set, compression) {
  return [...READ_METHODS.map((m) => [set, m]), ...(compression === 'gzip' ? [[set, 'inflate']] : compression === 'zstd' ? [[set, 'zstd']] : [])];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = process.argv.slice(2);
  if (!paths.length) {
    console.error('usage: node scripts/bench/platform.mjs FILE... (the files read at once, one Worker per core)');
    process.exit(2);
  }
  const files = paths.map((path) => ({ path, compression: 'none', size: statSync(path).size }));
  const runs = Number(process.env.RUNS ?? 3);
  const r = await platformBounds({ files }, [...readPlan('files', 'none'), ['files', 'verify'], ['files', 'sha256-mem']], { runs, log: console.error });
  console.log(JSON.stringify(r, null, 2));
  if (r.error) process.exit(1);
}
