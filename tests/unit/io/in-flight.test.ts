/**
 * io/in-flight.ts: at most n at a time, in order of start; after a rejection nothing more is
 * started, and the call settles only when every started item has (then with the first error):
 * a job that rejects has nothing of its own still running in the Worker the pool keeps.
 */
import { describe, expect, it } from 'vitest';
import { inFlight } from '../../../src/io/in-flight';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inFlight', () => {
  it('runs every item, at most n at once, started in order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await inFlight([1, 2, 3, 4, 5, 6, 7], 3, async (x) => {
      started.push(x);
      most = Math.max(most, ++running);
      await sleep(5 + (x % 3) * 5);
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('after a rejection starts nothing more, waits for the started ones, and rejects with the first error', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    let settledAt = -1;
    const run = inFlight([1, 2, 3, 4, 5, 6], 2, async (x) => {
      started.push(x);
      if (x === 2) {
        await sleep(5);
        throw new Error('two');
      }
      if (x === 3) {
        await sleep(5);
        throw new Error('three');
      }
      await sleep(x === 1 ? 40 : 5);
      ended.push(x);
    }).catch((e: Error) => {
      settledAt = ended.length;
      return e.message;
    });
    expect(await run).toBe('two');
    // 1 (slow) and 2 start; 2 fails: nothing after it starts, and 1 has ended before the call settles
    expect(started).toEqual([1, 2]);
    expect(ended).toEqual([1]);
    expect(settledAt).toBe(1);
  });
});
