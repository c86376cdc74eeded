/**
 * A module Worker for tarhash.test.ts: scans each blob it is sent with the kernel and with
 * the hash-wasm reference path (the engine's own scanBlobJob), and says whether the kernel
 * really ran in this Worker.
 */
import { scanBlobJob } from '../../../src/engine/jobs';
import { loadTarHash, TarHashRun } from '../../../src/kernels/tarhash';

let flushes = 0;
const flush = TarHashRun.prototype.flush;
TarHashRun.prototype.flush = function (this: TarHashRun) {
  flushes++;
  return flush.call(this);
};

self.onmessage = async (ev: MessageEvent<{ blobs: Blob[] }>) => {
  try {
    await loadTarHash();
    const out = [];
    for (const blob of ev.data.blobs) {
      const before = flushes;
      const k = await scanBlobJob(blob, { path: 'x' });
      const used = flushes > before;
      const js = await scanBlobJob(blob, { path: 'x', kernel: false });
      out.push({ k, js, used });
    }
    self.postMessage({ out });
  } catch (e) {
    self.postMessage({ error: String((e as Error)?.stack ?? e) });
  }
};
