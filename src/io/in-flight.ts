/**
 * `inFlight(items, n, fn)`: `fn` on every item, at most `n` at a time, in order of start. Reads
 * of Blobs and jobs on Workers wait more than they work, so a few at once hide the wait (content
 * evidence: extract jobs per layer blob, src/compare/evidence; an extract job's single-file
 * reads, src/engine/extract.ts). The first rejection rejects the whole; the rest still run out.
 */
export async function inFlight<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const work = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, work));
}
