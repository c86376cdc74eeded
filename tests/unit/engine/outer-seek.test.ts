/**
 * The listing of an uncompressed archive seeks past its large blobs (src/engine/outer-seek.ts):
 * after each seek it reads a 64 KiB window, growing ×4 up to 1 MiB only while entries keep
 * being read. The reads are counted on a Blob that records its slices; the listing is the one
 * a stream of the whole archive gives.
 */
import { describe, expect, it } from 'vitest';
import { indexArchive } from '../../../src/engine/jobs';
import { buildTar } from '../../builders/tar';
import { noise } from '../../builders/noise';

/** A Blob whose slices are recorded: [start, end) of each read. */
class CountingBlob extends Blob {
  readonly reads: [number, number][] = [];
  override slice(start = 0, end = this.size, type?: string): Blob {
    this.reads.push([start, Math.min(end, this.size)]);
    return super.slice(start, end, type);
  }
}

const MiB = 1024 * 1024;

describe('outer listing by seeking', () => {
  it('a few large blobs: one 64 KiB read after each, not a MiB', async () => {
    const blobs = [0, 1, 2, 3].map((i) => noise(3 * MiB + 1000 * i, 40 + i));
    const tar = buildTar([
      ...blobs.flatMap((data, i) => [
        { name: `l${i}/VERSION`, data: '1.0' },
        { name: `l${i}/json`, data: JSON.stringify({ id: `l${i}` }) },
        { name: `l${i}/layer.tar`, data },
      ]),
      { name: 'manifest.json', data: '[]' },
    ]);
    const file = new CountingBlob([tar as Uint8Array<ArrayBuffer>]);
    const seek = await indexArchive(file);
    const stream = await indexArchive(new Blob([tar as Uint8Array<ArrayBuffer>]), { read: 'blob' });
    expect(seek.entries.map((e) => [e.name, e.dataOffset, e.size])).toEqual(stream.entries.map((e) => [e.name, e.dataOffset, e.size]));
    expect(seek.error).toBeNull();
    // the start and one read after each of the four blobs (plus the trailing bytes' read)
    const windows = file.reads.filter(([s, e]) => e - s > 512);
    expect(windows.length).toBeLessThanOrEqual(6);
    for (const [s, e] of windows) expect(e - s).toBeLessThanOrEqual(64 * 1024);
    expect(seek.bytesRead).toBeLessThan(6 * 64 * 1024);
  });

  it('many small files: the window grows to 1 MiB, so they are read in a few large reads', async () => {
    const files = Array.from({ length: 400 }, (_, i) => ({ name: `f/${i}.txt`, data: noise(20_000, i) }));
    const tar = buildTar(files);
    const file = new CountingBlob([tar as Uint8Array<ArrayBuffer>]);
    const seek = await indexArchive(file);
    expect(seek.entries.length).toBe(400);
    // (the first 512 bytes are read alone, to sniff the compression)
    const windows = file.reads.map(([s, e]) => e - s).filter((n) => n > 512);
    expect(windows.slice(0, 3)).toEqual([64 * 1024, 256 * 1024, MiB]);
    // ~8 MB in 1 MiB windows after the first two
    expect(windows.length).toBeLessThanOrEqual(Math.ceil(tar.length / MiB) + 3);
  });
});
