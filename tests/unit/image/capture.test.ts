import { describe, expect, it } from 'vitest';
import { CAPTURE_LIMIT, isJsonLike, shouldCapture } from '../../../src/image';
import type { TarEntry } from '../../../src/formats/tar/types';

function entry(name: string, size = 100, type: TarEntry['type'] = 'file'): TarEntry {
  return {
    name,
    linkname: '',
    typeflag: type === 'dir' ? '5' : type === 'symlink' ? '2' : '0',
    type,
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    size,
    mtime: 0,
    devmajor: 0,
    devminor: 0,
    headerFormat: 'ustar',
    headerOffset: 0,
    blockOffset: 0,
    dataOffset: 512,
    checksum: 0,
    index: 0,
  };
}

const HEX = 'a'.repeat(64);

describe('shouldCapture', () => {
  it.each([
    'manifest.json',
    './manifest.json',
    '/index.json',
    'oci-layout',
    'repositories',
    `${HEX}.json`,
    `sha256:${HEX}`,
    `${HEX}/json`,
    `${HEX}/VERSION`,
    `blobs/sha256/${HEX}`,
    `./blobs/sha512/${'b'.repeat(128)}`,
  ])('captures %s', (name) => {
    expect(shouldCapture(entry(name))).toBe(true);
  });

  it.each([
    `${HEX}/layer.tar`,
    `${HEX}.tar.gz`,
    'README.md',
    'blobs/sha256',
    `blobs/sha256/${HEX}/x`,
    'a/b/manifest.json',
    'usr/share/doc/index.json',
    'blobs/SHA256/abc',
    'blobs/sha256/ab.cd',
  ])('does not capture %s', (name) => {
    expect(shouldCapture(entry(name))).toBe(false);
  });

  it('only regular files up to 8 MiB', () => {
    expect(shouldCapture(entry('manifest.json', CAPTURE_LIMIT))).toBe(true);
    expect(shouldCapture(entry('manifest.json', CAPTURE_LIMIT + 1))).toBe(false);
    expect(shouldCapture(entry('manifest.json', 0, 'symlink'))).toBe(false);
    expect(shouldCapture(entry('oci-layout', 0, 'dir'))).toBe(false);
  });

  it('does not capture a tar of /usr en masse', () => {
    const names: string[] = [];
    for (let i = 0; i < 2000; i++) {
      names.push(`usr/lib/pkg${i}/index.json`, `usr/share/pkg${i}/json`, `usr/lib/pkg${i}/VERSION`, `usr/bin/tool${i}`);
      names.push(`./usr/lib/python3/dist-packages/m${i}/manifest.json`, `usr/local/blobs/sha256/${HEX}`);
    }
    const captured = names.filter((n) => shouldCapture(entry(n)));
    expect(captured).toEqual([]);
    // Even a tar of / with a top-level `usr` dir captures only its few top-level files.
    expect(['usr', 'etc', 'vmlinuz', 'initrd.img'].filter((n) => shouldCapture(entry(n, 10, n === 'vmlinuz' ? 'file' : 'dir')))).toEqual(['vmlinuz']);
  });
});

describe('isJsonLike', () => {
  const b = (s: string) => new TextEncoder().encode(s);
  it('accepts objects after whitespace and a BOM', () => {
    expect(isJsonLike(b('{"a":1}'))).toBe(true);
    expect(isJsonLike(b(' \n\t\r{'))).toBe(true);
    expect(isJsonLike(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]))).toBe(true);
  });
  it('rejects layer bytes, lists and empty blobs', () => {
    expect(isJsonLike(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe(false); // gzip
    expect(isJsonLike(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]))).toBe(false); // zstd
    expect(isJsonLike(b('[1]'))).toBe(false);
    expect(isJsonLike(b('   '))).toBe(false);
    expect(isJsonLike(new Uint8Array(0))).toBe(false);
  });
});
