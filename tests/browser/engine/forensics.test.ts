/**
 * The forensics job as the page runs it: in a real module Worker (the zlib-level test is too
 * costly for the page's main thread), on gzip blobs of the same tar written by pako (zlib) at
 * levels 1 and 9, and on the same deflate data under two gzip headers.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { gzip } from 'pako';
import { WorkerPool } from '../../../src/engine/pool';
import { buildTar } from '../../builders/tar';

const pool = new WorkerPool({
  size: 1,
  create: () => {
    const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'tarscope-engine' });
    return { worker, endpoint: worker };
  },
});
afterAll(() => pool.dispose());

const text = Array.from({ length: 4000 }, (_, i) => `line ${i}: the quick brown fox ${i % 97} jumps over ${i * 7919}\n`).join('');
const layer = buildTar([
  { name: 'etc/', typeflag: '5' },
  { name: 'etc/words.txt', data: text },
]);
const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

describe('forensics in a Worker', () => {
  it('names the zlib level of each side and where the deflate streams diverge', async () => {
    const [a, b] = [gzip(layer, { level: 1 }), gzip(layer, { level: 9 })];
    const ev = await pool.forensics({ blob: blob(a), info: null }, { blob: blob(b), info: null }, { zlibLevels: true });
    expect(ev.length).toBeGreaterThan(0);
    expect(ev.every((e) => e.kind === 'compression')).toBe(true);
    const levels = ev.map((e) => e.matchesZlibLevel).filter((l) => l !== undefined);
    expect(levels).toEqual([1, 9]);
    expect(ev.some((e) => typeof e.divergesAt === 'number' && e.divergesAt >= 0)).toBe(true);
  });

  it('says the deflate data is the same when only the gzip header MTIME differs', async () => {
    const a = gzip(layer, { level: 6 });
    const b = a.slice();
    b[4] = 1; // RFC 1952 MTIME, little endian
    const ev = await pool.forensics({ blob: blob(a), info: null }, { blob: blob(b), info: null }, { zlibLevels: false });
    expect(ev.map((e) => e.detail).join(' ')).toMatch(/MTIME/);
    expect(ev.every((e) => e.matchesZlibLevel === undefined)).toBe(true);
  });
});
