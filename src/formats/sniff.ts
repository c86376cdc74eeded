/**
 * What a file that is not an archive looks like, by its first bytes: said to the person who
 * dropped it ("the file is a PNG image"), instead of "not a tar header". Magic numbers:
 *
 *   PNG   89 50 4e 47 0d 0a 1a 0a     PNG spec 5.2 (signature)
 *   JPEG  ff d8 ff                    JPEG/JFIF SOI marker followed by another marker
 *   GIF   "GIF87a" / "GIF89a"
 *   WebP  "RIFF" …. "WEBP"
 *   PDF   "%PDF-"                     ISO 32000-1 7.5.2 (file header)
 *   ZIP   50 4b 03 04 / 05 06 / 07 08 APPNOTE 4.3.7 (local file header; empty archive; spanned)
 *   7z    37 7a bc af 27 1c
 *   RAR   "Rar!" 1a 07
 *   ELF   7f 45 4c 46                 System V ABI, e_ident
 *   Mach-O fe ed fa ce/cf, ce/cf fa ed fe, ca fe ba be (fat)
 *   PE    "MZ"                        DOS header of Windows executables
 *   wasm  00 61 73 6d                 WebAssembly core spec 5.5.16
 *   SQLite "SQLite format 3\0"
 *   compress (.Z) 1f 9d, lzip "LZIP", lzop 89 "LZO" 00 0d 0a 1a 0a, legacy lz4 02 21 4c 18,
 *   lzma 5d 00 00 (LZMA-alone
 *   properties byte and dictionary size), cpio "07070[127]" (odc, newc, crc) and c7 71 (binary):
 *   compressions and archives tarscope does not read (libarchive's test_compat_* files)
 *
 * Text: valid UTF-8 without control characters other than tab, newline, carriage return and
 * form feed (a tar header is mostly NUL bytes, so text is never a tar). Pure.
 */

const MAGIC: { kind: string; at?: number; bytes: readonly number[] }[] = [
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'a ZIP archive (or a .jar, .whl, .docx…)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a ZIP archive (empty)', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'a ZIP archive (spanned)', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { kind: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: 'an ELF executable or library', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'a Mach-O executable', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { kind: 'a Mach-O executable', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { kind: 'a Mach-O executable', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { kind: 'a Mach-O executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { kind: 'a Mach-O universal binary', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { kind: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { kind: 'an SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00] },
  { kind: 'a WebP image', at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { kind: 'a Windows executable', bytes: [0x4d, 0x5a] },
  { kind: 'compress (.Z) data', bytes: [0x1f, 0x9d] },
  { kind: 'lzip-compressed data', bytes: [0x4c, 0x5a, 0x49, 0x50] },
  { kind: 'lzop-compressed data', bytes: [0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'lzma-compressed data', bytes: [0x5d, 0x00, 0x00] },
  { kind: 'lz4-compressed data (legacy format)', bytes: [0x02, 0x21, 0x4c, 0x18] },
  { kind: 'a cpio archive', bytes: [0x30, 0x37, 0x30, 0x37, 0x30, 0x37] },
  { kind: 'a cpio archive', bytes: [0x30, 0x37, 0x30, 0x37, 0x30, 0x31] },
  { kind: 'a cpio archive', bytes: [0x30, 0x37, 0x30, 0x37, 0x30, 0x32] },
  { kind: 'a cpio archive', bytes: [0xc7, 0x71] },
];

function at(head: Uint8Array, offset: number, bytes: readonly number[]): boolean {
  if (head.length < offset + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[offset + i] !== bytes[i]) return false;
  return true;
}

/** "a PNG image", "text", … or null when the first bytes say nothing known. */
export function sniffContent(head: Uint8Array): string | null {
  if (head.length === 0) return null;
  for (const m of MAGIC) {
    if (m.at !== undefined && !at(head, 0, [0x52, 0x49, 0x46, 0x46])) continue; // WebP: RIFF first
    if (at(head, m.at ?? 0, m.bytes)) return m.kind;
  }
  return looksLikeText(head) ? 'text' : null;
}

/** UTF-8 without control characters but \t \n \f \r (a multi-byte character cut at the end of `head` is fine). */
export function looksLikeText(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length) {
    const c = head[i];
    if (c < 0x80) {
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return false;
      if (c === 0x7f) return false;
      i++;
      continue;
    }
    const n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
    if (n < 0) return false;
    for (let k = 1; k <= n; k++) {
      if (i + k >= head.length) return true; // cut by the window
      if ((head[i + k] & 0xc0) !== 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}
