// Dev tool (not part of npm run bench): where each thread's CPU goes over one comparison in the
// built page. `node scripts/bench/cpu-profile.mjs DIST A B [TOP]`: V8's sampling profiler of every
// thread (a Chrome trace, category disabled-by-default-v8.cpu_profiler) from the picks to the final
// report (and the first ~100 ms of the verification after it); prints each busy thread's
// functions by self time. Build DIST with `npx vite build --minify false --outDir DIST` to read
// function names. Native work shows under the JS that called it: DecompressionStream's inflate
// under the pump that writes to it (formats/gzip/fast.ts), a Blob read under readChunks.
import { traceComparison } from './trace-run.mjs';

const [dist, a, b, top = '20'] = process.argv.slice(2);
if (!b) throw new Error('usage: node scripts/bench/cpu-profile.mjs DIST A B [TOP]');
const { events, threads: names } = await traceComparison(dist, a, b, ['toplevel', 'v8', 'disabled-by-default-v8.cpu_profiler']);
const profiles = new Map();
for (const e of events) {
  if (e.name === 'Profile') profiles.set(e.id, { thread: `${e.pid}:${e.tid}`, frames: new Map(), self: new Map(), total: 0 });
  if (e.name !== 'ProfileChunk') continue;
  const p = profiles.get(e.id);
  if (!p) continue;
  const { cpuProfile, timeDeltas = [] } = e.args.data;
  for (const n of cpuProfile?.nodes ?? []) p.frames.set(n.id, n.callFrame);
  const samples = cpuProfile?.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const f = p.frames.get(samples[i]);
    const k = f ? `${f.functionName || '(anonymous)'} ${(f.url || '').split('/').pop()}:${f.lineNumber}` : '?';
    const ms = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000;
    p.self.set(k, (p.self.get(k) ?? 0) + ms);
    p.total += ms;
  }
}
for (const p of profiles.values()) {
  if (p.total < 50) continue;
  console.log(`\n== ${names.get(p.thread) ?? p.thread}: ${p.total.toFixed(0)} ms sampled`);
  for (const [k, ms] of [...p.self].sort((x, y) => y[1] - x[1]).slice(0, Number(top))) console.log(`${ms.toFixed(1).padStart(8)}  ${k}`);
}
