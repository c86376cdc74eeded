/**
 * Blob.slice's range rule (W3C File API §3.3.3): negative indices count from the end, values
 * are clamped to [0, size], fractions truncated (Node 20's own slice aborts the process on a
 * fraction), and the end is never before the start. Shared by the Blobs the project makes
 * itself (FileBlob in Node, HttpBlob for URLs). Returns [start, end) relative to the Blob.
 */
export function sliceRange(size: number, start?: number, end?: number): [number, number] {
  const rel = (v: number | undefined, dflt: number) => {
    if (v === undefined) return dflt;
    const n = Math.trunc(Number(v)) || 0;
    return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
  };
  const s = rel(start, 0);
  return [s, Math.max(rel(end, size), s)];
}
