/**
 * The one place that turns report values into words, for every presenter: the page (`ui/`),
 * the text, Markdown and HTML reports and the CLI. Pure: no DOM, no state, no escaping
 * (callers escape for their format, escape.ts), only type imports. The page imports it
 * statically, so all of it lands in the page's first chunk: keep it to formatting values
 * (sentences for the written reports go in their own files). Unit-tested in
 * tests/unit/present/format.test.ts.
 *
 * Conventions: sizes in IEC units (KiB = 1024 bytes) with the exact byte count offered
 * separately (`exactBytes`); dates ISO 8601 in UTC; layers 1-based (`layerName`). Where two
 * forms of one value serve two places, both are here under names that say which is which
 * (`shortDigest` / `truncatedDigest`, `formatDuration` / `formatDurationMs`, …).
 */
import type { Platform } from '../image/model';
import type { Json } from '../compare/types';
import type { CompressionInfo } from '../formats/compression';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const NUMBER = new Intl.NumberFormat('en-US');

export const DASH = '—';

/** "1.50 KiB", "12.3 MiB", "152 MiB"; plain bytes below 1 KiB. */
export function formatBytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  if (Math.abs(n) < 1024) return `${n} B`;
  let v = n / 1024;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0;
  let text = v.toFixed(digits);
  // 1023.7 KiB would print as "1024 KiB": move to the next unit instead.
  if (Number(text) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
    text = v.toFixed(2);
  }
  return `${text} ${UNITS[u]}`;
}

/** "1,234,567 bytes": the exact count, for titles next to a human size. */
export function exactBytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return 'unknown size';
  return `${NUMBER.format(n)} ${n === 1 ? 'byte' : 'bytes'}`;
}

export function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond > 0 && Number.isFinite(bytesPerSecond) ? `${formatBytes(Math.round(bytesPerSecond))}/s` : DASH;
}

export function formatCount(n: number): string {
  return NUMBER.format(n);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? word : many}`;
}

const TYPE_CHAR: Record<string, string> = {
  dir: 'd',
  symlink: 'l',
  chardev: 'c',
  blockdev: 'b',
  fifo: 'p',
};

/**
 * `ls -l` style mode string: "drwxr-xr-x", "-rwsr-xr-x", "drwxrwxrwt".
 * Setuid/setgid/sticky show as s/S and t/T as in POSIX `ls` (S/T when the matching x bit is off).
 */
export function formatMode(mode: number | null | undefined, type?: string): string {
  if (mode == null || !Number.isFinite(mode)) return DASH;
  const m = mode & 0o7777;
  const bit = (mask: number, c: string) => (m & mask ? c : '-');
  const exec = (xMask: number, specialMask: number, on: string, off: string) => {
    const x = (m & xMask) !== 0;
    if (m & specialMask) return x ? on : off;
    return x ? 'x' : '-';
  };
  return (
    (type ? (TYPE_CHAR[type] ?? '-') : '') +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    exec(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    exec(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    exec(0o001, 0o1000, 't', 'T')
  );
}

/** "0755": the permission and special bits in octal. */
export function formatOctalMode(mode: number | null | undefined): string {
  if (mode == null || !Number.isFinite(mode)) return DASH;
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** "root:root" (names when the header has them, else numeric ids). */
export function formatOwner(uid: number, gid: number, uname?: string, gname?: string): string {
  return `${uname || uid}:${gname || gid}`;
}

function isoWithoutZeroMillis(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/** Seconds since the epoch (tar mtime, possibly fractional) → "2024-01-02T03:04:05Z". */
export function formatUnixTime(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return DASH;
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  return isoWithoutZeroMillis(d);
}

const ISO_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)$/i;

/**
 * A date string from an image config (RFC 3339, often with nanoseconds) → ISO in UTC.
 * Already-UTC values are kept as written so nanoseconds are not lost; offsets are converted.
 */
export function formatIsoDate(s: string | null | undefined): string {
  if (!s) return DASH;
  const m = ISO_RE.exec(s.trim());
  if (m) {
    if (m[3].toUpperCase() === 'Z') return s.trim().replace(/z$/, 'Z');
    const frac = m[2] ? m[2].slice(0, 4) : '';
    const d = new Date(`${m[1]}${frac}${m[3]}`);
    if (!Number.isNaN(d.getTime())) return isoWithoutZeroMillis(d);
  }
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : isoWithoutZeroMillis(d);
}

/** "4 s", "2 min 05 s", "1 h 02 min": coarse, for time left and the page's elapsed time. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return DASH;
  if (seconds < 1) return '< 1 s';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "340 ms", "1.2 s", "2 min 5 s": milliseconds kept below a second, for the written reports
 *  and the CLI, where a run of a few hundred ms is common and worth telling apart. */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** Seconds left at the average rate so far, or null while it cannot be estimated. */
export function remainingSeconds(p: { rate: number; bytesTotal: number; bytesDone: number }): number | null {
  if (!(p.rate > 0) || !(p.bytesTotal > 0)) return null;
  return Math.max(0, p.bytesTotal - p.bytesDone) / p.rate;
}

export function percent(done: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, (done / total) * 100));
}

/** "sha256:<64 hex>" → the first 12 hex digits (the docker short-id convention); other
 *  algorithms keep their name. For the page, where the full value is in a title. */
export function shortDigest(d: string | null | undefined): string {
  if (!d) return DASH;
  const m = /^([a-z0-9+._-]+):([0-9a-f]+)$/i.exec(d);
  if (!m) return d.length > 16 ? `${d.slice(0, 12)}…` : d;
  return m[1] === 'sha256' ? m[2].slice(0, 12) : `${m[1]}:${m[2].slice(0, 12)}`;
}

/** "sha256:ab12cd34ef56…": the algorithm kept and the cut marked, for written reports where
 *  the digest cannot be hovered (12 hex digits tell layers apart by eye). */
export function truncatedDigest(d: string | null | undefined, hex = 12): string {
  if (!d) return DASH;
  const i = d.indexOf(':');
  const enc = i < 0 ? d : d.slice(i + 1);
  return enc.length > hex ? `${d.slice(0, i + 1)}${enc.slice(0, hex)}…` : d;
}

/**
 * Layers are 0-based in the report (`LayerReport.index`, `MergedFile.layer`), as in the
 * OCI manifest's `layers` array; people count them 1-based ("#1" is the base layer), in
 * prose "layer #1". This is the only place that decides it, for the page and the reports.
 */
export function layerName(index: number | null | undefined): string {
  return index == null ? DASH : `#${index + 1}`;
}

