import { describe, expect, it } from 'vitest';
import { buildTar } from '../../builders/tar';
import { listingFromTar } from '../../support/listing';
import { Outer, blobPath, digestFromName, normalizeName, parseJson } from '../../../src/image/resolve';
import { TarscopeError } from '../../../src/io/errors';

const HEX = '0123456789abcdef'.repeat(4);

describe('names', () => {
  it('normalises like the tar reader', () => {
    expect(normalizeName('./manifest.json')).toBe('manifest.json');
    expect(normalizeName('/blobs/sha256/')).toBe('blobs/sha256');
    expect(normalizeName('././a//b/')).toBe('a/b');
    expect(normalizeName('./')).toBe('');
  });

  it('derives digests only from names that carry one', () => {
    expect(digestFromName(`blobs/sha256/${HEX}`)).toBe(`sha256:${HEX}`);
    expect(digestFromName(`./blobs/sha512/${HEX}${HEX}`)).toBe(`sha512:${HEX}${HEX}`);
    expect(digestFromName(`sha256:${HEX}`)).toBe(`sha256:${HEX}`);
    expect(digestFromName(`${HEX}.json`)).toBe(`sha256:${HEX}`);
    expect(digestFromName(`${HEX}.tar.gz`)).toBe(`sha256:${HEX}`);
    expect(digestFromName(`${HEX}/layer.tar`)).toBeUndefined();
    expect(digestFromName('manifest.json')).toBeUndefined();
    expect(blobPath(`sha256:${HEX}`)).toBe(`blobs/sha256/${HEX}`);
    expect(blobPath('not a digest')).toBeNull();
  });
});

describe('links', () => {
  const tar = buildTar([
    { name: 'a/', typeflag: '5' },
    { name: 'a/layer.tar', data: 'layer bytes' },
    { name: 'b/', typeflag: '5' },
    { name: 'b/layer.tar', typeflag: '2', linkname: '../a/layer.tar' },
    { name: 'c/layer.tar', typeflag: '1', linkname: 'a/layer.tar' },
    { name: 'd/layer.tar', typeflag: '2', linkname: '../b/layer.tar' },
    { name: 'e/layer.tar', typeflag: '2', linkname: '../gone/layer.tar' },
    { name: 'loop1', typeflag: '2', linkname: 'loop2' },
    { name: 'loop2', typeflag: '2', linkname: 'loop1' },
  ]);
  const outer = new Outer(listingFromTar(tar));

  it('follows a relative symlink (legacy docker save duplicate layer) and keeps the link name', () => {
    expect(outer.blobRef('b/layer.tar').ref).toEqual({ entry: 'a/layer.tar', via: 'b/layer.tar' });
  });
  it('follows hardlinks (archive-relative) and chains of links', () => {
    expect(outer.blobRef('./c/layer.tar').ref).toEqual({ entry: 'a/layer.tar', via: 'c/layer.tar' });
    expect(outer.blobRef('d/layer.tar').ref).toEqual({ entry: 'a/layer.tar', via: 'd/layer.tar' });
  });
  it('says why a name leads nowhere', () => {
    expect(outer.blobRef('e/layer.tar')).toEqual({ ref: null, reason: 'is a link to gone/layer.tar, which is not in the archive' });
    expect(outer.blobRef('nope')).toEqual({ ref: null, reason: 'is not in the archive' });
    expect(outer.blobRef('loop1').reason).toBe('is a link loop (more than 16 hops)');
    expect(outer.blobRef('a').reason).toBe('is a dir, not a regular file');
  });
  it('keeps expectations on the reference', () => {
    expect(outer.blobRef('a/layer.tar', `sha256:${HEX}`, 11).ref).toEqual({ entry: 'a/layer.tar', expectedDigest: `sha256:${HEX}`, expectedSize: 11 });
  });
});

describe('parseJson', () => {
  it('returns the value', () => {
    expect(parseJson(new TextEncoder().encode('\ufeff[{"a":1}]'), 'manifest.json')).toEqual({ ok: true, value: [{ a: 1 }] });
  });
  it('returns a TarscopeError naming the file instead of throwing', () => {
    const text = '[{"Config": ';
    let parserMessage = '';
    try {
      JSON.parse(text);
    } catch (e) {
      parserMessage = (e as Error).message;
    }
    const r = parseJson(new TextEncoder().encode(text), 'manifest.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(TarscopeError);
    expect(r.error.component).toBe('manifest.json');
    expect(r.error.code).toBe('corrupt');
    expect(r.error.message).toBe(`manifest.json: not valid JSON: ${parserMessage}`);
  });
  it('reports files that were not captured or are missing', () => {
    const outer = new Outer(listingFromTar(buildTar([{ name: 'blobs/sha256/' + HEX, data: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]) }])));
    const r = outer.json(`blobs/sha256/${HEX}`);
    expect(r.ok ? null : r.error.message).toBe(`blobs/sha256/${HEX}: not captured (not JSON-like) (10 bytes)`);
    const m = outer.json('index.json');
    expect(m.ok ? null : m.error.message).toBe('index.json: cannot read: index.json is not in the archive');
  });
});
