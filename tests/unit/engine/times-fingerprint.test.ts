/**
 * The scan's fingerprint of a .pyc/.gz with its embedded times zeroed (src/engine/
 * times-fingerprint.ts), on files the real writers made at two times: the same value however
 * the content is cut into chunks, and equal fingerprints exactly when differsOnlyInTimes says
 * so on the whole bytes (the evidence pass's own answer, which it replaces).
 */
import { describe, expect, it } from 'vitest';
import { differsOnlyInTimes } from '../../../src/compare/evidence';
import type { TimestampOnly } from '../../../src/compare/types';
import { fingerprintKind, HEAD, TimesFingerprint } from '../../../src/engine/times-fingerprint';
import { newXxh64 } from '../../../src/hash/xxh64';
import { gz, pyc, T } from '../../support/time-writers';

const hasher = await newXxh64();
/** One head for every fingerprint, as a layer's sink shares it between its entries. */
const scratch = new Uint8Array(HEAD);

/** The fingerprint of `b` fed in chunks of `cut` bytes (0: whole). */
function fingerprint(kind: TimestampOnly, b: Uint8Array, cut = 0): string | undefined {
  const fp = new TimesFingerprint(kind, b.length, hasher, scratch);
  const step = cut || b.length;
  for (let at = 0; at < b.length; at += step) fp.data(b.subarray(at, at + step));
  return fp.end();
}

/** A gzip file with an FEXTRA field of `n` bytes inserted in `g`'s header (RFC 1952 2.3.1.1). */
function withExtra(g: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(g.length + 2 + n);
  out.set(g.subarray(0, 10));
  out[3] |= 0x04;
  out[10] = n & 0xff;
  out[11] = n >> 8;
  out.fill(0x41, 12, 12 + n);
  out.set(g.subarray(10), 12 + n);
  return out;
}

describe('times fingerprint', () => {
  const src = 'X = 1\n\ndef f():\n    return X\n'.repeat(200); // a pyc larger than HEAD
  const text = 'app (1.0) stable\n'.repeat(400);
  const files = {
    pycA: pyc('fp1', src, T),
    pycB: pyc('fp2', src, T + 1),
    pycCode: pyc('fp3', src.replaceAll('X = 1', 'X = 2'), T + 1),
    pycHash: pyc('fp4', src, T, 'CHECKED_HASH'),
    pycHash2: pyc('fp5', src.replaceAll('X = 1', 'X = 2'), T, 'CHECKED_HASH'),
    gzA: gz('fpa.gz', text, T),
    gzB: gz('fpb.gz', text, T + 3600),
  };
  /** B with one bit of its deflate data flipped: the same size and header, other data. */
  const gzData = files.gzB.slice();
  gzData[gzData.length - 12] ^= 1;

  it('kinds by name: the ones whose fields are in the head', () => {
    expect(['a/m.cpython-311.pyc', 'M.PYC', 'changelog.Debian.gz', 'x.tgz', 'x.jar', 'a.zip', 'x.py', 'x.c', 'x.biz'].map(fingerprintKind)).toEqual([
      'pyc-source-mtime',
      'pyc-source-mtime',
      'gzip-mtime',
      'gzip-mtime',
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('the same value however the bytes come in', () => {
    expect(files.pycA.length).toBeGreaterThan(HEAD);
    for (const [name, b] of Object.entries({ ...files, gzExtra: withExtra(files.gzA, 100) })) {
      const kind: TimestampOnly = name.startsWith('pyc') ? 'pyc-source-mtime' : 'gzip-mtime';
      const whole = fingerprint(kind, b);
      for (const cut of [1, 7, 16, HEAD - 1, HEAD, HEAD + 1, 65536]) expect(fingerprint(kind, b, cut), `${name} in ${cut}-byte chunks`).toBe(whole);
    }
    expect(fingerprint('pyc-source-mtime', files.pycA)).toMatch(/^8-12:[0-9a-f]{16}$/);
    expect(fingerprint('gzip-mtime', files.gzA)).toMatch(/^4-8:[0-9a-f]{16}$/);
    expect(fingerprint('pyc-source-mtime', files.pycHash)).toBe('none');
    expect(fingerprint('gzip-mtime', new TextEncoder().encode('not a gzip at all'))).toBe('none');
  });

  it('equal fingerprints exactly when only the embedded time differs (differsOnlyInTimes)', () => {
    const pairs: [TimestampOnly, Uint8Array, Uint8Array, boolean][] = [
      ['pyc-source-mtime', files.pycA, files.pycB, true],
      ['pyc-source-mtime', files.pycA, files.pycCode, false],
      ['pyc-source-mtime', files.pycB, files.pycCode, false],
      ['pyc-source-mtime', files.pycHash, files.pycHash2, false],
      ['gzip-mtime', files.gzA, files.gzB, true],
      ['gzip-mtime', files.gzA, gzData, false],
      ['gzip-mtime', files.gzB, gzData, false],
      ['gzip-mtime', withExtra(files.gzA, 100), withExtra(files.gzB, 100), true],
    ];
    for (const [kind, a, b, only] of pairs) {
      expect(a.length).toBe(b.length);
      expect(differsOnlyInTimes(kind, a, b)).toBe(only);
      const fa = fingerprint(kind, a, 1000);
      const fb = fingerprint(kind, b, 1000);
      expect(fa !== 'none' && fa === fb).toBe(only);
    }
  });

  it('a gzip header that goes on past the head: no value (the evidence pass reads it); a short non-gzip is "none"', () => {
    const long = withExtra(files.gzA, HEAD + 10);
    expect(differsOnlyInTimes('gzip-mtime', long, withExtra(files.gzB, HEAD + 10))).toBe(true);
    expect(fingerprint('gzip-mtime', long)).toBeUndefined();
    expect(fingerprint('gzip-mtime', long, 3)).toBeUndefined();
    // the whole file in the head and still no header: known not to be a gzip
    expect(fingerprint('gzip-mtime', files.gzA.subarray(0, 9))).toBe('none');
    // no gzip magic: not a gzip, however long
    const big = new Uint8Array(3 * HEAD).fill(0x41);
    expect(fingerprint('gzip-mtime', big, 1000)).toBe('none');
  });
});
