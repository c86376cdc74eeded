// The platform's ceiling for a deep scan, measured in the same run on the same layer blobs as
// the native references: Chromium alone, no tarscope code, one dedicated Worker per core
// taking the blobs largest first (as the engine's pool does), each blob a File picked through
// an <input> (File-backed, like the archives a person picks):
//   read     BYOB reader, 4 MiB buffer: the bytes of every blob and nothing else
//   inflate  read piped through DecompressionStream('gzip') (gzip blobs only)
// MB/s are of the blobs' uncompressed bytes, like every deep-scan figure. What tarscope's deep
// scan does beyond this (tar walk, XXH64, results to the page) is its own overhead.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { median } from './stats.mjs';

/** Runs in a Worker: reads (and inflates) the files it is given, one at a time. */
const WORKER = `
onmessage = async (e) => {
  const { file, inflate } = e.data;
  let stream = file.stream();
  if (inflate) stream = stream.pipeThrough(new DecompressionStream('gzip'));
  let n = 0;
  if (!inflate) {
    const r = stream.getReader({ mode: 'byob' });
    let buf = new ArrayBuffer(4 << 20);
    for (;;) {
      const x = await r.read(new Uint8Array(buf));
      if (x.done) break;
      n += x.value.byteLength;
      buf = x.value.buffer;
    }
  } else {
    const r = stream.getReader();
    for (;;) {
      const x = await r.read();
      if (x.done) break;
      n += x.value.byteLength;
    }
  }
  postMessage(n);
};`;

/** In the page: files over `workers` Workers, largest first; returns [wall ms, bytes out]. */
async function drive([workers, inflate]) {
  const files = [...document.getElementById('bench-platform').files].sort((a, b) => b.size - a.size);
  const url = URL.createObjectURL(new Blob([window.__platformWorker], { type: 'text/javascript' }));
  const pool = Array.from({ length: workers }, () => new Worker(url));
  let next = 0;
  let out = 0;
  const t = performance.now();
  await Promise.all(
    pool.map(async (w) => {
      while (next < files.length) {
        const file = files[next++];
        const n = await new Promise((resolve, reject) => {
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage({ file, inflate });
        });
        out += n; // not `out += await …`: that reads `out` before the other Workers add theirs
      }
    }),
  );
  const ms = performance.now() - t;
  for (const w of pool) w.terminate();
  return [ms, out];
}

/**
 * blobs: [{ path, compression, uncompressedSize }] (the layer blobs tarscope deep-scanned).
 * Returns { workers, read: { mbps, runs }, inflate?: { mbps, runs } }, or { error }.
 */
export async function platformCeiling(url, blobs, { workers = 2, runs = 3, log = () => {} } = {}) {
  if (!blobs.length) return { error: 'no blobs' };
  const uncompressed = blobs.reduce((n, b) => n + b.uncompressedSize, 0);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate((code) => {
      window.__platformWorker = code;
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'bench-platform';
      document.body.append(input);
    }, WORKER);
    await page.setInputFiles(
      '#bench-platform',
      blobs.map((b) => b.path),
    );
    const kinds = blobs.every((b) => b.compression === 'gzip') ? ['read', 'inflate'] : ['read'];
    const result = { workers };
    for (const kind of kinds) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const [ms, out] = await page.evaluate(drive, [workers, kind === 'inflate']);
        if (kind === 'inflate' && out !== uncompressed) throw new Error(`inflate gave ${out} bytes, expected ${uncompressed}`);
        times.push(ms);
      }
      const mbps = times.map((ms) => uncompressed / 1e6 / (ms / 1000));
      result[kind] = { mbps: median(mbps), runs: mbps, ms: median(times) };
      log(`platform ${kind} (${workers} Workers): ${result[kind].mbps.toFixed(0)} MB/s of uncompressed layers`);
    }
    return result;
  } catch (e) {
    return { error: String(e?.message ?? e) };
  } finally {
    await browser.close();
  }
}
