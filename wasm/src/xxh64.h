/*
 * XXH64 (Yann Collet's xxHash, 64-bit variant), written for this project from the algorithm
 * description (xxhash's doc/xxhash_spec.md): streaming, seed 0 only — what the comparison
 * needs to decide per-file equality fast. The digest is the canonical form: the 64-bit
 * result big-endian, the 8 bytes `xxhsum -H1` prints as hex.
 */
#ifndef TARSCOPE_XXH64_H
#define TARSCOPE_XXH64_H
#include <stddef.h>
#include <stdint.h>

typedef struct xxh64 {
  uint64_t v[4];   /* the four lane accumulators */
  uint64_t total;  /* bytes hashed so far */
  uint32_t fill;   /* bytes waiting in buf */
  uint8_t buf[32]; /* an incomplete stripe */
} xxh64;

void xxh64_init(xxh64 *s);
void xxh64_update(xxh64 *s, const uint8_t *p, size_t n);
/* Does not change s (more bytes may follow; final again gives the longer input's digest). */
void xxh64_final(const xxh64 *s, uint8_t out[8]);

#endif
