/**
 * Numeric header fields.
 *
 * ustar (POSIX.1-2017 pax, "ustar Interchange Format") stores numbers as octal ASCII digits,
 * "terminated by one or more <space> or NUL characters"; real writers also pad on the
 * left with spaces (old Unix tar) or fill the whole field with digits and no terminator
 * (GNU tar for 12-digit sizes). GNU tar ("Basic Tar Format", the `from_header` routine)
 * stores values that do not fit in octal as base-256: the first byte has its top bit set,
 * bit 6 is the sign, and the remaining bits are a big-endian two's-complement number.
 *
 * These functions read straight from the header block at an offset, so the parser never
 * copies a field to decode it.
 */

const SPACE = 0x20;
const NUL = 0;

/** Result of reading a numeric field: NaN when it is not a number (caller decides). */
export interface NumberField {
  value: number;
  /** True when the field used GNU base-256. */
  base256: boolean;
}

/**
 * Octal field: leading spaces allowed, digits, then NUL/space (or end of field); a NUL
 * ends the field. An all-NUL (or all-space) field reads as 0: GNU tar leaves unused fields empty.
 * Returns NaN for any other character, so corrupt headers do not pass silently.
 */
export function readOctal(b: Uint8Array, off: number, len: number): number {
  const end = off + len;
  let i = off;
  while (i < end && b[i] === SPACE) i++;
  let v = 0;
  for (; i < end; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x37) v = v * 8 + (c - 0x30);
    else break;
  }
  // GNU tar (list.c from_header) reads a field as a C string: a NUL ends it, whatever
  // follows (a field that starts with NUL is 0; libarchive's
  // test_read_format_tar_timestamp_overflow.tar has NULs then digits in its size field).
  if (i < end && b[i] === NUL) return v;
  // Digits ended by a space: whatever follows must be terminators only.
  for (; i < end; i++) {
    const c = b[i];
    if (c !== NUL && c !== SPACE) return NaN;
  }
  return v;
}

/**
 * GNU base-256 (two's complement, big-endian; the marker byte carries a sign bit in bit 6
 * and six value bits, as in GNU tar's from_header). Throws RangeError past 2^53, which the
 * header reader turns into an 'unsupported' TarscopeError.
 */
export function readBase256(b: Uint8Array, off: number, len: number): number {
  const b0 = b[off];
  let v = (b0 & 0x3f) - (b0 & 0x40);
  for (let i = off + 1; i < off + len; i++) {
    v = v * 256 + b[i];
    // Doubles stay exact up to 2^53; after that the sum would round silently.
    if (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) {
      throw new RangeError('base-256 value does not fit in 2^53');
    }
  }
  return v;
}

/** Reads an octal or base-256 field. */
export function readNumber(b: Uint8Array, off: number, len: number): NumberField {
  if (b[off] & 0x80) return { value: readBase256(b, off, len), base256: true };
  return { value: readOctal(b, off, len), base256: false };
}

/** True when every byte of the field is NUL (an unused optional field). */
export function isEmptyField(b: Uint8Array, off: number, len: number): boolean {
  for (let i = off; i < off + len; i++) if (b[i] !== NUL) return false;
  return true;
}

export const CHKSUM_OFFSET = 148;
export const CHKSUM_LENGTH = 8;

export interface Checksums {
  /** Sum of all 512 bytes as unsigned chars, checksum field counted as 8 spaces (POSIX). */
  unsigned: number;
  /** Same with bytes as signed chars: historic Sun/old-GNU writers computed this. */
  signed: number;
  /** Sum of the raw bytes, checksum field included: 0 exactly when the block is all zeros. */
  raw: number;
}

/**
 * Computes the checksums of a 512-byte header block in one pass. `raw === 0` doubles as
 * the zero-block test, so the parser looks at each header byte only once here.
 */
export function checksums(b: Uint8Array, off: number): Checksums {
  let sum = 0;
  let high = 0;
  const end = off + 512;
  for (let i = off; i < end; i++) {
    const c = b[i];
    sum += c;
    if (c & 0x80) high++;
  }
  let field = 0;
  let fieldHigh = 0;
  for (let i = off + CHKSUM_OFFSET; i < off + CHKSUM_OFFSET + CHKSUM_LENGTH; i++) {
    field += b[i];
    if (b[i] & 0x80) fieldHigh++;
  }
  const unsigned = sum - field + CHKSUM_LENGTH * SPACE;
  // A signed char >= 0x80 counts 256 less than as unsigned.
  const signed = unsigned - 256 * (high - fieldHigh);
  return { unsigned, signed, raw: sum };
}

/** The stored checksum (octal); NaN when the field is not octal. */
export function storedChecksum(b: Uint8Array, off: number): number {
  return readOctal(b, off + CHKSUM_OFFSET, CHKSUM_LENGTH);
}
