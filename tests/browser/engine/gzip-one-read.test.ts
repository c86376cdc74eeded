/**
 * The gzip fast path (DecompressionStream, Chromium) with digests on — an inspection's full scan,
 * the verification's first read of a shared blob — reads the blob once: the compressed chunks
 * are hashed as they are read to be inflated. It read the blob twice (one stream to hash, one to
 * inflate). The digests stay right, and a cancel during it leaves no read running.
 */
import { describe, expect, it } from 'vitest';
import { gzip } from 'pako';
import { scanBlobJob } from '../../../src/engine/jobs';
import { inflateFast } from '../../../src/formats/gzip/fast';
import { buildTar } from '../../builders/tar';
import { noise } from '../../builders/noise';

/** A Blob that counts the streams opened on it (slices are plain Blobs: the header and trailer reads). */
class CountingBlob extends Blob {
  streams = 0;
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    this.streams++;
    return super.stream();
  }
}

const hex = async (b: Uint8Array<ArrayBuffer>) =>
  `sha256:${[...new Uint8Array(await crypto.subtle.digest('SHA-256', b))].map((x) => x.toString(16).padStart(2, '0')).join('')}`;

const layer = buildTar([
  { name: 'etc/os-release', data: 'ID=test\n' },
  { name: 'usr/lib/big.bin', data: noise(6 * 1024 * 1024, 3) },
]) as Uint8Array<ArrayBuffer>;
const gz = gzip(layer) as Uint8Array<ArrayBuffer>;

describe('gzip fast path with digests', () => {
  it('reads the blob in one stream, with the right blob digest and diff_id', async () => {
    const blob = new CountingBlob([gz]);
    const r = await scanBlobJob(blob);
    expect(r.error).toBeNull();
    expect(r.compression).toMatchObject({ algorithm: 'gzip', inflater: 'DecompressionStream' });
    expect(blob.streams).toBe(1);
    expect(r.sha256).toBe(await hex(gz));
    expect(r.layer?.diffId).toBe(await hex(layer));
    expect(r.size).toBe(gz.length);
  });

  it('cancelled, it rejects; the next scan on the same hashers has its own digests', async () => {
    const ac = new AbortController();
    let seen = 0;
    const cancelled = scanBlobJob(new Blob([gz]), {
      signal: ac.signal,
      onBytes: (n) => {
        seen += n;
        if (seen > 0) ac.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    const r = await scanBlobJob(new Blob([gz]));
    expect(r.sha256).toBe(await hex(gz));
    expect(r.layer?.diffId).toBe(await hex(layer));
  });

  it('a read that fails midway ends the inflate (declined, for the exact decoder to report), not a wait forever', async () => {
    /** Its stream gives the first 256 KiB, then fails (a file changed on disk after it was picked). */
    class FailingBlob extends Blob {
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        let sent = false;
        return new ReadableStream({
          type: 'bytes',
          pull: (c) => {
            if (sent) return c.error(new DOMException('the file changed', 'NotReadableError'));
            sent = true;
            c.enqueue(gz.slice(0, 256 * 1024));
          },
        });
      }
    }
    const settled = inflateFast(new FailingBlob([gz]), () => {}).then(
      (v) => ({ v }),
      (e: Error) => ({ e: e.name }),
    );
    const waited = new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000));
    expect(await Promise.race([settled, waited])).toEqual({ v: null });
  });
});
