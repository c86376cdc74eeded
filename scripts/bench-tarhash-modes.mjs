// MB/s of the tarhash kernel (src/kernels/tarhash.ts) per hashing mode, in Node:
//   node scripts/bench-tarhash-modes.mjs [--runs N] [--mb SIZE]
// The data: SIZE MB (default 200) of random bytes laid out like a tar with a few large files
// (five files, each behind a 512-byte header, data 512-aligned), fed to one run in 1 MiB
// pieces the way the engine does (chunk, fileBegin/fileData/fileEnd, flush). No tar walk,
// no reading: the kernel and its TypeScript wrapper only. hash-wasm's XXH64 on the same file
// spans for comparison. Not a test: numbers drift on shared machines; compare rows of one run.
import { randomFillSync } from 'node:crypto';
import { createServer } from 'vite';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = opt('--runs', 5);
const total = opt('--mb', 200) * 1e6;
const PIECE = 1 << 20;

// Five files of ~total/5, each after a 512-byte header; the tail is padding, like a tar's end.
const data = randomFillSync(new Uint8Array(Math.ceil(total / 512) * 512));
const spans = [];
{
  const per = Math.floor(data.length / 5 / 512) * 512 - 1024;
  let at = 0;
  for (let i = 0; i < 5; i++) {
    at += 512; // header
    const len = per - ((i * 4097) % 512); // not all a multiple of 512: a tail in the last block
    spans.push([at, at + len]);
    at += Math.ceil(len / 512) * 512;
  }
}

const server = await createServer({
  configFile: 'vite.config.ts',
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false },
  appType: 'custom',
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const { loadTarHash } = await server.ssrLoadModule('/src/kernels/tarhash.ts');
  const { createXXHash64 } = await import('hash-wasm');
  const k = await loadTarHash();
  const run = k.newRun(PIECE);

  /** One pass over `data` with the kernel in the given mode; returns a digest to keep it honest. */
  function kernelPass(withStream, files) {
    run.begin(withStream, files);
    let fi = 0;
    let inFile = false;
    let last = '';
    for (let at = 0; at < data.length; at += PIECE) {
      const p = data.subarray(at, Math.min(data.length, at + PIECE));
      run.chunk(p);
      while (fi < spans.length) {
        const [s, e] = spans[fi];
        if (!inFile && s >= at + p.length) break;
        if (!inFile) {
          run.fileBegin();
          inFile = true;
        }
        const from = Math.max(s, at);
        const to = Math.min(e, at + p.length);
        if (to > from) run.fileData(p.subarray(from - at, to - at));
        if (e > at + p.length) break;
        run.fileEnd((d) => {
          last = d.xxh64 ?? d.sha256 ?? '';
        });
        inFile = false;
        fi++;
      }
      run.flush();
    }
    return withStream ? run.streamDigest() : last;
  }

  const hw = await createXXHash64();
  function hashWasmPass() {
    let last = '';
    for (const [s, e] of spans) {
      hw.init();
      for (let at = s; at < e; at += PIECE) hw.update(data.subarray(at, Math.min(e, at + PIECE)));
      last = hw.digest('hex');
    }
    return last;
  }

  const modes = [
    ['(a) file SHA-256 only', () => kernelPass(false, { sha256: true, xxh64: false })],
    ['(b) file XXH64 only', () => kernelPass(false, { sha256: false, xxh64: true })],
    ['(c) stream SHA-256 + file XXH64', () => kernelPass(true, { sha256: false, xxh64: true })],
    ['stream SHA-256 only', () => kernelPass(true, { sha256: false, xxh64: false })],
    ["stream + file SHA-256 (today's scan)", () => kernelPass(true, { sha256: true, xxh64: false })],
    ['stream + file SHA-256 + file XXH64', () => kernelPass(true, { sha256: true, xxh64: true })],
    ['hash-wasm XXH64 per file (reference path)', hashWasmPass],
  ];
  // The kernel must give the reference digests in these modes, or the figures mean nothing.
  const { createHash } = await import('node:crypto');
  const ref = hashWasmPass();
  if (kernelPass(false, { sha256: false, xxh64: true }) !== ref) throw new Error('kernel XXH64 differs from hash-wasm');
  if (kernelPass(true, { sha256: false, xxh64: true }) !== createHash('sha256').update(data).digest('hex'))
    throw new Error('kernel stream SHA-256 differs from node:crypto');
  const lastFile = data.subarray(...spans[spans.length - 1]);
  if (kernelPass(false, { sha256: true, xxh64: false }) !== createHash('sha256').update(lastFile).digest('hex'))
    throw new Error('kernel file SHA-256 differs from node:crypto');

  const fileBytes = spans.reduce((n, [s, e]) => n + e - s, 0);
  console.log(
    `data: ${(data.length / 1e6).toFixed(1)} MB stream, ${spans.length} files (${(fileBytes / 1e6).toFixed(1)} MB), 1 MiB pieces; Node ${process.version}; ${runs} runs; MB/s of the stream's bytes`,
  );
  console.log('\n| mode | MB/s (best) | MB/s (median) | CPU ms (median) |\n|---|---:|---:|---:|');
  for (const [name, fn] of modes) {
    fn(); // warm-up
    const ms = [];
    const cpu = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const mbps = (t) => (data.length / 1e6 / (t / 1000)).toFixed(0);
    console.log(`| ${name} | ${mbps(Math.min(...ms))} | ${mbps(med(ms))} | ${med(cpu).toFixed(0)} |`);
  }
  run.dispose();
} finally {
  await server.close();
}
