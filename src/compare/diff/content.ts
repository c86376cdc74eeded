/**
 * How two regular files' contents are compared: by SHA-256 when both sides have it (an
 * inspection, or an archive read in one stream), else by XXH64 (a comparison's fast scan
 * hashes files with XXH64 only: engine/scan-blob.ts). The values are what a `content`
 * difference shows: bare SHA-256 hex, or `xxh64:<hex>`. Null when the sides share no hash
 * (content not read on one side): the caller then compares sizes.
 */
export interface Hashed {
  sha256?: string;
  xxh64?: string;
}

export function contentValues(a: Hashed, b: Hashed): [string, string] | null {
  if (a.sha256 !== undefined && b.sha256 !== undefined) return [a.sha256, b.sha256];
  if (a.xxh64 !== undefined && b.xxh64 !== undefined) return [`xxh64:${a.xxh64}`, `xxh64:${b.xxh64}`];
  return null;
}

/** Whether the file's content was hashed at all. */
export function hasContentHash(f: Hashed): boolean {
  return f.sha256 !== undefined || f.xxh64 !== undefined;
}
