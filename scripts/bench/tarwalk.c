/*
 * tarwalk: the native reference for "tar walk + per-entry hash" (docs/benchmarks.md).
 *
 * Reads a tar stream (stdin, or the file named as the last argument), checks every
 * header's checksum (POSIX ustar), follows GNU long names and pax records (POSIX
 * pax: `size` and `path` override the next header), and hashes every regular file's
 * content on its own:
 *   -e sha256   SHA-256 per entry through OpenSSL's EVP (SHA-NI where the CPU has it)
 *   -e xxh3     XXH3-64 per entry through libxxhash (what `xxhsum -H3` uses)
 *   -e none     walk only
 *   -s          also SHA-256 of the whole stream (a layer's diff_id)
 *   -v          print "<hex>  <path>" per regular file (to check it against sha256sum)
 * It reads to the end of the input even after the end-of-archive blocks, so the writer
 * upstream in a pipeline (gzip -dc, zstd -dc) never sees EPIPE. One JSON line on stdout:
 * {"entries":…,"files":…,"fileBytes":…,"streamBytes":…}.
 *
 * Built by scripts/bench/native.mjs: cc -O2 -DTARWALK_XXH3 tarwalk.c -lcrypto -lxxhash
 * (without -DTARWALK_XXH3 and -lxxhash when libxxhash-dev is missing: -e xxh3 then fails).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef TARWALK_XXH3
#include <xxhash.h>
#endif

#define BUF_SIZE (4u << 20)

enum hash_kind { H_NONE, H_SHA256, H_XXH3 };

static enum hash_kind kind = H_SHA256;
static int verbose = 0;
static int stream_hash = 0;

static unsigned char *buf;
static size_t buf_len = 0, buf_pos = 0;
static int in_fd = 0;
static int eof = 0;
static uint64_t stream_bytes = 0;
static EVP_MD_CTX *stream_ctx;

static void die(const char *msg) {
  fprintf(stderr, "tarwalk: %s\n", msg);
  exit(1);
}

/* Refill the buffer, keeping unread bytes; returns bytes available. */
static size_t fill(void) {
  if (buf_pos > 0) {
    memmove(buf, buf + buf_pos, buf_len - buf_pos);
    buf_len -= buf_pos;
    buf_pos = 0;
  }
  while (!eof && buf_len < BUF_SIZE) {
    ssize_t n = read(in_fd, buf + buf_len, BUF_SIZE - buf_len);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("read failed");
    }
    if (n == 0) {
      eof = 1;
      break;
    }
    if (stream_hash) EVP_DigestUpdate(stream_ctx, buf + buf_len, (size_t)n);
    stream_bytes += (uint64_t)n;
    buf_len += (size_t)n;
    if (buf_len >= 512 && buf_len >= BUF_SIZE / 2) break;
  }
  return buf_len - buf_pos;
}

/* Makes at least n bytes available (n <= BUF_SIZE); returns 0 at end of input. */
static int need(size_t n) {
  if (buf_len - buf_pos >= n) return 1;
  fill();
  return buf_len - buf_pos >= n;
}

static uint64_t parse_octal(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  size_t i = 0;
  while (i < n && (p[i] == ' ' || p[i] == 0)) i++;
  for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) v = v * 8 + (uint64_t)(p[i] - '0');
  return v;
}

/* Size field: octal, or base-256 when the high bit of the first byte is set (GNU). */
static uint64_t parse_size(const unsigned char *h) {
  if (h[124] & 0x80) {
    uint64_t v = h[124] & 0x7f;
    for (int i = 1; i < 12; i++) v = (v << 8) | h[124 + i];
    return v;
  }
  return parse_octal(h + 124, 12);
}

static int checksum_ok(const unsigned char *h) {
  unsigned long sum = 0;
  for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : h[i];
  return sum == (unsigned long)parse_octal(h + 148, 8);
}

static int is_zero_block(const unsigned char *h) {
  for (int i = 0; i < 512; i++)
    if (h[i]) return 0;
  return 1;
}

/* Reads `size` content bytes (+ padding to 512) into a heap string (pax, GNU long names). */
static char *read_meta(uint64_t size) {
  if (size > (64u << 20)) die("metadata entry too large");
  char *s = malloc(size + 1);
  uint64_t got = 0;
  while (got < size) {
    if (!need(1)) die("truncated metadata entry");
    size_t take = buf_len - buf_pos;
    if (take > size - got) take = (size_t)(size - got);
    memcpy(s + got, buf + buf_pos, take);
    buf_pos += take;
    got += take;
  }
  s[size] = 0;
  uint64_t pad = (512 - size % 512) % 512;
  if (!need(pad)) die("truncated padding");
  buf_pos += pad;
  return s;
}

/* pax records "len key=value\n": returns the value of `key` (malloc'd) or NULL. */
static char *pax_get(const char *rec, size_t n, const char *key) {
  size_t i = 0, kl = strlen(key);
  while (i < n) {
    char *end;
    unsigned long len = strtoul(rec + i, &end, 10);
    if (len == 0 || i + len > n) break;
    const char *kv = end + 1;
    if (strncmp(kv, key, kl) == 0 && kv[kl] == '=') {
      size_t vl = (size_t)(rec + i + len - 1 - (kv + kl + 1));
      char *v = malloc(vl + 1);
      memcpy(v, kv + kl + 1, vl);
      v[vl] = 0;
      return v;
    }
    i += len;
  }
  return NULL;
}

