/*
 * SHA-256, FIPS 180-4 section 6.2, written for this project. Rounds fully unrolled with
 * a rolling 16-word schedule (section 6.2.2: W_t for t >= 16 needs only W_{t-2}, W_{t-7},
 * W_{t-15}, W_{t-16}), so the working set fits in registers.
 */
#include "sha256.h"
#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define s0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define s1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

static inline uint32_t load_be32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}

/* W_t for t >= 16, in place in a 16-word ring (FIPS 180-4 6.2.2 step 1). */
#define SCHED(W, t) (W[(t)&15] += s1(W[((t)-2) & 15]) + W[((t)-7) & 15] + s0(W[((t)-15) & 15]))

/* Round t (step 3) with its schedule word computed inline, so the ring stays in locals:
 * the fastest of the forms measured in V8 (wasm/README.md). The register rotation is done
 * by renaming the arguments, not by moving values. */
#define RS(t, a, b, c, d, e, f, g, h)                        \
  do {                                                       \
    uint32_t x_ = (t) < 16 ? W[(t)&15] : SCHED(W, t);        \
    uint32_t t1 = (h) + S1(e) + CH(e, f, g) + K[t] + x_;     \
    (d) += t1;                                               \
    (h) = t1 + S0(a) + MAJ(a, b, c);                         \
  } while (0)

#define R8S(t)                          \
  RS((t) + 0, a, b, c, d, e, f, g, h);  \
  RS((t) + 1, h, a, b, c, d, e, f, g);  \
  RS((t) + 2, g, h, a, b, c, d, e, f);  \
  RS((t) + 3, f, g, h, a, b, c, d, e);  \
  RS((t) + 4, e, f, g, h, a, b, c, d);  \
  RS((t) + 5, d, e, f, g, h, a, b, c);  \
  RS((t) + 6, c, d, e, f, g, h, a, b);  \
  RS((t) + 7, b, c, d, e, f, g, h, a)

/* One 64-byte block into state s. */
static void block(uint32_t *s, const uint8_t *p) {
  uint32_t W[16];
  for (int t = 0; t < 16; t++) W[t] = load_be32(p + 4 * t);
  uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  R8S(0); R8S(8); R8S(16); R8S(24); R8S(32); R8S(40); R8S(48); R8S(56);
  s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

static void compress(uint32_t *h, const uint8_t *p, size_t blocks) {
  for (; blocks--; p += 64) block(h, p);
}

/* Two states, same blocks, one block at a time for both (the block stays in cache).
 * Measured in V8 (wasm/README.md): sharing the message schedule between the two states,
 * by keeping K_t + W_t in memory for the second, was 1.5x slower than computing it twice
 * in locals; interleaving the two round chains was slower still (register pressure). */
static void compress2(uint32_t *h, uint32_t *g, const uint8_t *p, size_t blocks) {
  for (; blocks--; p += 64) {
    block(h, p);
    block(g, p);
  }
}

void sha256_init(sha256 *s) {
  memcpy(s->h, H0, sizeof H0);
  s->total = 0;
  s->fill = 0;
}

void sha256_update(sha256 *s, const uint8_t *p, size_t n) {
  s->total += n;
  if (s->fill) {
    size_t k = 64 - s->fill;
    if (k > n) k = n;
    memcpy(s->buf + s->fill, p, k);
    s->fill += (uint32_t)k;
    p += k;
    n -= k;
    if (s->fill < 64) return;
    compress(s->h, s->buf, 1);
    s->fill = 0;
  }
  if (n >= 64) {
    compress(s->h, p, n / 64);
    p += n & ~(size_t)63;
    n &= 63;
  }
  if (n) {
    memcpy(s->buf, p, n);
    s->fill = (uint32_t)n;
  }
}

void sha256_update2(sha256 *a, sha256 *b, const uint8_t *p, size_t n) {
  if (a->fill != b->fill) {
    /* Out of phase: the blocks differ, nothing to share. */
    sha256_update(a, p, n);
    sha256_update(b, p, n);
    return;
  }
  if (a->fill) {
    /* Up to the next block boundary each on its own (at most 63 bytes). */
    size_t k = 64 - a->fill;
    if (k > n) k = n;
    sha256_update(a, p, k);
    sha256_update(b, p, k);
    p += k;
    n -= k;
  }
  if (n >= 64) {
    size_t bytes = n & ~(size_t)63;
    compress2(a->h, b->h, p, n / 64);
    a->total += bytes;
    b->total += bytes;
    p += bytes;
    n &= 63;
  }
  if (n) {
    sha256_update(a, p, n);
    sha256_update(b, p, n);
  }
}

void sha256_final(sha256 *s, uint8_t out[32]) {
  uint64_t bits = s->total * 8;
  uint8_t pad[72];
  size_t padlen = (s->fill < 56 ? 56 : 120) - s->fill;
  memset(pad, 0, sizeof pad);
  pad[0] = 0x80;
  for (int i = 0; i < 8; i++) pad[padlen + i] = (uint8_t)(bits >> (56 - 8 * i));
  uint64_t total = s->total;
  sha256_update(s, pad, padlen + 8);
  s->total = total;
  for (int i = 0; i < 8; i++) {
    uint32_t v = __builtin_bswap32(s->h[i]);
    memcpy(out + 4 * i, &v, 4);
  }
}
