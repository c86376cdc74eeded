/**
 * Streaming XXH64 (seed 0) through hash-wasm: the reference path for the per-file equality
 * hash of comparisons (the tarhash kernel computes the same digests in its fused pass).
 * Not a digest anything is named by: it decides whether two files' bytes are equal, which
 * is all a comparison needs, at ~10× the speed of SHA-256 in wasm (wasm/README.md).
 * Hex is the canonical big-endian form `xxhsum -H1` prints.
 */
import { createXXHash64, type IHasher } from 'hash-wasm';

export type Xxh64 = IHasher;

export function newXxh64(): Promise<IHasher> {
  return createXXHash64();
}

/** XXH64 of no bytes (seed 0). */
export const EMPTY_XXH64 = 'ef46db3751d8e999';
