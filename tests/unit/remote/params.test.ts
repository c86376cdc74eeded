import { describe, expect, it } from 'vitest';
import { BadUrl, nameFromUrl, resolveArchiveUrl, urlInputs } from '../../../src/remote/params';

describe('?a=URL&b=URL', () => {
  it('reads a and b, ignores empty values and other parameters', () => {
    expect(urlInputs('?a=https://x.test/a.tar&b=https://x.test/b.tar')).toEqual({ a: 'https://x.test/a.tar', b: 'https://x.test/b.tar' });
    expect(urlInputs('?a=https%3A%2F%2Fx.test%2Fa.tar%3Fsig%3D1')).toEqual({ a: 'https://x.test/a.tar?sig=1' });
    expect(urlInputs('?a=&b=%20&utm=1')).toEqual({});
    expect(urlInputs('')).toEqual({});
  });

  it('resolves relative URLs against the page and refuses what is not http(s)', () => {
    expect(resolveArchiveUrl('fixtures/a.tar', 'https://site.test/app/?a=x')).toBe('https://site.test/app/fixtures/a.tar');
    expect(resolveArchiveUrl(' https://x.test/a b.tar ', 'https://site.test/')).toBe('https://x.test/a%20b.tar');
    expect(() => resolveArchiveUrl('javascript:alert(1)', 'https://site.test/')).toThrow(BadUrl);
    expect(() => resolveArchiveUrl('data:,x', 'https://site.test/')).toThrow('data: URLs cannot be fetched; give an http: or https: URL');
    expect(() => resolveArchiveUrl('http://[::1', 'https://site.test/')).toThrow('"http://[::1" is not a URL');
  });

  it('names an archive after the last path segment, decoded, else the host', () => {
    expect(nameFromUrl('https://x.test/v1.2/app%20image.tar?sig=abc#f')).toBe('app image.tar');
    expect(nameFromUrl('https://x.test/dir/')).toBe('dir');
    expect(nameFromUrl('https://x.test/')).toBe('x.test');
    expect(nameFromUrl('https://x.test/%E0%A4%A.tar')).toBe('%E0%A4%A.tar');
  });
});
