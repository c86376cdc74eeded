/**
 * readChunks({ reuse: true }): views of one buffer, each valid until the next chunk is asked
 * for. The bytes are the blob's, in order; a view kept past its turn is detached by the next
 * read (reads as empty), never silently showing other bytes.
 */
import { describe, expect, it } from 'vitest';
import { readChunks } from '../../../src/io/read';
import { noise } from '../../builders/noise';

describe('readChunks with reuse', () => {
  const data = noise((3 << 20) + 12345, 5);
  const blob = new Blob([data as Uint8Array<ArrayBuffer>]);

  it('yields the blob in order, copying as it goes', async () => {
    const out = new Uint8Array(data.length);
    let at = 0;
    for await (const c of readChunks(blob, { chunkSize: 1 << 20, reuse: true })) {
      expect(c.length).toBeLessThanOrEqual(1 << 20);
      out.set(c, at);
      at += c.length;
    }
    expect(at).toBe(data.length);
    expect(Buffer.compare(Buffer.from(out), Buffer.from(data))).toBe(0);
  });

  it('shares one buffer between chunks; a kept view is detached by the next read', async () => {
    const kept: Uint8Array[] = [];
    for await (const c of readChunks(blob, { chunkSize: 1 << 20, reuse: true })) {
      kept.push(c);
    }
    expect(kept.length).toBe(4);
    // BYOB hands the same memory back each time (transferred, so a new ArrayBuffer object).
    expect(kept.slice(0, -1).every((v) => v.byteLength === 0)).toBe(true);
    // Without reuse every chunk keeps its bytes.
    const fresh: Uint8Array[] = [];
    for await (const c of readChunks(blob, { chunkSize: 1 << 20 })) fresh.push(c);
    expect(fresh.reduce((n, c) => n + c.byteLength, 0)).toBe(data.length);
  });
});
