/**
 * A file's bytes with its embedded timestamps zeroed, hashed while the deep scan walks the
 * layer (`FileRecord.timesMasked`), so that content evidence can tell "differs only in an
 * embedded timestamp" (src/compare/evidence/embedded-times.ts) without reading the layer again.
 * Before this, every `.pyc` and `.gz` content difference was read back after the comparison:
 * a compressed layer decompressed again up to its last such file (most of a 1 GB pair's
 * evidence time, docs/benchmarks.md).
 *
 * Only the kinds whose time fields lie in the file's first bytes: a timestamp-based `.pyc`
 * (PEP 552, within 16 bytes) and a `.gz` (RFC 1952 MTIME; the header is parsed from the first
 * HEAD bytes). A zip's times are spread through the file (local and central headers): zips are
 * still read by the evidence pass. The value is `<start>-<end>[,…]:<xxh64>` — the fields
 * (`timeFields` on the head) and XXH64 (seed 0) of the content with those bytes zeroed — or
 * `none` when the head says the file is not of its kind (a hash-based pyc, no gzip magic):
 * two files are timestamp-only exactly when their contents differ, their sizes and fields are
 * the same, and the masked hashes are equal (XXH64 decides equality as it does for the content
 * itself). A `.gz` with the gzip magic whose header does not end within HEAD bytes gets no
 * value (the evidence pass reads it instead).
 */
import type { TimestampOnly } from '../compare/types';
import { embeddedTimeKind, timeFields } from '../compare/evidence/embedded-times';
import type { Xxh64 } from '../hash/xxh64';

/** Bytes kept from the start of a candidate to find its fields (a gzip header with a long name). */
export const HEAD = 4096;

/** The kind of a path whose fields a fingerprint can find in its head, or null. */
export function fingerprintKind(path: string): TimestampOnly | null {
  // One character test before the regexes: this runs on every entry of every layer.
  const last = path.charCodeAt(path.length - 1) | 0x20;
  if (last !== 0x63 /* c */ && last !== 0x7a /* z */) return null;
  const kind = embeddedTimeKind(path);
  return kind === 'pyc-source-mtime' || kind === 'gzip-mtime' ? kind : null;
}

/** Bytes that decide a `.pyc` (PEP 552: its whole header) and hold a gzip header's fixed part. */
const PYC_HEAD = 16;

/**
 * Hashes one entry's content as it streams; `end()` gives the record's `timesMasked`. The head is
 * gathered in `scratch` (HEAD bytes, one per sink: entries come one after another), and decided
 * as soon as it can be: a `.pyc` after 16 bytes, a `.gz` once its header is complete. No buffer
 * is allocated per file. `node scripts/profile-read.mjs --set pyc-tar --stages
 * floor-byob@files,scan-fast@files --rounds 8` (2 × 3,000 .pyc, 28 MB), scan ÷ read floor: with
 * a 4 KiB head allocated and copied per file 2.61× against 1.57× without fingerprints; as here
 * 1.84–1.85× against 1.62–1.65× (two runs each, 14:05): ~2–5 µs a file, the second hash's calls.
 * What it saves: reading those files back when they differ (0.45–0.6 s for 3,000, engine/README.md).
 */
export class TimesFingerprint {
  private readonly want: number;
  private headLen = 0;
  /** Decided: hashing the rest as it comes. */
  private hashing = false;
  private value: string | null | undefined;
  private fields = '';

  constructor(
    private readonly kind: TimestampOnly,
    private readonly size: number,
    private readonly hasher: Xxh64,
    private readonly scratch: Uint8Array,
  ) {
    this.want = Math.min(size, HEAD);
  }

  data(c: Uint8Array): void {
    if (this.value !== undefined) return;
    if (this.hashing) {
      this.hasher.update(c);
      return;
    }
    // A .pyc needs its first 16 bytes; a .gz a byte at a time until its header ends (usually 10
    // bytes and a name), so take what is needed to try, then all of the head.
    const n = Math.min(c.length, this.want - this.headLen);
    this.scratch.set(n === c.length ? c : c.subarray(0, n), this.headLen);
    this.headLen += n;
    if (!this.tryDecide()) return;
    if (this.hashing && n < c.length) this.hasher.update(c.subarray(n));
  }

  /** The record's value; undefined when the scan cannot tell (the evidence pass reads it). */
  end(): string | undefined {
    if (this.value === undefined && !this.hashing) this.decide(this.scratch.subarray(0, this.headLen), true);
    if (this.hashing) {
      this.hashing = false;
      this.value = `${this.fields}:${this.hasher.digest('hex')}`;
    }
    return this.value ?? undefined;
  }

  /** Decides when the head gathered so far is enough; true when decided. */
  private tryDecide(): boolean {
    const whole = this.headLen === this.want;
    if (!whole && this.headLen < PYC_HEAD) return false;
    // A .pyc's answer is in its first 16 bytes; a .gz's once the header parses (or at the head's end).
    return this.decide(this.scratch.subarray(0, this.headLen), whole);
  }

  /**
   * Decides on `head` (the file's first bytes): its time fields, zeroed, start the hash. `last`:
   * no more head will come. A gzip header not complete in a head that is not the last stays open.
   */
  private decide(head: Uint8Array, last: boolean): boolean {
    const fields = timeFields(this.kind, head);
    if (!fields) {
      const magic = head[0] === 0x1f && head[1] === 0x8b;
      if (this.kind === 'gzip-mtime' && magic) {
        if (!last) return false;
        // A gzip header may go on past the head (FNAME, FEXTRA): only the whole file says "not a gzip".
        this.value = this.headLen < this.size ? null : 'none';
        return true;
      }
      this.value = 'none';
      return true;
    }
    for (const [s, e] of fields) head.fill(0, s, e);
    this.fields = fields.map(([s, e]) => `${s}-${e}`).join(',');
    this.hasher.init();
    this.hasher.update(head);
    this.hashing = true;
    return true;
  }
}
