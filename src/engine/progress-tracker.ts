/**
 * Aggregates byte counts from every job into Progress events, throttled to ~10 per second
 * (plus every phase change) so that a fast scan does not flood the page with renders.
 * The total is the size of the input(s); a few windows the listing reads before the deep
 * scan reads them again can push the count past it, so what is shown is capped.
 */
import type { Progress, ProgressListener } from './progress';

export class ProgressTracker {
  bytesDone = 0;
  private readonly t0 = performance.now();
  private last = 0;
  private current: Progress['phase'] = 'index';
  private detail?: string;

  constructor(
    private readonly total: number,
    private readonly listener?: ProgressListener,
  ) {}

  add(n: number): void {
    this.bytesDone = Math.max(0, this.bytesDone + n);
    const now = performance.now();
    if (now - this.last >= 100) this.emit(now);
  }

  phase(p: Progress['phase'], detail?: string): void {
    const changed = p !== this.current;
    this.current = p;
    this.detail = detail;
    const now = performance.now();
    if (changed || p === 'done' || now - this.last >= 100) this.emit(now);
  }

  private emit(now: number): void {
    this.last = now;
    if (!this.listener) return;
    const elapsedMs = now - this.t0;
    const done = this.current === 'done' ? this.total : Math.min(this.bytesDone, this.total);
    this.listener({
      phase: this.current,
      bytesDone: done,
      bytesTotal: this.total,
      rate: elapsedMs > 0 ? (Math.min(this.bytesDone, this.total) / elapsedMs) * 1000 : 0,
      elapsedMs,
      detail: this.detail,
    });
  }
}
