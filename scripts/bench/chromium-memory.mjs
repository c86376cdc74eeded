// Memory of the browser, all its processes: every descendant of this Node process (the
// browser that playwright-core launched, its zygotes, renderers, GPU/utility processes;
// the Vite preview server runs inside this Node process and is not counted). Sampled from
// /proc every ~100 ms (less often when one sample costs more than 10 ms, so the sampler takes
// under ~10 % of a core from the page it measures):
//   RSS — /proc/<pid>/statm resident pages (what the target is stated in; pages
//         shared between processes, e.g. libraries, are counted once per process),
//   PSS — /proc/<pid>/smaps_rollup (shared pages split between the processes sharing them).
// The figure is peak − idle, idle being the median of samples taken before a file is picked.
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return null;
  }
}

/** ppid of every process (fallback when /proc/<pid>/task/<pid>/children is not available). */
function parentMap() {
  const m = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      m.set(Number(d), ppid);
    } catch {}
  }
  return m;
}

export function descendants(root = process.pid) {
  const out = [];
  if (children(root) !== null) {
    const stack = [root];
    while (stack.length) {
      for (const c of children(stack.pop()) ?? []) {
        out.push(c);
        stack.push(c);
      }
    }
    return out;
  }
  const pm = parentMap();
  const want = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of pm) if (want.has(ppid) && !want.has(pid)) want.add(pid), out.push(pid), (grew = true);
  }
  return out;
}

function processType(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const t = /--type=([\w-]+)/.exec(cmd)?.[1];
    const utility = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1];
    if (t) return utility ? `${t}:${utility.split('.').pop()}` : t;
    return cmd.includes('chrom') ? 'browser' : cmd.split('\0')[0].split('/').pop() || 'other';
  } catch {
    return 'gone';
  }
}

/** One sample of the whole tree: { rss, pss, n, byType: { renderer: {rss, pss, n}, … } }. */
export function sample(root = process.pid, { pss = true } = {}) {
  let rss = 0;
  let pssSum = 0;
  const byType = {};
  const pids = descendants(root);
  for (const pid of pids) {
    let r = 0;
    let p = 0;
    try {
      r = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      if (pss) p = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      continue; // exited between listing and reading
    }
    rss += r;
    pssSum += p;
    const t = processType(pid);
    const e = (byType[t] ??= { rss: 0, pss: 0, n: 0 });
    e.rss += r;
    e.pss += p;
    e.n++;
  }
  return { rss, pss: pssSum, n: pids.length, byType };
}

/** Samples every `intervalMs` (or 10× one sample's cost, if more) until stop(); stop() returns { peakRss, peakPss, peakSample, samples, sampleCostMs }. */
export function startSampler(root = process.pid, intervalMs = 100) {
  const samples = [];
  let peak = null;
  let peakPss = 0;
  let cost = 0;
  const tick = () => {
    const t0 = performance.now();
    const s = sample(root);
    cost += performance.now() - t0;
    samples.push({ t: Math.round(t0), rss: s.rss, pss: s.pss, n: s.n });
    if (!peak || s.rss > peak.rss) peak = s;
    peakPss = Math.max(peakPss, s.pss);
  };
  tick();
  // Reading smaps_rollup for every process costs ~30 ms on the 2-core machine: every 100 ms it
  // would take ~30 % of a core from the page being measured. Keep the sampler under ~10 %.
  const every = Math.max(intervalMs, Math.round(cost * 10));
  const timer = setInterval(tick, every);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakRss: peak.rss, peakPss, peakSample: peak, samples: samples.length, sampleCostMs: cost / samples.length };
    },
  };
}

/** Idle baseline: the median of `n` samples `intervalMs` apart. */
export async function idle(root = process.pid, n = 10, intervalMs = 100) {
  const rs = [];
  const ps = [];
  for (let i = 0; i < n; i++) {
    const s = sample(root);
    rs.push(s.rss);
    ps.push(s.pss);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return { rss: med(rs), pss: med(ps) };
}
