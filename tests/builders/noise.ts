/**
 * Deterministic incompressible bytes (xorshift32) for test archives: layers that gzip and
 * zstd cannot shrink, large files whose contents differ everywhere. The same seed gives the
 * same bytes in Node and in the browser.
 */
export function noise(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
