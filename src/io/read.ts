/**
 * Reading re-readable sources (Blob / File and their slices) in large chunks, never the
 * whole archive at once. building-blocks.md: a BYOB reader with a 4 MiB buffer is ~1.3x
 * faster than the default reader on file-backed Blobs; each slice().arrayBuffer() costs
 * ~1 ms, so many small seeks lose to one stream.
 */
import { TarscopeError } from './errors';

export const CHUNK = 4 * 1024 * 1024;

export interface ReadOptions {
  signal?: AbortSignal;
  chunkSize?: number;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new TarscopeError({ code: 'cancelled', component: 'reader', message: 'cancelled' });
}

/**
 * Yields the bytes of `blob` in order. Each yielded array is fresh (the caller may keep
 * it), and at most `chunkSize` long. Uses a BYOB reader where the platform has one.
 */
export async function* readChunks(blob: Blob, opts: ReadOptions = {}): AsyncGenerator<Uint8Array> {
  const size = opts.chunkSize ?? CHUNK;
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    byob = null;
  }
  if (byob) {
    const reader = byob;
    try {
      let buf = new ArrayBuffer(size);
      for (;;) {
        throwIfAborted(opts.signal);
        // Fill the buffer as far as the stream gives, so consumers see large chunks.
        let filled = 0;
        let done = false;
        while (filled < size) {
          const r = await reader.read(new Uint8Array(buf, filled, size - filled));
          if (r.done) {
            done = true;
            if (r.value) buf = r.value.buffer as ArrayBuffer;
            break;
          }
          buf = r.value.buffer as ArrayBuffer;
          filled += r.value.byteLength;
        }
        if (filled > 0) {
          const out = new Uint8Array(buf, 0, filled);
          // The next read needs its own buffer: the yielded one belongs to the caller.
          buf = new ArrayBuffer(size);
          yield out;
        }
        if (done) return;
      }
    } finally {
      reader.releaseLock();
      await stream.cancel().catch(() => {});
    }
  } else {
    const reader = stream.getReader();
    try {
      for (;;) {
        throwIfAborted(opts.signal);
        const r = await reader.read();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      reader.releaseLock();
      await stream.cancel().catch(() => {});
    }
  }
}

/** Reads [start, end) of a blob into memory (for small ranges only). */
export async function readRange(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, Math.min(end, blob.size)).arrayBuffer());
}
