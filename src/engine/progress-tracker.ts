/**
 * Aggregates byte counts from every job into Progress events, throttled to ~10 per second
 * (plus every phase change) so that a fast scan does not flood the page with renders.
 */
import type { Progress, ProgressListener } from './progress';

export class ProgressTracker {
  bytesDone = 0;
  private total: number;
  private readonly t0 = performance.now();
  private last = 0;
  private current: Progress['phase'] = 'index';
  private detail?: string;
  private indexBytes = 0;

  constructor(total: number, private readonly listener?: ProgressListener) {
    this.total = total;
  }

  /** The deep scan is about to read `scanBytes` more; what the index pass skipped is
   *  accounted for so that the bar ends at 100 %. */
  startScan(scanBytes: number): void {
    this.indexBytes = this.bytesDone;
    this.total = Math.max(this.total, this.indexBytes + scanBytes);
  }

  add(n: number): void {
    this.bytesDone = Math.max(0, this.bytesDone + n);
    const now = performance.now();
    if (now - this.last >= 100) this.emit(now);
  }

  phase(p: Progress['phase'], detail?: string): void {
    this.current = p;
    this.detail = detail;
    if (p === 'done') this.bytesDone = Math.max(this.bytesDone, Math.min(this.total, this.bytesDone));
    this.emit(performance.now());
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
      rate: elapsedMs > 0 ? (this.bytesDone / elapsedMs) * 1000 : 0,
      elapsedMs,
      detail: this.detail,
    });
  }
}
