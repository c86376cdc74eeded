/**
 * What is this stream? Compression by magic number, and "is this a tar header".
 *
 *   gzip   1f 8b                      RFC 1952 2.3.1 (ID1 ID2)
 *   zstd   28 b5 2f fd                RFC 8878 3.1.1 (0xFD2FB528 little-endian)
 *          5? 2a 4d 18                RFC 8878 3.1.2 skippable frame 0x184D2A5?: a zstd
 *                                     stream may begin with one (zstd:chunked does not,
 *                                     but a skippable frame is valid zstd)
 *   bzip2  42 5a 68 ("BZh")           followed by the block size digit '1'..'9'
 *   xz     fd 37 7a 58 5a 00          xz file format 1.0.4, 2.1.1.1
 *   lz4    04 22 4d 18                LZ4 frame format (0x184D2204 little-endian)
 */
import type { Algorithm } from './compression';

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  if (head.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (head[i] !== magic[i]) return false;
  return true;
}

/**
 * The compression of a stream from its first bytes (pass at least 512 so an uncompressed
 * tar can be recognised). 'none' means no compression magic and a tar header; 'unknown'
 * means neither.
 */
export function detectCompression(head: Uint8Array): Algorithm {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (head.length >= 4 && (head[0] & 0xf0) === 0x50 && head[1] === 0x2a && head[2] === 0x4d && head[3] === 0x18) {
    return 'zstd';
  }
  if (startsWith(head, [0x42, 0x5a, 0x68]) && head.length >= 4 && head[3] >= 0x31 && head[3] <= 0x39) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return 'lz4';
  if (looksLikeTar(head)) return 'none';
  return 'unknown';
}

/**
 * Does the first 512-byte block look like a tar header? Either its checksum is right
 * (POSIX ustar: the sum of the header's bytes with the chksum field, bytes 148-155, taken
 * as spaces, stored as octal; some old tars summed signed bytes, accepted too), or it has
 * the ustar magic at 257 ("ustar\0" POSIX, "ustar  \0" GNU). An all-zero block (the end of
 * an archive, or an empty archive) is not counted as a header.
 */
export function looksLikeTar(block: Uint8Array): boolean {
  if (block.length < 512) return false;
  if (startsWith(block.subarray(257), [0x75, 0x73, 0x74, 0x61, 0x72])) {
    const b5 = block[262];
    if (b5 === 0 || b5 === 0x20) return true;
  }
  const stored = parseOctal(block.subarray(148, 156));
  if (stored === null) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  if (unsigned === 8 * 0x20) return false; // all zero apart from the chksum field
  return stored === unsigned || stored === signed;
}

/** Octal digits, optionally led by spaces and ended by NUL or space (ustar numeric fields). */
function parseOctal(field: Uint8Array): number | null {
  let i = 0;
  while (i < field.length && field[i] === 0x20) i++;
  let v = 0;
  let digits = 0;
  for (; i < field.length; i++) {
    const c = field[i];
    if (c >= 0x30 && c <= 0x37) {
      v = v * 8 + (c - 0x30);
      digits++;
    } else if (c === 0 || c === 0x20) {
      break;
    } else {
      return null;
    }
  }
  return digits ? v : null;
}
