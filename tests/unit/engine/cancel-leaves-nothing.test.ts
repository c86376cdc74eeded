/**
 * A cancelled job leaves nothing running in its Worker. The pool keeps a Worker whose job
 * stopped when told (pool.ts), and the next job reuses the Worker's hashers: no read of the
 * cancelled job may go on after its promise settles, or a chunk of the old blob could land in
 * the next job's SHA-256. The gzip fast path (scan-blob.ts) hashes the compressed blob in a
 * second read beside the inflating one; that read went on after the job had rejected, and then
 * rejected with nobody listening: with the code before this test, vitest fails the file on that
 * unhandled rejection (the reads counted below had ended by then in Node's streams).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { layerTar } from '../../builders/image';
import { noise } from '../../builders/noise';
import { scanBlobJob } from '../../../src/engine/jobs';

/** A Blob whose stream gives 64 KiB every `ms` milliseconds (a slow disk), and counts its reads. */
class SlowBlob extends Blob {
  pulls = 0;
  constructor(
    private readonly data: Uint8Array<ArrayBuffer>,
    private readonly ms: number,
  ) {
    super([data]);
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = 0;
    return new ReadableStream({
      type: 'bytes',
      pull: async (c) => {
        this.pulls++;
        await new Promise((r) => setTimeout(r, this.ms));
        if (at >= this.data.length) {
          c.close();
          c.byobRequest?.respond(0);
          return;
        }
        const n = Math.min(65536, this.data.length - at);
        // a copy: a byte stream's enqueue() transfers the chunk's buffer
        c.enqueue(new Uint8Array(this.data.subarray(at, at + n)));
        at += n;
      },
    });
  }
}

const gzLayer = (seed: number) =>
  new Uint8Array(gzipSync(layerTar([{ name: `f-${seed}.bin`, data: noise(10 << 20, seed), mode: 0o644, mtime: 1_700_000_000 }])));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a cancelled scan', () => {
  it('reads nothing more once it has rejected, and the next scan on the same hashers gets its own digest', async () => {
    const first = gzLayer(1);
    const second = gzLayer(2);
    for (const after of [15, 40, 90]) {
      const ac = new AbortController();
      const slow = new SlowBlob(first, 2);
      const cancelled = scanBlobJob(slow, { signal: ac.signal });
      await sleep(after);
      ac.abort();
      await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
      const pulls = slow.pulls;
      // At once, as the pool starts the next job on the kept Worker.
      const r = await scanBlobJob(new SlowBlob(second, 1));
      expect(r.error).toBeNull();
      expect(r.sha256).toBe(`sha256:${createHash('sha256').update(second).digest('hex')}`);
      expect(slow.pulls, `reads of the cancelled scan after it rejected (cancelled after ${after} ms)`).toBe(pulls);
    }
  }, 60_000);
});
