/*
 * XXH64, seed 0, from the xxHash specification (doc/xxhash_spec.md, "XXH64 Algorithm
 * Description"): four accumulators over 32-byte stripes (one 8-byte lane each), merged and
 * then fed the remaining < 32 bytes, then the avalanche. All loads little-endian through
 * memcpy (one i64.load in wasm); the stripe loop keeps the accumulators in locals.
 */
#include "xxh64.h"
#include <string.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t le64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v; /* wasm is little-endian */
}

static inline uint32_t le32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t lane) {
  acc += lane * P2;
  acc = rotl(acc, 31);
  return acc * P1;
}

static inline uint64_t merge(uint64_t acc, uint64_t v) {
  acc ^= round64(0, v);
  return acc * P1 + P4;
}

/* Whole stripes of p (n a multiple of 32) into v. */
static void stripes(uint64_t *v, const uint8_t *p, size_t n) {
  uint64_t a = v[0], b = v[1], c = v[2], d = v[3];
  for (const uint8_t *end = p + n; p < end; p += 32) {
    a = round64(a, le64(p));
    b = round64(b, le64(p + 8));
    c = round64(c, le64(p + 16));
    d = round64(d, le64(p + 24));
  }
  v[0] = a;
  v[1] = b;
  v[2] = c;
  v[3] = d;
}

void xxh64_init(xxh64 *s) {
  s->v[0] = P1 + P2; /* seed + P1 + P2, wrapping */
  s->v[1] = P2;
  s->v[2] = 0;
  s->v[3] = 0 - P1;
  s->total = 0;
  s->fill = 0;
}

void xxh64_update(xxh64 *s, const uint8_t *p, size_t n) {
  s->total += n;
  if (s->fill) {
    size_t k = 32 - s->fill;
    if (k > n) k = n;
    memcpy(s->buf + s->fill, p, k);
    s->fill += (uint32_t)k;
    p += k;
    n -= k;
    if (s->fill < 32) return;
    stripes(s->v, s->buf, 32);
    s->fill = 0;
  }
  if (n >= 32) {
    size_t whole = n & ~(size_t)31;
    stripes(s->v, p, whole);
    p += whole;
    n -= whole;
  }
  if (n) {
    memcpy(s->buf, p, n);
    s->fill = (uint32_t)n;
  }
}

void xxh64_final(const xxh64 *s, uint8_t out[8]) {
  uint64_t h;
  if (s->total >= 32) {
    const uint64_t *v = s->v;
    h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
    h = merge(h, v[0]);
    h = merge(h, v[1]);
    h = merge(h, v[2]);
    h = merge(h, v[3]);
  } else {
    h = P5; /* seed + P5 */
  }
  h += s->total;
  /* The last total % 32 bytes, all in buf: 8-byte lanes, then a 4-byte word, then bytes. */
  const uint8_t *p = s->buf;
  uint32_t n = s->fill;
  for (; n >= 8; n -= 8, p += 8) {
    h ^= round64(0, le64(p));
    h = rotl(h, 27) * P1 + P4;
  }
  if (n >= 4) {
    h ^= (uint64_t)le32(p) * P1;
    h = rotl(h, 23) * P2 + P3;
    n -= 4;
    p += 4;
  }
  for (; n; n--, p++) {
    h ^= (uint64_t)*p * P5;
    h = rotl(h, 11) * P1;
  }
  /* Avalanche. */
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  h = __builtin_bswap64(h); /* canonical: big-endian */
  memcpy(out, &h, 8);
}
