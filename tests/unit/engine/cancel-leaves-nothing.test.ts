/**
 * A cancelled job leaves nothing running in its Worker. The pool keeps a Worker whose job
 * stopped when told (pool.ts), and the next job reuses the Worker's hashers: no read of the
 * cancelled job may go on after its promise settles, or a chunk of the old blob could land in
 * the next job's SHA-256. The gzip fast path (scan-blob.ts) hashes the compressed blob in a
 * second read beside the inflating one; that read went on after the job had rejected, and then
 * rejected with nobody listening: with the code before this test, vitest fails the file on that
 * unhandled rejection (the reads counted below had ended by then in Node's streams).
 * And a cancelled zstd scan disposes its decoder: its context goes back to the pool.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { layerTar } from '../../builders/image';
import { noise } from '../../builders/noise';
import { indexArchive, scanBlobJob } from '../../../src/engine/jobs';
import { dctxCount } from '../../../src/formats/zstd/module';

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
/** A tar of one 12 MiB file, through the zstd CLI (level 3). */
const zstdTar = (seed: number) =>
  new Uint8Array(
    execFileSync('zstd', ['-q', '-c', '-3'], {
      maxBuffer: 64 << 20,
      input: layerTar([{ name: `z-${seed}.bin`, data: noise(12 << 20, seed), mode: 0o644, mtime: 1_700_000_000 }]),
    }),
  );
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

describe('a cancelled zstd scan', () => {
  it('gives its decompression context back (a kept Worker would hold one, and its window, per cancel)', async () => {
    const layer = zstdTar(7);
    // cancelled once the first, then the second 4 MiB chunk went through the decoder
    for (const chunks of [1, 2, 1]) {
      const ac = new AbortController();
      let seen = 0;
      const cancelled = scanBlobJob(new SlowBlob(layer, 1), {
        signal: ac.signal,
        onBytes: (n) => {
          seen += n;
          if (seen >= chunks * (4 << 20)) ac.abort();
        },
      });
      await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    }
    const { created, idle } = dctxCount();
    expect(created).toBeGreaterThan(0);
    expect(idle).toBe(created);
    // and a whole scan after them reuses a pooled context
    const r = await scanBlobJob(new Blob([layer]));
    expect(r.error).toBeNull();
    expect(dctxCount().created).toBe(created);
  }, 60_000);
});

describe('a cancelled listing of a .tar.zst', () => {
  it('gives back the outer decoder’s context', async () => {
    const archive = zstdTar(9);
    const ac = new AbortController();
    let seen = 0;
    let atCancel = { created: 0, idle: 0 };
    const listing = indexArchive(new SlowBlob(archive, 1), {
      signal: ac.signal,
      onBytes: (n) => {
        seen += n;
        if (seen < 4 << 20 || ac.signal.aborted) return;
        atCancel = dctxCount();
        ac.abort();
      },
    });
    await expect(listing).rejects.toMatchObject({ code: 'cancelled' });
    // one context in use by the listing when it was cancelled, none after
    expect(atCancel.created - atCancel.idle).toBe(1);
    const after = dctxCount();
    expect(after.idle).toBe(after.created);
  }, 60_000);
});
