/*
 * tarhash: the hashing half of a layer's deep scan, fused.
 *
 * A layer's uncompressed tar is hashed twice over the same bytes: the whole stream (the
 * diff_id, OCI image-spec config.md; for an uncompressed layer also the blob digest) and
 * each regular file's content. Per file, the kernel computes SHA-256 (the digest the report
 * shows and checks), XXH64 (seed 0: the fast hash comparisons decide file equality with),
 * or both, chosen per stream by tarhash_begin's flags. Tar file data starts on a 512-byte
 * boundary of the stream (POSIX ustar: headers and data are whole 512-byte blocks), so a
 * file's 64-byte SHA-256 blocks are the stream's blocks: both SHA-256 states are walked
 * block by block together (sha256_update2); XXH64 goes over the same span after them.
 *
 * XXH64 is xxHash's own implementation (xxhash.h from Debian's libxxhash-dev, header-only
 * with XXH_INLINE_ALL; the build copies that one header into its include dir, see
 * scripts/build-wasm.mjs). SHA-256 is ours (sha256.c): no package offers one for wasm32-wasi,
 * see wasm/README.md.
 *
 * The tar walk itself stays in TypeScript (src/formats/tar, the reference for every header
 * rule and error message). Per chunk, the host copies the bytes into `input`, walks them,
 * and describes the file spans it found as ops; tarhash_run then hashes the chunk in one
 * pass. Ops are u32 triples {kind, a, b}, offsets relative to the chunk:
 *   OP_BEGIN (0, -, -)          a new file starts: reset the file context
 *   OP_DATA  (1, off, len)      [off, off+len) of the chunk is the current file's content
 *   OP_END   (2, slot, -)       the file is complete: its digests go to slot `slot`
 * A digest slot is 40 bytes: [0,32) the file's SHA-256, [32,40) its XXH64 (canonical,
 * big-endian); the parts not enabled are zero.
 * The stream context (if any) is advanced to each op's offset before the op, and to
 * `upto` at the end of the call, so it always sees the chunk in order exactly once.
 *
 * Memory: one run struct per user (malloc), buffers sized once at creation; nothing grows
 * while hashing. Misuse (offsets out of order or out of range) is reported on stderr
 * through WASI fd_write and returns a negative code: the host turns that into an error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "sha256.h"

/* xxhash.h, header-only: every function static, so the unused ones (XXH32, the one-shot
 * forms, XXH64_createState's malloc) are dropped by the compiler. XXH_NO_XXH3: XXH3 and
 * XXH128 are not used and are most of the header's code. XXH_FORCE_ALIGN_CHECK 0: wasm loads
 * need no alignment, so the aligned-input variant of the loop would only be duplicate code
 * (xxhash.h sets 0 for x86/arm64 for the same reason; it cannot know that of wasm32). */
#define XXH_INLINE_ALL
#define XXH_NO_XXH3
#define XXH_FORCE_ALIGN_CHECK 0
#include "xxhash.h"

#define EXPORT(name) __attribute__((export_name(#name)))

enum { OP_BEGIN = 0, OP_DATA = 1, OP_END = 2 };

/* tarhash_begin flags. */
enum { F_STREAM = 1, F_FILE_SHA256 = 2, F_FILE_XXH64 = 4 };

#define SLOT 40 /* digest slot: SHA-256 (32) + XXH64 (8) */

typedef struct run {
  sha256 stream;
  sha256 file;
  XXH64_state_t fxx; /* the current file's XXH64 (seed 0) */
  uint8_t *input;
  uint32_t *ops;
  uint8_t *digests;
  uint32_t input_cap;
  uint32_t ops_cap;    /* triples */
  uint32_t pos;        /* stream position within the current chunk */
  uint32_t len;        /* current chunk length */
  int32_t flags;       /* F_* */
} run;

static void report(const char *msg) {
  __wasi_ciovec_t iov[2] = {{(const uint8_t *)msg, strlen(msg)}, {(const uint8_t *)"\n", 1}};
  __wasi_size_t written;
  (void)__wasi_fd_write(2, iov, 2, &written);
}

