// How close is a layer scan to the platform's floor? `node scripts/profile-read.mjs [--rounds N]
// [--set realistic|tar|big|gz|zst|pyc-tar|pyc-gz] [--stages s1,s2@blobs,…] [--workers 2]
// [--files a.tar,b.tar (set big)]`; the stages are scripts/profile-read-worker.ts's.
//
// Headless Chromium, files picked through an <input> (File-backed Blobs, as a person's archives),
// two module Workers (scripts/profile-read-worker.ts on the vite dev server) kept for the whole
// run, work handed out largest first as the engine's pool does. Each round runs every stage once,
// the order reversed every other round (A/B interleaved: load drift hits all stages alike); the
// first round is a warm-up and not counted. Prints medians and the ratio to the first stage,
// and how many runs of a stage stalled (Chromium's Blob stream gave nothing for 60 s: not
// counted, the Workers replaced).
// `stage@files` reads the whole files, `stage@blobs` the layer blobs inside them (the realistic
// pair: the 2 layers of each docker-archive). Not a test: numbers drift on shared machines.
//
// Data: the realistic pair (tests/.fixtures/bench/debootstrap/, made by `npm run bench`), and
// its first layer alone, uncompressed, gzip -6 -n and zstd -3, made here in /tmp/tarscope-read.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readSync, readFileSync, closeSync, statSync } from 'node:fs';
import { profileServer } from './profile-server.mjs';
import { chromium } from 'playwright-core';
import { chromiumPath, chromiumArgs } from './chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', '5'));
const set = opt('--set', 'realistic');
const workers = Number(opt('--workers', '2'));
// --busy MS: the page's main thread runs tasks of MS ms back to back (a setTimeout 0 between
// them) while a stage runs, as the page does while it renders a report: does a busy renderer
// main thread slow the Workers' Blob reads?
const busyMs = Number(opt('--busy', '0'));

const PAIR = 'tests/.fixtures/bench/debootstrap';
const DIR = '/tmp/tarscope-read';

