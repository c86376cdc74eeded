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

/** Hashes one entry's content as it streams; `end()` gives the record's `timesMasked`. */
export class TimesFingerprint {
  private readonly head: Uint8Array;
  private headLen = 0;
  /** Decided once the head is complete: hashing the rest as it comes. */
  private hashing = false;
  private value: string | null | undefined;
  private fields = '';

  constructor(
    private readonly kind: TimestampOnly,
    private readonly size: number,
    private readonly hasher: Xxh64,
  ) {
    this.head = new Uint8Array(Math.min(size, HEAD));
  }

  data(c: Uint8Array): void {
    if (this.value !== undefined) return;
    if (this.hashing) {
      this.hasher.update(c);
      return;
    }
    const n = Math.min(c.length, this.head.length - this.headLen);
    this.head.set(c.subarray(0, n), this.headLen);
    this.headLen += n;
    if (this.headLen < this.head.length) return;
    this.decide();
    if (this.hashing && n < c.length) this.hasher.update(c.subarray(n));
  }

  /** The record's value; undefined when the scan cannot tell (the evidence pass reads it). */
  end(): string | undefined {
    if (this.value === undefined && !this.hashing) this.decide();
    if (this.hashing) {
      this.hashing = false;
      this.value = `${this.fields}:${this.hasher.digest('hex')}`;
    }
    return this.value ?? undefined;
  }

  private decide(): void {
    const head = this.head.subarray(0, this.headLen);
    const fields = timeFields(this.kind, head);
    if (!fields) {
      // A gzip header may go on past the head (FNAME, FEXTRA): with the magic, only the whole
      // file says "not a gzip".
      const magic = head[0] === 0x1f && head[1] === 0x8b;
      this.value = this.kind === 'gzip-mtime' && magic && this.headLen < this.size ? null : 'none';
      return;
    }
    const masked = head.slice();
    for (const [s, e] of fields) masked.fill(0, s, e);
    this.fields = fields.map(([s, e]) => `${s}-${e}`).join(',');
    this.hasher.init();
    this.hasher.update(masked);
    this.hashing = true;
  }
}
