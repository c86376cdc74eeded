/**
 * The progress line on stderr: phase, bytes done of total, percent, rate, time left, and
 * what is being read, redrawn in place (`\r` + erase line) at most ten times a second and
 * erased when done. Only shown when terminal.ts `useProgress()` says so.
 */
import type { Progress } from '../engine/progress';
import type { Stream } from './terminal';
import { formatBytes, formatDurationMs } from '../present/format';
import { visible } from '../present/escape';

const PHASE: Record<Progress['phase'], string> = { index: 'reading structure', layers: 'reading layers', verify: 'verifying digests', done: 'done' };

/** One line, without control characters, at most `width` characters. */
export function progressText(p: Progress, width = 100): string {
  const pct = p.bytesTotal > 0 ? Math.min(100, Math.floor((p.bytesDone / p.bytesTotal) * 100)) : 0;
  const left = p.rate > 0 && p.bytesTotal > p.bytesDone ? formatDurationMs(((p.bytesTotal - p.bytesDone) / p.rate) * 1000) : '—';
  const parts = [
    `tarscope: ${PHASE[p.phase] ?? p.phase}`,
    `${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)} (${pct}%)`,
    `${formatBytes(p.rate)}/s`,
    `ETA ${left}`,
  ];
  let line = parts.join('  ');
  if (p.detail) line += `  ${visible(p.detail, 200)}`;
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(
    private readonly out: Stream,
    private readonly everyMs = 100,
  ) {}

  update(p: Progress): void {
    const now = Date.now();
    if (p.phase !== 'done' && now - this.last < this.everyMs) return;
    this.last = now;
    // A pty without a window size (script(1), CI runners) reports 0 columns.
    const width = Math.max(20, (this.out.columns || 100) - 1);
    this.out.write(`\r\x1b[2K${progressText(p, width)}`);
    this.shown = true;
  }

  /** Erases the line (before the report or an error is printed). */
  clear(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
