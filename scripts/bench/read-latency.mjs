// What one small read of a File costs in a Chromium Worker: `node scripts/bench/read-latency.mjs FILE`.
// 12 reads at offsets spread over the file, each size (512 B, 64 KiB, 1 MiB) by
// slice().arrayBuffer() and by the first chunk of slice().stream(), one at a time and 4 at a
// time; prints ms per read. The outer listing's window (src/engine/outer-seek.ts) and the
// extract job's reads of single files (src/engine/extract.ts) are sized from these figures.
// Not part of `npm run bench`; numbers drift on shared machines.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/bench/read-latency.mjs FILE');
const WORKER = `
onmessage = async (e) => {
  const f = e.data;
  const out = {};
  const offs = Array.from({ length: 12 }, (_, i) => Math.floor((f.size / 13) * (i + 1)));
  const ab = async (o, n) => new Uint8Array(await f.slice(o, o + n).arrayBuffer());
  const first = async (o, n) => { const r = f.slice(o, o + n).stream().getReader(); const x = await r.read(); await r.cancel(); return x.value; };
  for (const [name, fn] of [['arrayBuffer', ab], ['stream, first chunk', first]])
    for (const n of [512, 65536, 1 << 20])
      for (const par of [1, 4]) {
        const t = performance.now();
        for (let i = 0; i < offs.length; i += par) await Promise.all(offs.slice(i, i + par).map((o) => fn(o + n * 3 + par, n)));
        out[name + ', ' + n + ' B, ' + par + ' at a time'] = +((performance.now() - t) / offs.length).toFixed(2);
      }
  postMessage(out);
};`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.setContent('<input type=file id=f>');
  await page.setInputFiles('#f', file);
  const res = await page.evaluate(async (src) => {
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    const f = document.getElementById('f').files[0];
    return new Promise((done) => {
      w.onmessage = (e) => done(e.data);
      w.postMessage(f);
    });
  }, WORKER);
  console.log('| read | ms per read |\n|---|---:|');
  for (const [k, v] of Object.entries(res)) console.log(`| ${k} | ${v} |`);
} finally {
  await browser.close();
}
