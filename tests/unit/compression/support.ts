/**
 * Shared helpers for the compression tests: fixtures made by the real writers (GNU tar,
 * gzip, pigz, zstd) under tests/.fixtures/compression/, and a driver that feeds a decoder
 * in a chosen chunking and hashes what comes out.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import type { CompressionInfo, Decoder, OnData } from '../../../src/formats/compression';
import { fixturePath, readBytes, sh } from '../../support/tools';

export const DIR = fixturePath('compression', 'x').replace(/\/x$/, '');

/** Makes `name` in the fixture dir with `script` (run in that dir) unless it exists. */
export function fixture(name: string, script: string): string {
  const p = `${DIR}/${name}`;
  if (!existsSync(p)) sh(script, { cwd: DIR });
  if (!existsSync(p)) throw new Error(`fixture script did not make ${name}`);
  return p;
}

/**
 * base.tar: a real GNU tar of /usr/include/linux (~7 MB of varied text), reproducible flags.
 * small.tar: a ~100 KB one, for the 1-byte-chunk runs.
 */
export function baseTar(): string {
  return fixture(
    'base.tar',
    'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf base.tar.tmp -C /usr/include linux && mv base.tar.tmp base.tar',
  );
}

export function smallTar(): string {
  return fixture(
    'small.tar',
    'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf small.tar.tmp -C /usr/include/linux netfilter && head -c 100000 small.tar.tmp > small.tar && rm small.tar.tmp',
  );
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): string {
  return sh(`sha256sum "${path}"`).split(' ')[0];
}

export type Chunking = 'one-shot' | 'bytes' | 'odd' | 'large';

export function* chunks(data: Uint8Array, how: Chunking): Generator<Uint8Array> {
  if (how === 'one-shot') {
    yield data;
    return;
  }
  if (how === 'bytes') {
    for (let i = 0; i < data.length; i++) yield data.subarray(i, i + 1);
    return;
  }
  // odd: sizes cycling through primes, so boundaries fall everywhere (headers, trailers)
  const sizes = how === 'odd' ? [1, 7, 13, 3, 509, 2, 8191, 5, 65537] : [4 * 1024 * 1024];
  let k = 0;
  for (let i = 0; i < data.length; ) {
    const n = sizes[k++ % sizes.length];
    yield data.subarray(i, i + n);
    i += n;
  }
}

export interface Decoded<I extends CompressionInfo = CompressionInfo> {
  sha256: string;
  size: number;
  info: I;
  /** Output, only when `keep` was asked for. */
  bytes?: Uint8Array;
}

/** Feeds `data` to a fresh decoder in the given chunking; hashes the output. */
export async function decode<I extends CompressionInfo>(
  make: (onData: OnData) => Decoder | Promise<Decoder>,
  data: Uint8Array,
  how: Chunking = 'odd',
  keep = false,
): Promise<Decoded<I>> {
  const h = createHash('sha256');
  let size = 0;
  const kept: Uint8Array[] = [];
  const dec = await make((c) => {
    h.update(c);
    size += c.length;
    if (keep) kept.push(c.slice());
  });
  for (const c of chunks(data, how)) dec.write(c);
  const info = dec.end() as I;
  return { sha256: h.digest('hex'), size, info, bytes: keep ? Buffer.concat(kept) : undefined };
}

/** Runs `fn` and returns the error it throws (fails the test if it does not). */
export async function errorOf(fn: () => unknown): Promise<Error & { code?: string; offset?: number }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { code?: string; offset?: number };
  }
  throw new Error('expected an error, none was thrown');
}

export function write(name: string, bytes: Uint8Array): string {
  const p = `${DIR}/${name}`;
  writeFileSync(p, bytes);
  return p;
}

export { readBytes, sh };
