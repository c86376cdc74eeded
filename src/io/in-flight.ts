/**
 * `inFlight(items, n, fn)`: `fn` on every item, at most `n` at a time, in order of start. Reads
 * of Blobs and jobs on Workers wait more than they work, so a few at once hide the wait (the
 * deep scan's and the verification's jobs, src/engine; content evidence's extract jobs per
 * layer blob, src/compare/evidence; an extract job's single-file reads, src/engine/extract.ts).
 * After a rejection no item is started; the call settles only when every started `fn` has, then
 * rejects with the first error: nothing started here runs on after it (a job Worker is kept for
 * the next job once its job has settled, engine/pool.ts).
 */
export async function inFlight<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { e: unknown } | null = null;
  const work = async () => {
    while (next < items.length && !failed) {
      try {
        await fn(items[next++]);
      } catch (e) {
        failed ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, work));
  if (failed) throw (failed as { e: unknown }).e;
}