/** Regular entries of an uncompressed outer tar over 1 MB: [offset of data, size]. */
function layerSlices(path) {
  const fd = openSync(path, 'r');
  const out = [];
  const h = Buffer.alloc(512);
  let pos = 0;
  const size = statSync(path).size;
  try {
    while (pos + 512 <= size) {
      readSync(fd, h, 0, 512, pos);
      if (h.every((b) => b === 0)) break;
      const n = Number.parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/, '').trim() || '0', 8);
      const type = String.fromCharCode(h[156]);
      if ((type === '0' || type === '\0') && n > 1e6) out.push([pos + 512, n]);
      pos += 512 + Math.ceil(n / 512) * 512;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

function layerFiles(ext) {
  mkdirSync(DIR, { recursive: true });
  return ['a', 'b'].map((s) => {
    const tar = `${DIR}/${s}-l1.tar`;
    if (!existsSync(tar)) {
      const [[at, n]] = layerSlices(`${PAIR}/${s}.tar`);
      execFileSync('sh', ['-c', `dd if='${PAIR}/${s}.tar' of='${tar}.tmp' bs=512 skip=${at / 512} count=${n / 512} status=none && mv '${tar}.tmp' '${tar}'`]);
    }
    const out = ext ? `${tar}.${ext}` : tar;
    if (!existsSync(out)) {
      const cmd = ext === 'gz' ? `gzip -6 -n -c '${tar}'` : `zstd -3 -q -c '${tar}'`;
      execFileSync('sh', ['-c', `${cmd} > '${out}.tmp' && mv '${out}.tmp' '${out}'`]);
    }
    return out;
  });
}

const SETS = {
  realistic: {
    files: () => ['a', 'b'].map((s) => `${PAIR}/${s}.tar`),
    stages: 'floor-byob@files,floor-default@files,read-fresh@blobs,read@blobs,scan-fast@blobs',
  },
  tar: { files: () => layerFiles(''), stages: 'floor-byob,read,scan-fast,scan-full' },
  gz: { files: () => layerFiles('gz'), stages: 'ds,ds-32k,inflate,scan-fast' },
  zst: { files: () => layerFiles('zst'), stages: 'floor-byob,zstd-decode,scan-fast' },
  // Two ~1 GB layers (any tar: --files a.tar,b.tar), read whole.
  big: { files: () => opt('--files', `${DIR}/big-a.tar,${DIR}/big-b.tar`).split(','), stages: 'floor-byob,read,scan-fast' },
  // 3,000 differing .pyc of 4 KiB in one layer per side (made by hand: see pycFiles): the
  // timestamp classification's extract job, every file whole, as timestamp-only.ts asks.
  'pyc-gz': { files: () => pycFiles('tar.gz'), stages: 'floor-byob,scan-fast,extract', arg: () => pycWants(false) },
  'pyc-tar': { files: () => pycFiles('tar'), stages: 'floor-byob,scan-fast,extract', arg: () => pycWants(true) },
};

/** pyc-{a,b}.tar[.gz]: 3,000 files `…/m<i>.cpython-311.pyc` (PEP 552 header, 4,080 random
 *  bytes), the same but for the source mtime (+147 s in b); pyc-wants.json: path, size, header offset. */
function pycFiles(ext) {
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(`${DIR}/pyc-wants.json`)) {
    const py = [
      'import tarfile, io, json, random, subprocess',
      'random.seed(7)',
      'payloads = [random.randbytes(4080) for _ in range(3000)]',
      'wants = []',
      "for side, mtime in (('a', 1700000000), ('b', 1700000147)):",
      '    buf = io.BytesIO()',
      '    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:',
      '        for i, p in enumerate(payloads):',
      "            name = f'usr/lib/python3.11/pkg{i // 100}/m{i}.cpython-311.pyc'",
      "            data = bytes([0xa7, 13, 13, 10, 0, 0, 0, 0]) + mtime.to_bytes(4, 'little') + len(p).to_bytes(4, 'little') + p",
      '            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 1700000000; ti.mode = 0o644',
      "            if side == 'a': wants.append({'path': name, 'size': len(data), 'at': buf.tell()})",
      '            t.addfile(ti, io.BytesIO(data))',
      "    open(f'pyc-{side}.tar', 'wb').write(buf.getvalue())",
      "    subprocess.run(f'gzip -6 -n -c pyc-{side}.tar > pyc-{side}.tar.gz', shell=True, check=True)",
      "json.dump(wants, open('pyc-wants.json.tmp', 'w'))",
    ].join('\n');
    execFileSync('python3', ['-c', py], { cwd: DIR });
    execFileSync('mv', [`${DIR}/pyc-wants.json.tmp`, `${DIR}/pyc-wants.json`]);
  }
  return ['a', 'b'].map((s) => `${DIR}/pyc-${s}.${ext}`);
}

/** The wants timestamp-only.ts sends for those files: whole, with the header offset when the layer is uncompressed. */
function pycWants(withOffset) {
  const list = JSON.parse(readFileSync(`${DIR}/pyc-wants.json`, 'utf8'));
  return list.map((w) => ({ path: w.path, occurrence: 1, ranges: [[0, w.size]], ...(withOffset ? { at: w.at } : {}) }));
}
const chosen = SETS[set];
if (!chosen) throw new Error(`--set: one of ${Object.keys(SETS).join(', ')}`);
const files = chosen.files();
for (const f of files) if (!existsSync(f)) throw new Error(`${f} is missing (npm run bench makes the realistic pair)`);
const stages = opt('--stages', chosen.stages)
  .split(',')
  .map((s) => {
    const [stage, work = 'files'] = s.split('@');
    return { name: s, stage, work };
  });
