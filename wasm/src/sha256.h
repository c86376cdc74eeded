/*
 * SHA-256 (FIPS 180-4) for the tarhash kernel: one context per stream, and an update that
 * feeds the same bytes to two contexts block by block (the stream and the file it
 * contains), so each 64-byte block is read from memory once while it is in cache.
 */
#ifndef TARSCOPE_SHA256_H
#define TARSCOPE_SHA256_H
#include <stddef.h>
#include <stdint.h>

typedef struct sha256 {
  uint32_t h[8];
  uint64_t total; /* bytes hashed so far */
  uint32_t fill;  /* bytes waiting in buf */
  uint8_t buf[64];
} sha256;

void sha256_init(sha256 *s);
void sha256_update(sha256 *s, const uint8_t *p, size_t n);
void sha256_final(sha256 *s, uint8_t out[32]);
/* The same bytes into a and b (a != b); block by block when both are at a block boundary. */
void sha256_update2(sha256 *a, sha256 *b, const uint8_t *p, size_t n);

#endif
