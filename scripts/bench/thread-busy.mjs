// Dev tool (not part of npm run bench): which thread is busy when, over one comparison in the
// built page. `node scripts/bench/thread-busy.mjs DIST A B [W0 W1]`: a Chrome trace (toplevel,
// devtools.timeline) from the second pick to the final report; prints, per thread (the page's
// main thread, the coordinator Worker, the job Workers), its busy time and a strip of 50 ms
// cells (# > 80 % busy, + > 40 %, . > 5 %), then the trace events that took the most time on
// each thread between W0 and W1 ms (default 200–600: the deep scan). Tracing slows the page by
// ~30 %: read shares and shapes, not times.
import { traceComparison } from './trace-run.mjs';

const [dist, a, b, w0 = '200', w1 = '600'] = process.argv.slice(2);
if (!b) throw new Error('usage: node scripts/bench/thread-busy.mjs DIST A B [W0 W1]');
const { events, threads: names } = await traceComparison(dist, a, b, ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8']);
const t0 = events.find((e) => e.name === 'picked')?.ts;
const end = events.find((e) => e.name === 'final')?.ts;
if (t0 == null || end == null) throw new Error('the trace has no picked/final marks');
const CELL = 50_000; // µs
// A thread's top-level tasks are RunTask on the Workers and ThreadControllerImpl::RunTask on the
// main thread (one nests in the other): per thread, the name that covers more time.
const byName = new Map();
for (const e of events) {
  if (e.ph !== 'X' || (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')) continue;
  const key = `${e.pid}:${e.tid}`;
  const name = names.get(key) ?? key;
  if (!/CrRendererMain|DedicatedWorker/.test(name)) continue;
  let s = Math.max(e.ts, t0);
  const stop = Math.min(e.ts + (e.dur ?? 0), end);
  if (stop <= s) continue;
  const k = `${key} ${e.name}`;
  let t = byName.get(k);
  if (!t) byName.set(k, (t = { key, name, cells: new Map(), busy: 0 }));
  t.busy += stop - s;
  while (s < stop) {
    const i = Math.floor((s - t0) / CELL);
    const d = Math.min(stop, t0 + (i + 1) * CELL) - s;
    t.cells.set(i, (t.cells.get(i) ?? 0) + d);
    s += d;
  }
}
const threads = new Map();
for (const t of byName.values()) if (!threads.has(t.key) || threads.get(t.key).busy < t.busy) threads.set(t.key, t);
console.log(`final report ${((end - t0) / 1000).toFixed(0)} ms after the second pick; one cell = ${CELL / 1000} ms`);
const cells = Math.ceil((end - t0) / CELL);
for (const [key, t] of threads) {
  let strip = '';
  for (let i = 0; i < cells; i++) {
    const v = (t.cells.get(i) ?? 0) / CELL;
    strip += v > 0.8 ? '#' : v > 0.4 ? '+' : v > 0.05 ? '.' : ' ';
  }
  console.log(`${t.name.slice(0, 22).padEnd(22)} ${key.padEnd(14)} busy ${(t.busy / 1000).toFixed(0).padStart(5)} ms |${strip}|`);
}
const [from, to] = [Number(w0), Number(w1)];
const by = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  const at = (e.ts - t0) / 1000;
  if (at < from || at > to) continue;
  const name = names.get(`${e.pid}:${e.tid}`) ?? '';
  if (!/CrRendererMain|DedicatedWorker/.test(name)) continue;
  const k = `${e.tid} ${e.name}`;
  const x = by.get(k) ?? { n: 0, ms: 0 };
  x.n++;
  x.ms += e.dur / 1000;
  by.set(k, x);
}
console.log(`\nbetween ${from} and ${to} ms: thread, event, count, ms`);
for (const [k, x] of [...by].sort((p, q) => q[1].ms - p[1].ms).slice(0, 30))
  console.log(`${k.padEnd(60)} ${String(x.n).padStart(5)} ${x.ms.toFixed(1).padStart(8)}`);