/** "linux/arm64/v8", plus the os.version for Windows images. */
export function formatPlatform(p: Platform | null | undefined): string {
  if (!p) return DASH;
  const base = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
  return p['os.version'] ? `${base} (${p['os.version']})` : base;
}

/** With the members or frames: "gzip (2 members, 512 trailing bytes (zeros))", "none". */
export function compressionLabel(info: CompressionInfo | null | undefined): string {
  if (!info) return 'not detected';
  switch (info.algorithm) {
    case 'none':
      return 'none';
    case 'gzip': {
      const extra = info.trailingBytes ? `, ${plural(info.trailingBytes, 'trailing byte')}${info.trailingZeros ? ' (zeros)' : ''}` : '';
      return `gzip (${plural(info.members.length, 'member')}${extra})`;
    }
    case 'zstd': {
      const extra = info.trailingBytes ? `, ${plural(info.trailingBytes, 'trailing byte')}` : '';
      return `zstd (${plural(info.frames.length, 'frame')}${extra})`;
    }
    default:
      return info.algorithm;
  }
}

/** One word for a table cell: "uncompressed", "gzip", "zstd". */
export function compressionName(c: CompressionInfo | null | undefined): string {
  if (!c) return DASH;
  return c.algorithm === 'none' ? 'uncompressed' : c.algorithm;
}

/** "application/vnd.oci.image.layer.v1.tar+gzip" → "oci.image.layer.v1.tar+gzip" (the page
 *  puts the full value in a title). */
export function shortMediaType(mt: string | null | undefined): string {
  if (!mt) return DASH;
  return mt.replace(/^application\/vnd\./, '');
}

/** Without the common prefixes: "…oci.image.layer.v1.tar+gzip" → "tar+gzip", for the narrow
 *  columns of the written reports. */
export function compactMediaType(m: string | null | undefined): string {
  if (!m) return DASH;
  return m.replace(/^application\/vnd\.(oci\.image|docker\.image\.rootfs|docker\.container\.image)\.(layer\.v1\.)?/, '').replace(/^diff\./, '');
}

/** A difference value, compact: strings as they are, everything else as JSON. */
export function jsonValue(v: Json | undefined, max = 200): string {
  if (v === undefined) return '(absent)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