// Work lists, in file indexes and byte ranges: whole files, or the layer blobs inside them.
const work = {
  files: files.map((f, i) => [i, 0, statSync(f).size]),
  blobs: files.flatMap((f, i) => {
    const s = layerSlices(f);
    return s.length ? s.map(([at, n]) => [i, at, at + n]) : [[i, 0, statSync(f).size]];
  }),
};
const arg = chosen.arg?.();
const mb = (list) => list.reduce((n, [, s, e]) => n + e - s, 0) / 1e6;
console.log(`set ${set}: ${files.join(', ')}; ${workers} Workers; ${rounds} rounds + 1 warm-up; load: ${execFileSync('uptime').toString().trim()}`);

const server = await profileServer('profile-page', (req, res) => {
  if (req.url !== '/__read.html') return false;
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><title>read</title><input type="file" id="f" multiple>');
  return true;
});
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error('[page]', m.text()));
  await page.goto(new URL('/__read.html', server.resolvedUrls.local[0]).href);
  await page.setInputFiles('#f', files);
  await page.evaluate((n) => {
    window.__workers = Array.from({ length: n }, () => new Worker('/scripts/profile-read-worker.ts', { type: 'module' }));
  }, workers);
  const times = Object.fromEntries(stages.map((s) => [s.name, []]));
  const stalls = Object.fromEntries(stages.map((s) => [s.name, 0]));
  for (let r = 0; r <= rounds; r++) {
    const order = r % 2 ? [...stages].reverse() : stages;
    for (const s of order) {
      const ms = await page.evaluate(
        async ({ stage, list, arg, busyMs }) => {
          const input = document.getElementById('f');
          let busy = busyMs > 0;
          const spin = () => {
            if (!busy) return;
            const end = performance.now() + busyMs;
            while (performance.now() < end);
            setTimeout(spin, 0);
          };
          spin();
          const todo = [...list].sort((x, y) => y[2] - y[1] - (x[2] - x[1]));
          let stalled = false;
          const t = performance.now();
          try {
            await Promise.all(
              window.__workers.map(async (w) => {
                while (todo.length) {
                  const [i, s, e] = todo.shift();
                  const f = input.files[i];
                  const blob = s === 0 && e === f.size ? f : f.slice(s, e);
                  const res = await new Promise((resolve) => {
                    w.onmessage = (m) => resolve(m.data);
                    w.onerror = (m) => resolve({ error: m.message || 'the Worker failed' });
                    // Chromium's Blob streams sometimes stop delivering for good (io/read.ts
                    // STALL_MS): the platform-only stages have no guard, so such a run is counted
                    // as a stall and its Workers replaced.
                    setTimeout(() => resolve({ stalled: true }), 60_000);
                    w.postMessage({ stage, blob, arg });
                  });
                  if (res.error) throw new Error(res.error);
                  if (res.stalled) stalled = true;
                }
              }),
            );
          } finally {
            busy = false;
          }
          if (stalled) {
            for (const w of window.__workers) w.terminate();
            window.__workers = window.__workers.map(() => new Worker('/scripts/profile-read-worker.ts', { type: 'module' }));
            return null;
          }
          return performance.now() - t;
        },
        { stage: s.stage, list: work[s.work], arg, busyMs },
      );
      if (ms === null) stalls[s.name]++;
      else if (r > 0) times[s.name].push(ms);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = med(times[stages[0].name]);
  console.log(`\n| stage | MB read | median ms | min | max | MB/s (median) | × ${stages[0].name} | stalls |\n|---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const s of stages) {
    const t = times[s.name];
    const m = med(t);
    const size = mb(work[s.work]);
    console.log(
      `| ${s.name} | ${size.toFixed(0)} | ${m?.toFixed(0)} | ${Math.min(...t).toFixed(0)} | ${Math.max(...t).toFixed(0)} | ${((size / m) * 1000).toFixed(0)} | ${(m / base).toFixed(2)} | ${stalls[s.name]} |`,
    );
  }
  console.log(`load after: ${execFileSync('uptime').toString().trim()}`);
} finally {
  await browser.close();
  await server.close();
}
