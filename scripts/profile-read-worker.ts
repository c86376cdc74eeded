/**
 * Worker side of scripts/profile-read.mjs: one stage on one File-backed Blob (a slice of a File
 * picked through an <input>, as a person's archive is), answering with what it produced. The
 * `floor-*` and `ds*` stages are the platform alone (no project code): the references the
 * project's stages are compared with in the same run.
 */
import { readChunks } from '../src/io/read';
import { scanBlobJob } from '../src/engine/jobs';
import { packBlobResult } from '../src/engine/records-wire';
import { extractJob } from '../src/engine/extract';
import type { ExtractWant } from '../src/engine/extract';
import { inflateFast } from '../src/formats/gzip/fast';
import { prepareDecoders } from '../src/formats/decoder';

const MiB = 1024 * 1024;

/** Synthetic per-chunk work (a multiply-add over every 2nd byte), in place of the walk and hash. */
function work(v: Uint8Array): number {
  let h = 0;
  for (let i = 0; i < v.length; i += 2) h = (Math.imul(h, 31) + v[i]) | 0;
  return h;
}

/** Reads one buffer full (4 MiB or to the end). */
async function fill(r: ReadableStreamBYOBReader, buf: ArrayBuffer): Promise<Uint8Array | null> {
  let filled = 0;
  const size = buf.byteLength;
  while (filled < size) {
    const x = await r.read(new Uint8Array(buf, filled, size - filled));
    if (x.done) {
      if (x.value) buf = x.value.buffer as ArrayBuffer;
      break;
    }
    buf = x.value.buffer as ArrayBuffer;
    filled += x.value.byteLength;
  }
  return filled ? new Uint8Array(buf, 0, filled) : null;
}

async function floorByob(blob: Blob): Promise<number> {
  const r = blob.stream().getReader({ mode: 'byob' });
  let buf = new ArrayBuffer(4 * MiB);
  let n = 0;
  for (;;) {
    const x = await r.read(new Uint8Array(buf));
    if (x.done) break;
    n += x.value.byteLength;
    buf = x.value.buffer as ArrayBuffer;
  }
  return n;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const r = stream.getReader();
  let n = 0;
  for (;;) {
    const x = await r.read();
    if (x.done) return n;
    n += x.value.byteLength;
  }
}

const STAGES: Record<string, (blob: Blob, arg?: unknown) => Promise<number>> = {
  'work-1buf': async (blob) => {
    const r = blob.stream().getReader({ mode: 'byob' });
    let buf = new ArrayBuffer(4 * MiB);
    let n = 0;
    for (;;) {
      const v = await fill(r, buf);
      if (!v) return n;
      n += work(v) & 1;
      buf = v.buffer as ArrayBuffer;
    }
  },
  /** The next buffer's read is asked for before this one is worked on. */
  'work-2buf': async (blob) => {
    const r = blob.stream().getReader({ mode: 'byob' });
    let n = 0;
    let spare = new ArrayBuffer(4 * MiB);
    let next = fill(r, new ArrayBuffer(4 * MiB));
    for (;;) {
      const v = await next;
      if (!v) return n;
      next = fill(r, spare);
      n += work(v) & 1;
      spare = v.buffer as ArrayBuffer;
    }
  },
  'floor-byob': floorByob,
  'floor-default': (blob) => drain(blob.stream()),
  read: async (blob) => {
    let n = 0;
    for await (const c of readChunks(blob, { reuse: true })) n += c.length;
    return n;
  },
  'read-fresh': async (blob) => {
    let n = 0;
    for await (const c of readChunks(blob)) n += c.length;
    return n;
  },
  'scan-fast': async (blob) => {
    const r = await scanBlobJob(blob, { digests: false, fileHashes: 'xxh64' });
    if (r.error) throw new Error(r.error.message);
    return r.layer?.uncompressedSize ?? 0;
  },
  /** scan-fast as a job Worker runs it for the engine: its records go out as JSON batches while
   *  it walks (records-wire.ts), the rest packed with the result. */
  'scan-wire': async (blob) => {
    let n = 0;
    const r = await scanBlobJob(blob, { digests: false, fileHashes: 'xxh64', onFiles: (batch) => void (n += JSON.stringify(batch).length) });
    if (r.error) throw new Error(r.error.message);
    return (r.layer?.uncompressedSize ?? 0) + (packBlobResult(r) ? 0 : n);
  },
  'scan-full': async (blob) => {
    const r = await scanBlobJob(blob);
    if (r.error) throw new Error(r.error.message);
    return r.layer?.uncompressedSize ?? 0;
  },
  'scan-hash': async (blob) => {
    const r = await scanBlobJob(blob, { read: 'stream', fileHashes: 'none' });
    if (r.error) throw new Error(r.error.message);
    return r.size;
  },
  /** The platform's gzip floor: the File's stream piped through DecompressionStream. */
  ds: (blob) => drain(blob.stream().pipeThrough(new DecompressionStream('gzip'))),
  /** The same, fed 32 KiB at a time from a reused BYOB buffer (the bounded form). */
  'ds-32k': async (blob) => {
    const ds = new DecompressionStream('gzip');
    const w = ds.writable.getWriter();
    const out = drain(ds.readable);
    const r = blob.stream().getReader({ mode: 'byob' });
    let buf = new ArrayBuffer(4 * MiB);
    for (;;) {
      const x = await r.read(new Uint8Array(buf));
      if (x.done) break;
      const v = x.value;
      for (let at = 0; at < v.length; at += 32768) await w.write(v.subarray(at, at + 32768));
      buf = v.buffer as ArrayBuffer;
    }
    await w.close();
    return out;
  },
  inflate: async (blob) => {
    let n = 0;
    const info = await inflateFast(blob, (c) => {
      n += c.length;
    });
    if (!info) throw new Error('inflateFast declined');
    return n;
  },
  'zstd-decode': async (blob) => {
    const decoders = await prepareDecoders();
    let n = 0;
    const d = decoders('zstd', (c) => {
      n += c.length;
    });
    for await (const c of readChunks(blob, { reuse: true })) d.write(c);
    d.end();
    return n;
  },
  extract: async (blob, wants) => {
    const r = await extractJob(blob, { wants: wants as ExtractWant[] });
    if (r.error) throw new Error(r.error.message);
    const missing = r.entries.filter((e) => !e.complete).length;
    if (missing) throw new Error(`${missing} wants not complete`);
    return r.bytesRead;
  },
};

self.onmessage = async (ev: MessageEvent<{ stage: string; blob: Blob; arg?: unknown }>) => {
  try {
    const f = STAGES[ev.data.stage];
    if (!f) throw new Error(`no stage ${ev.data.stage}`);
    const t = performance.now();
    const n = await f(ev.data.blob, ev.data.arg);
    self.postMessage({ n, ms: performance.now() - t });
  } catch (e) {
    self.postMessage({ error: String((e as Error)?.stack ?? e) });
  }
};
