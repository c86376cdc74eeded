/**
 * A layer's records handed on in batches during the walk (layer-sink.ts `onFiles`, as the job
 * Workers send them: records-wire.ts), then joined by the pool (`joinBatches`): the same records,
 * in the same order, each with its digests already in when its batch leaves — with the tarhash
 * kernel (which fills digests in after each piece) and with hash-wasm, plain and gzip layers,
 * and a layer cut short (the batches plus the partial files are the files read); and through the
 * pool (src/engine/pool.ts) with the Worker's API on a MessageChannel: the batches cross as JSON
 * text and are joined, or go to the caller's own onFiles, as scanBlobJob gives them.
 */
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/engine/pool';
import { engineWorkerApi } from '../../../src/engine/worker-api';
import { gzip } from 'pako';
import { buildTar } from '../../builders/tar';
import { scanBlobJob } from '../../../src/engine/jobs';
import { FILES_BATCH } from '../../../src/engine/layer-sink';
import { joinBatches } from '../../../src/engine/records-wire';
import type { FileRecord } from '../../../src/report/types';

const N = FILES_BATCH * 2 + 1234;
const enc = new TextEncoder();
// files with content (hashed), empty files and directories, one file larger than a read piece
const tar = buildTar([
  ...Array.from({ length: N }, (_, i) =>
    i % 7 === 0 ? { name: `d${i}/`, type: 'dir' as const } : { name: `d${i % 50}/f${i}`, data: i % 5 === 0 ? new Uint8Array(0) : enc.encode(`file ${i}\n`) },
  ),
  { name: 'big', data: new Uint8Array(9 << 20).fill(7) },
]);
const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

async function batched(b: Blob, kernel: boolean) {
  const batches: FileRecord[][] = [];
  const seen: { n: number; complete: boolean }[] = [];
  const r = await scanBlobJob(b, {
    kernel,
    onFiles: (batch) => {
      // what leaves is complete: every regular file with content has its digest
      seen.push({ n: batch.length, complete: batch.every((f) => f.type !== 'file' || f.xxh64 !== undefined) });
      batches.push(structuredClone(batch));
    },
  });
  return { joined: joinBatches(r, batches), seen };
}

describe('records in batches', () => {
  for (const kernel of [true, false]) {
    for (const [name, bytes] of [
      ['plain', tar],
      ['gzip', gzip(tar)],
    ] as const) {
      it(`${name} layer, ${kernel ? 'tarhash kernel' : 'hash-wasm'}: batches + rest = the records of one piece`, async () => {
        const whole = await scanBlobJob(blob(bytes), { kernel });
        expect(whole.layer?.files).toHaveLength(N + 1);
        const { joined, seen } = await batched(blob(bytes), kernel);
        // handed on after a write once FILES_BATCH are waiting (a plain layer is read in pieces of MiBs)
        expect(seen.length).toBeGreaterThanOrEqual(1);
        expect(seen.every((s) => s.complete && s.n > 0)).toBe(true);
        expect(joined).toEqual(whole);
      }, 60_000);
    }
  }

  it('a layer cut short: the batches and the partial files are every file read, in order', async () => {
    const cut = gzip(tar.subarray(0, Math.floor(tar.length * 0.4)));
    const whole = await scanBlobJob(blob(cut), {});
    const { joined, seen } = await batched(blob(cut), true);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(whole.layer).toBeNull();
    expect(joined.partialFiles!.length).toBe(whole.partialFiles!.length);
    expect(joined).toEqual(whole);
  }, 60_000);

  it('through the pool: joined into the result, or handed to the caller’s onFiles as they come', async () => {
    const channels: MessageChannel[] = [];
    const pool = new WorkerPool({
      size: 1,
      create: () => {
        const c = new MessageChannel();
        channels.push(c);
        Comlink.expose(engineWorkerApi, nodeEndpoint(c.port2));
        return { worker: { terminate: () => (c.port1.close(), c.port2.close()) }, endpoint: nodeEndpoint(c.port1) };
      },
    });
    try {
      const direct = await scanBlobJob(blob(gzip(tar)), {});
      expect(await pool.scan(blob(gzip(tar)), {})).toEqual(direct);
      const given: FileRecord[][] = [];
      const r = await pool.scan(blob(gzip(tar)), { onFiles: (b) => given.push(b) });
      expect(given.length).toBeGreaterThanOrEqual(2);
      expect(joinBatches(r, given)).toEqual(direct);
    } finally {
      pool.dispose();
    }
  }, 60_000);
});
