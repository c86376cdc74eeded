/**
 * A platform Blob stream that stops delivering (Chromium under memory pressure: reads that
 * never settle, seen on 1 GB archives) must not hang a scan: readChunks gives up on the
 * stream after `stallMs` and reads on from the same offset with slices, and later reads in
 * the same realm skip streams. Other Blobs (HttpBlob, FileBlob subclasses) are never guarded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readChunks, resetStallMemory } from '../../../src/io/read';
import { noise } from '../../builders/noise';

const original = Blob.prototype.stream;

/** Makes every platform Blob stream deliver `after` bytes, then never answer again. */
function stallStreamsAfter(after: number): { reads: () => number } {
  let reads = 0;
  Blob.prototype.stream = function (this: Blob) {
    const inner = original.call(this).getReader();
    let given = 0;
    let pending: Uint8Array | null = null;
    return new ReadableStream({
      type: 'bytes',
      async pull(c: ReadableByteStreamController) {
        reads++;
        if (given >= after) return new Promise<void>(() => {}); // never settles
        if (!pending || !pending.length) {
          const r = await inner.read();
          if (r.done) {
            c.close();
            c.byobRequest?.respond(0);
            return;
          }
          pending = r.value;
        }
        const v = pending.subarray(0, Math.min(pending.length, after - given));
        const req = c.byobRequest;
        if (req?.view) {
          const n = Math.min(v.length, req.view.byteLength);
          new Uint8Array(req.view.buffer, req.view.byteOffset, n).set(v.subarray(0, n));
          pending = pending.subarray(n);
          given += n;
          req.respond(n);
        } else {
          pending = pending.subarray(v.length);
          given += v.length;
          c.enqueue(v.slice());
        }
      },
    }) as ReturnType<Blob['stream']>;
  };
  return { reads: () => reads };
}

async function collect(blob: Blob, stallMs: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of readChunks(blob, { chunkSize: 64 * 1024, stallMs })) parts.push(c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

afterEach(() => {
  Blob.prototype.stream = original;
  resetStallMemory();
});

describe('readChunks on a stream that stalls', () => {
  it('reads on with slices from where the stream stopped: every byte once, in order', async () => {
    const data = noise(1_000_003, 5);
    const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
    stallStreamsAfter(300_000);
    const t0 = performance.now();
    const got = await collect(blob, 200);
    expect(got).toEqual(data);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150); // it did wait for the stall timeout
  });

  it('after one stall, later reads of platform Blobs do not try streams again', async () => {
    const data = noise(200_000, 6);
    const s = stallStreamsAfter(50_000);
    expect(await collect(new Blob([data as Uint8Array<ArrayBuffer>]), 100)).toEqual(data);
    const before = s.reads();
    expect(await collect(new Blob([data as Uint8Array<ArrayBuffer>]), 100)).toEqual(data);
    expect(s.reads()).toBe(before);
  });

  it('a stream that keeps delivering is read as a stream, never cut over', async () => {
    const data = noise(500_000, 7);
    const s = stallStreamsAfter(Infinity);
    expect(await collect(new Blob([data as Uint8Array<ArrayBuffer>]), 5000)).toEqual(data);
    expect(s.reads()).toBeGreaterThan(0);
  });
});
