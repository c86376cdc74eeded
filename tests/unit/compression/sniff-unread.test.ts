/**
 * Compressions and archives tarscope does not read are named by their magic bytes
 * (src/formats/sniff.ts), so "not a tar archive" says what the file is; the byte strings are
 * the formats' own (see sniff.ts), as found at the start of libarchive's test_compat_* files
 * (tests/corpus/tar-suites.test.ts checks those files end to end).
 */
import { describe, it, expect } from 'vitest';
import { sniffContent } from '../../../src/formats/sniff';

function head(bytes: number[]): Uint8Array {
  const b = new Uint8Array(512);
  b.set(bytes);
  return b;
}

describe('sniffContent: formats tarscope does not read', () => {
  it.each([
    [[0x1f, 0x9d, 0x90], 'compress (.Z) data'],
    [[0x4c, 0x5a, 0x49, 0x50, 0x01], 'lzip-compressed data'],
    [[0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a], 'lzop-compressed data'],
    [[0x5d, 0x00, 0x00, 0x80, 0x00], 'lzma-compressed data'],
    [[0x02, 0x21, 0x4c, 0x18], 'lz4-compressed data (legacy format)'],
    [[...'070707'].map((c) => c.charCodeAt(0)), 'a cpio archive'],
    [[...'070701'].map((c) => c.charCodeAt(0)), 'a cpio archive'],
    [[0xc7, 0x71], 'a cpio archive'],
  ])('%j is %s', (bytes, kind) => {
    expect(sniffContent(head(bytes))).toBe(kind);
  });
});
