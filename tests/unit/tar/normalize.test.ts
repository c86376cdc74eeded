/** Path normalisation and OCI whiteouts (OCI image-spec layer.md, "Whiteouts"). */
import { describe, it, expect } from 'vitest';
import { normalizePath, whiteoutOf } from '../../../src/formats/tar';

describe('normalizePath', () => {
  it.each([
    ['etc/passwd', 'etc/passwd'],
    ['./etc/passwd', 'etc/passwd'],
    ['/etc/passwd', 'etc/passwd'],
    ['././etc/passwd', 'etc/passwd'],
    ['//etc//passwd', 'etc/passwd'],
    ['etc/', 'etc'],
    ['./etc/./x/', 'etc/x'],
    ['./', ''],
    ['.', ''],
    ['/', ''],
    ['', ''],
    ['a/../b', 'a/../b'], // kept: a report must show traversal, not resolve it
    ['.wh.x', '.wh.x'],
    ['..x', '..x'],
  ])('%j -> %j', (a, b) => {
    expect(normalizePath(a)).toBe(b);
  });
});

describe('whiteoutOf', () => {
  it.each([
    ['./etc/.wh.passwd', { kind: 'file', target: 'etc/passwd' }],
    ['.wh.top', { kind: 'file', target: 'top' }],
    ['usr/lib/.wh..wh..opq', { kind: 'opaque', dir: 'usr/lib' }],
    ['./.wh..wh..opq', { kind: 'opaque', dir: '' }],
    ['etc/passwd', null],
    ['etc/.wh.', null],
    ['etc/.wh..wh.plnk', null], // AUFS bookkeeping, not a whiteout
    ['etc/x.wh.y', null],
  ])('%j', (p, w) => {
    expect(whiteoutOf(p)).toEqual(w);
  });
});
