/*
 * tarhash: the hashing half of a layer's deep scan, fused.
 *
 * A layer's uncompressed tar is hashed twice over the same bytes: the whole stream (the
 * diff_id, OCI image-spec config.md; for an uncompressed layer also the blob digest) and
 * each regular file's content (the per-file SHA-256 the report shows). Tar file data
 * starts on a 512-byte boundary of the stream (POSIX ustar: headers and data are whole
 * 512-byte blocks), so a file's 64-byte SHA-256 blocks are the stream's blocks: one message
 * schedule serves both digests (sha256_update2).
 *
 * The tar walk itself stays in TypeScript (src/formats/tar, the reference for every header
 * rule and error message). Per chunk, the host copies the bytes into `input`, walks them,
 * and describes the file spans it found as ops; tarhash_run then hashes the chunk in one
 * pass. Ops are u32 triples {kind, a, b}, offsets relative to the chunk:
 *   OP_BEGIN (0, -, -)          a new file starts: reset the file context
 *   OP_DATA  (1, off, len)      [off, off+len) of the chunk is the current file's content
 *   OP_END   (2, slot, -)       the file is complete: its digest goes to digests[slot]
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

#define EXPORT(name) __attribute__((export_name(#name)))

enum { OP_BEGIN = 0, OP_DATA = 1, OP_END = 2 };

typedef struct run {
  sha256 stream;
  sha256 file;
  uint8_t *input;
  uint32_t *ops;
  uint8_t *digests;
  uint32_t input_cap;
  uint32_t ops_cap;    /* triples */
  uint32_t pos;        /* stream position within the current chunk */
  uint32_t len;        /* current chunk length */
  int32_t with_stream; /* hash the stream too */
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
  r->digests = malloc((size_t)ops_cap * 32);
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

/* Start a stream: with_stream = 0 hashes file contents only. */
EXPORT(tarhash_begin) void tarhash_begin(run *r, int32_t with_stream) {
  sha256_init(&r->stream);
  sha256_init(&r->file);
  r->with_stream = with_stream;
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
  if (to > r->pos && r->with_stream) sha256_update(&r->stream, r->input + r->pos, to - r->pos);
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
        break;
      case OP_DATA: {
        uint32_t off = op[1], n = op[2];
        if (off < r->pos || n > r->len - off) {
          report("tarhash: data span out of order or out of range");
          return -3;
        }
        advance(r, off);
        const uint8_t *p = r->input + off;
        if (r->with_stream) sha256_update2(&r->stream, &r->file, p, n);
        else sha256_update(&r->file, p, n);
        r->pos = off + n;
        break;
      }
      case OP_END:
        if (op[1] >= r->ops_cap) {
          report("tarhash: digest slot out of range");
          return -4;
        }
        sha256_final(&r->file, r->digests + 32 * (size_t)op[1]);
        sha256_init(&r->file);
        break;
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