/* A run with room for `input_cap` chunk bytes and `ops_cap` ops (and as many digests). */
EXPORT(tarhash_new) run *tarhash_new(uint32_t input_cap, uint32_t ops_cap) {
  run *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->input = malloc(input_cap);
  r->ops = malloc((size_t)ops_cap * 12);
  r->digests = malloc((size_t)ops_cap * SLOT);
  if (!r->input || !r->ops || !r->digests) {
    free(r->input);
    free(r->ops);
    free(r->digests);
    free(r);
    report("tarhash: out of memory");
    return NULL;
  }
  r->input_cap = input_cap;
  r->ops_cap = ops_cap;
  return r;
}

EXPORT(tarhash_free) void tarhash_free(run *r) {
  if (!r) return;
  free(r->input);
  free(r->ops);
  free(r->digests);
  free(r);
}

EXPORT(tarhash_input) uint8_t *tarhash_input(run *r) { return r->input; }
EXPORT(tarhash_ops) uint32_t *tarhash_ops(run *r) { return r->ops; }
EXPORT(tarhash_digests) uint8_t *tarhash_digests(run *r) { return r->digests; }

/* Start a stream. flags: F_STREAM (1) hash the stream with SHA-256; F_FILE_SHA256 (2) each
 * file with SHA-256; F_FILE_XXH64 (4) each file with XXH64. */
EXPORT(tarhash_begin) void tarhash_begin(run *r, int32_t flags) {
  sha256_init(&r->stream);
  sha256_init(&r->file);
  XXH64_reset(&r->fxx, 0);
  r->flags = flags;
  r->pos = 0;
  r->len = 0;
}

/* The host has copied `len` new bytes to input. */
EXPORT(tarhash_chunk) int32_t tarhash_chunk(run *r, uint32_t len) {
  if (len > r->input_cap) {
    report("tarhash: chunk larger than the input buffer");
    return -1;
  }
  r->pos = 0;
  r->len = len;
  return 0;
}

static void advance(run *r, uint32_t to) {
  if (to > r->pos && (r->flags & F_STREAM)) sha256_update(&r->stream, r->input + r->pos, to - r->pos);
  if (to > r->pos) r->pos = to;
}

/* Apply `nops` ops, then advance the stream to `upto`. Returns 0, or < 0 on misuse. */
EXPORT(tarhash_run) int32_t tarhash_run(run *r, uint32_t nops, uint32_t upto) {
  if (nops > r->ops_cap || upto > r->len) {
    report("tarhash: ops or end out of range");
    return -2;
  }
  for (uint32_t i = 0; i < nops; i++) {
    const uint32_t *op = r->ops + 3 * i;
    switch (op[0]) {
      case OP_BEGIN:
        sha256_init(&r->file);
        XXH64_reset(&r->fxx, 0);
        break;
      case OP_DATA: {
        uint32_t off = op[1], n = op[2];
        if (off < r->pos || n > r->len - off) {
          report("tarhash: data span out of order or out of range");
          return -3;
        }
        advance(r, off);
        const uint8_t *p = r->input + off;
        const int32_t f = r->flags;
        if ((f & F_FILE_SHA256) && (f & F_STREAM)) sha256_update2(&r->stream, &r->file, p, n);
        else if (f & F_FILE_SHA256) sha256_update(&r->file, p, n);
        else if (f & F_STREAM) sha256_update(&r->stream, p, n);
        if (f & F_FILE_XXH64) XXH64_update(&r->fxx, p, n);
        r->pos = off + n;
        break;
      }
      case OP_END: {
        if (op[1] >= r->ops_cap) {
          report("tarhash: digest slot out of range");
          return -4;
        }
        uint8_t *d = r->digests + SLOT * (size_t)op[1];
        memset(d, 0, SLOT);
        if (r->flags & F_FILE_SHA256) sha256_final(&r->file, d);
        if (r->flags & F_FILE_XXH64) {
          /* The canonical (big-endian) form: the bytes `xxhsum -H1` prints. */
          XXH64_canonical_t c;
          XXH64_canonicalFromHash(&c, XXH64_digest(&r->fxx));
          memcpy(d + 32, c.digest, sizeof c.digest);
        }
        sha256_init(&r->file);
        XXH64_reset(&r->fxx, 0);
        break;
      }
      default:
        report("tarhash: unknown op");
        return -5;
    }
  }
  if (upto < r->pos) {
    report("tarhash: end before the last span");
    return -6;
  }
  advance(r, upto);
  return 0;
}

/* The stream's digest (32 bytes to digests[0]); the run may then begin a new stream. */
EXPORT(tarhash_stream_digest) void tarhash_stream_digest(run *r) { sha256_final(&r->stream, r->digests); }
