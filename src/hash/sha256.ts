/**
 * Streaming SHA-256 for digests (blob digests, diff_ids, file checksums).
 * WebCrypto has no streaming digest, so this uses hash-wasm (~240 MB/s, building-blocks.md).
 * The wasm instance is created once per hasher through one memoised promise per call site;
 * hashers are reused with init() between files to avoid re-instantiation.
 */
import { createSHA256, type IHasher } from 'hash-wasm';

export type Sha256 = IHasher;

export function newSha256(): Promise<IHasher> {
  return createSHA256();
}

/** SHA-256 of a small in-memory buffer, as 'sha256:<hex>'. */
export async function sha256Digest(bytes: Uint8Array): Promise<string> {
  const h = await createSHA256();
  h.init();
  h.update(bytes);
  return 'sha256:' + h.digest('hex');
}
