/**
 * Bytes to strings for header fields and pax records.
 *
 * ustar fields carry raw bytes in no declared charset; pax records are UTF-8 unless the
 * header says `hdrcharset=BINARY` (POSIX.1-2017 pax, "pax Extended Header"). We decode
 * UTF-8 strictly and fall back to Latin-1 for byte strings that are not valid UTF-8:
 * Latin-1 maps every byte to one code point, so two different byte names never decode to
 * the same string (lenient UTF-8 decoding would turn both into U+FFFD and make them
 * compare equal, which a differ must not do).
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Length of a NUL-terminated field (the whole field when it has no NUL). */
export function cstrlen(b: Uint8Array, off: number, len: number): number {
  const end = off + len;
  for (let i = off; i < end; i++) if (b[i] === 0) return i - off;
  return len;
}

/** Decodes b[start, end) as UTF-8, or Latin-1 when that fails. ASCII takes a fast path. */
export function decodeText(b: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (b[i] & 0x80) {
      ascii = false;
      break;
    }
  }
  // Short ASCII names are the common case; String.fromCharCode on a view avoids the
  // per-call overhead of TextDecoder (which dominates for 10-50 byte strings).
  if (ascii && end - start <= 256) {
    return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  }
  try {
    return utf8.decode(b.subarray(start, end));
  } catch {
    // Not TextDecoder('latin1'): WHATWG maps that label to windows-1252.
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
    return s;
  }
}

/** Decodes a NUL-terminated header field. */
export function readString(b: Uint8Array, off: number, len: number): string {
  return decodeText(b, off, off + cstrlen(b, off, len));
}
