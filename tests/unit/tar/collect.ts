/** Test helper: run the parser over bytes in chunks of given sizes and keep what it reports. */
import { createHash } from 'node:crypto';
import { TarParser, type TarEntry, type TarSummary } from '../../../src/formats/tar';

export interface Collected {
  entries: TarEntry[];
  /** sha256 of each entry's delivered data, in entry order */
  hashes: string[];
  /** bytes of data delivered per entry */
  lengths: number[];
  summary: TarSummary;
}

/** Splits `bytes` into chunks: `sizes` cycles (e.g. [511, 513]); omitted = one chunk. */
export function* chunks(bytes: Uint8Array, sizes?: number[]): Generator<Uint8Array> {
  if (!sizes) {
    yield bytes;
    return;
  }
  let p = 0;
  let i = 0;
  while (p < bytes.length) {
    const n = sizes[i++ % sizes.length];
    yield bytes.subarray(p, p + n);
    p += n;
  }
}

export function collect(bytes: Uint8Array, sizes?: number[], opts?: { baseOffset?: number; path?: string }): Collected {
  const entries: TarEntry[] = [];
  const hashes: string[] = [];
  const lengths: number[] = [];
  const parser = new TarParser(
    {
      entry(e) {
        entries.push(e);
        const h = createHash('sha256');
        let n = 0;
        let ended = false;
        return {
          data(c) {
            if (ended) throw new Error('data after end');
            h.update(c);
            n += c.length;
          },
          end() {
            if (ended) throw new Error('end twice');
            ended = true;
            hashes.push(h.digest('hex'));
            lengths.push(n);
          },
        };
      },
    },
    opts,
  );
  for (const c of chunks(bytes, sizes)) parser.write(c);
  const summary = parser.end();
  return { entries, hashes, lengths, summary };
}

/** Runs the parser and returns the error it throws (fails the test if none). */
export function errorOf(bytes: Uint8Array, sizes?: number[], opts?: { path?: string }): Error & { code?: string; offset?: number } {
  try {
    collect(bytes, sizes, opts);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the parser to throw');
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
