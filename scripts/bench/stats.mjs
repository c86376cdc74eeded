// Small statistics and formatting helpers shared by the runners and the doc writer.

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** { median, runs } for a list of numbers (nulls kept in runs, left out of the median). */
export function summary(runs) {
  return { median: median(runs), runs };
}

/** 10^6 bytes per second. */
export function mbps(bytes, ms) {
  return ms > 0 ? bytes / 1e6 / (ms / 1000) : null;
}

export function fmt(x, digits = 0) {
  if (x == null || !Number.isFinite(x)) return '–';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtMs(ms) {
  if (ms == null) return '–';
  return ms >= 10_000 ? `${fmt(ms / 1000, 1)} s` : `${fmt(ms)} ms`;
}

export function fmtBytes(n) {
  if (n == null) return '–';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < u.length - 1) (v /= 1024), i++;
  return `${fmt(v, i === 0 ? 0 : 1)} ${u[i]}`;
}

export function ratio(a, b) {
  return a != null && b != null && b !== 0 ? a / b : null;
}