int main(int argc, char **argv) {
  int opt;
  while ((opt = getopt(argc, argv, "e:sv")) != -1) {
    if (opt == 'e') {
      if (!strcmp(optarg, "sha256")) kind = H_SHA256;
      else if (!strcmp(optarg, "xxh3")) kind = H_XXH3;
      else if (!strcmp(optarg, "none")) kind = H_NONE;
      else die("-e sha256|xxh3|none");
    } else if (opt == 's') stream_hash = 1;
    else if (opt == 'v') verbose = 1;
    else die("usage: tarwalk [-e sha256|xxh3|none] [-s] [-v] [file]");
  }
  if (optind < argc) {
    in_fd = open(argv[optind], O_RDONLY);
    if (in_fd < 0) die("cannot open input");
  }
  buf = malloc(BUF_SIZE);
  stream_ctx = EVP_MD_CTX_new();
  if (stream_hash) EVP_DigestInit_ex(stream_ctx, EVP_sha256(), NULL);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
#ifdef TARWALK_XXH3
  XXH3_state_t *xs = XXH3_createState();
#else
  if (kind == H_XXH3) die("built without libxxhash: -e xxh3 unavailable");
#endif

  uint64_t entries = 0, files = 0, file_bytes = 0;
  int zeros = 0;
  char *next_path = NULL;
  int64_t next_size = -1;
  unsigned char h[512];
  while (need(512)) {
    memcpy(h, buf + buf_pos, 512);
    buf_pos += 512;
    if (is_zero_block(h)) {
      if (++zeros == 2) break;
      continue;
    }
    zeros = 0;
    if (!checksum_ok(h)) die("bad header checksum");
    uint64_t size = parse_size(h);
    char type = (char)h[156];
    if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
      char *meta = read_meta(size);
      if (type == 'x') {
        char *s = pax_get(meta, size, "size");
        if (s) next_size = (int64_t)strtoull(s, NULL, 10), free(s);
        char *p = pax_get(meta, size, "path");
        if (p) free(next_path), next_path = p;
      } else if (type == 'L') {
        free(next_path);
        next_path = strdup(meta);
      }
      free(meta);
      continue;
    }
    if (next_size >= 0) size = (uint64_t)next_size;
    entries++;
    int regular = type == '0' || type == 0 || type == '7' || type == 'S';
    if (!regular) size = (type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6') ? 0 : size;
    if (regular) {
      files++;
      file_bytes += size;
      if (kind == H_SHA256) EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
#ifdef TARWALK_XXH3
      else if (kind == H_XXH3) XXH3_64bits_reset(xs);
#endif
    }
    uint64_t left = size;
    while (left > 0) {
      if (!need(1)) die("truncated entry");
      size_t take = buf_len - buf_pos;
      if (take > left) take = (size_t)left;
      if (regular) {
        if (kind == H_SHA256) EVP_DigestUpdate(ctx, buf + buf_pos, take);
#ifdef TARWALK_XXH3
        else if (kind == H_XXH3) XXH3_64bits_update(xs, buf + buf_pos, take);
#endif
      }
      buf_pos += take;
      left -= take;
    }
    uint64_t pad = (512 - size % 512) % 512;
    if (!need(pad)) die("truncated padding");
    buf_pos += pad;
    if (regular && verbose) {
      char name[257];
      if (!next_path) {
        /* ustar: prefix "/" name */
        if (h[345]) snprintf(name, sizeof name, "%.155s/%.100s", (char *)h + 345, (char *)h);
        else snprintf(name, sizeof name, "%.100s", (char *)h);
      }
      const char *path = next_path ? next_path : name;
      if (kind == H_SHA256) {
        unsigned char md[32];
        unsigned int mdl;
        EVP_DigestFinal_ex(ctx, md, &mdl);
        for (int i = 0; i < 32; i++) printf("%02x", md[i]);
        printf("  %s\n", path);
      }
#ifdef TARWALK_XXH3
      else if (kind == H_XXH3) printf("%016llx  %s\n", (unsigned long long)XXH3_64bits_digest(xs), path);
#endif
    } else if (regular && kind == H_SHA256) {
      unsigned char md[32];
      unsigned int mdl;
      EVP_DigestFinal_ex(ctx, md, &mdl);
    }
#ifdef TARWALK_XXH3
    else if (regular && kind == H_XXH3) (void)XXH3_64bits_digest(xs);
#endif
    free(next_path);
    next_path = NULL;
    next_size = -1;
  }
  /* Drain the rest (record padding) so the stream hash covers every byte. */
  buf_pos = buf_len;
  while (fill() > 0) buf_pos = buf_len;
  char stream_hex[65] = "";
  if (stream_hash) {
    unsigned char md[32];
    unsigned int mdl;
    EVP_DigestFinal_ex(stream_ctx, md, &mdl);
    for (int i = 0; i < 32; i++) sprintf(stream_hex + 2 * i, "%02x", md[i]);
  }
  fprintf(verbose ? stderr : stdout,
          "{\"entries\":%llu,\"files\":%llu,\"fileBytes\":%llu,\"streamBytes\":%llu,\"streamSha256\":\"%s\"}\n",
          (unsigned long long)entries, (unsigned long long)files, (unsigned long long)file_bytes,
          (unsigned long long)stream_bytes, stream_hex);
  return 0;
}
