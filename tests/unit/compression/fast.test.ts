/**
 * The DecompressionStream fast path in Node. Node's DecompressionStream('gzip') decodes
 * concatenated members and skips zero padding, so the strictness probe says no and
 * inflateFast must return null (GzipDecoder then runs). The Chromium behaviour, where the
 * fast path is taken, is tested in tests/browser/compression.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { decompressionStreamIsStrict, inflateFast, isDecompressionStreamAvailable } from '../../../src/formats/gzip/fast';
import { fixture, readBytes, sh, smallTar } from './support';

describe('inflateFast in Node', () => {
  it("the probe's members are what gzip -n writes for 'a' and 'b'", () => {
    // The probe constants are also checked here against the real tool.
    const a = sh(`printf a | gzip -n | od -An -tx1`)
      .trim()
      .split(/\s+/)
      .map((h) => parseInt(h, 16));
    expect(a).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x04, 0, 0x43, 0xbe, 0xb7, 0xe8, 1, 0, 0, 0]);
  });

  it('Node has DecompressionStream but it is not strict: the fast path declines', async () => {
    expect(isDecompressionStreamAvailable()).toBe(true);
    expect(await decompressionStreamIsStrict()).toBe(false);
    const data = readBytes(fixture('small.tar.gz', `gzip -n -c "${smallTar()}" > small.tar.gz`)).slice();
    let delivered = 0;
    expect(await inflateFast(new Blob([data]), (c) => (delivered += c.length))).toBeNull();
    expect(delivered).toBe(0);
  });

  it('an aborted signal rejects instead of returning null', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(inflateFast(new Blob([new Uint8Array(100)]), () => {}, ac.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
