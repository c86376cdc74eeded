/**
 * The extract job as the page runs it: real module Workers in Chromium behind Comlink (the
 * engine's WorkerPool), gzip and zstd layers, bytes transferred back, cancellation.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { gzip } from 'pako';
import { WorkerPool } from '../../../src/engine/pool';
import { buildTar } from '../../builders/tar';
import { noise } from '../../builders/noise';

const pool = new WorkerPool({
  size: 2,
  create: () => {
    const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'tarscope-engine' });
    return { worker, endpoint: worker };
  },
});
afterAll(() => pool.dispose());

const big = noise(3 * 1024 * 1024, 9);
const layer = buildTar([
  { name: 'etc/os-release', data: 'ID=test\n' },
  { name: 'usr/lib/big.bin', data: big },
  { name: 'var/log/dpkg.log', data: '2024-01-01 00:00:00 install x\n' },
]);
const gz = gzip(layer);

describe('extract in Workers', () => {
  it('gets the wanted files out of a gzip layer, two jobs in parallel', async () => {
    const blob = new Blob([gz as Uint8Array<ArrayBuffer>]);
    const [a, b] = await Promise.all([
      pool.extract(blob, { wants: [{ path: 'etc/os-release' }, { path: 'var/log/dpkg.log' }] }),
      pool.extract(blob, { wants: [{ path: 'usr/lib/big.bin', ranges: [[2_000_000, 2_000_064]], blockSize: 1 << 20 }] }),
    ]);
    expect(a.error).toBeNull();
    expect(a.compression).toBe('gzip');
    expect(a.entries.map((e) => new TextDecoder().decode(e.chunks[0].bytes))).toEqual(['ID=test\n', '2024-01-01 00:00:00 install x\n']);
    expect(b.entries[0].chunks[0].bytes).toEqual(big.subarray(2_000_000, 2_000_064));
    expect(b.entries[0].chunks[0].bytes.buffer.byteLength).toBe(64); // its own buffer, moved across
    expect(b.entries[0].blocks).toHaveLength(3);
  });

  it('reports progress and stops early', async () => {
    let seen = 0;
    const r = await pool.extract(new Blob([gz as Uint8Array<ArrayBuffer>]), { wants: [{ path: 'etc/os-release' }], onBytes: (n) => (seen += n) });
    expect(r.stoppedEarly).toBe(true);
    expect(r.bytesRead).toBeLessThan(gz.length);
    expect(seen).toBe(r.bytesRead);
  });

  it('an aborted job rejects with cancelled and the pool stays usable', async () => {
    // 40 gzip members of the layer (~120 MiB to inflate) and a path that is in none: a long job.
    const long = new Blob(Array.from({ length: 40 }, () => gz as Uint8Array<ArrayBuffer>));
    const ac = new AbortController();
    let read = 0;
    const p = pool.extract(long, { wants: [{ path: 'no/such/file' }], signal: ac.signal, onBytes: (n) => (read += n) });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(read).toBeLessThan(long.size);
    const r = await pool.extract(new Blob([layer as Uint8Array<ArrayBuffer>]), { wants: [{ path: 'etc/os-release' }] });
    expect(r.compression).toBe('none');
    expect(new TextDecoder().decode(r.entries[0].chunks[0].bytes)).toBe('ID=test\n');
  });
});
