/** Profile stages for the tarhash kernel (src/kernels/tarhash.ts), beside the hash-wasm ones. */
import type { ExtraStage } from './profile-scan-stages';
import { readChunks } from '../src/io/read';
import { TarParser, type EntrySink } from '../src/formats/tar/parser';
import type { TarEntry } from '../src/formats/tar/types';
import { GzipDecoder } from '../src/formats/gzip/decoder';
import { inflateFast, isDecompressionStreamAvailable } from '../src/formats/gzip/fast';
import { loadTarHash, type TarHashRun } from '../src/kernels/tarhash';

function fused(run: TarHashRun, withFiles: boolean, withStream: boolean) {
  run.begin(withStream);
  const p = new TarParser({
    entry(e: TarEntry): EntrySink | null {
      if (!withFiles || e.type !== 'file' || e.size === 0) return null;
      run.fileBegin();
      return { data: (c) => run.fileData(c), end: () => run.fileEnd(() => {}) };
    },
  });
  return (chunk: Uint8Array) => {
    for (let at = 0; at < chunk.length; at += run.capacity) {
      const piece = chunk.subarray(at, at + run.capacity);
      run.chunk(piece);
      p.write(piece);
      run.flush();
    }
  };
}

async function inflate(gz: Blob, onData: (c: Uint8Array) => void): Promise<void> {
  if (isDecompressionStreamAvailable() && (await inflateFast(gz, onData))) return;
  const d = new GzipDecoder(onData);
  for await (const c of readChunks(gz)) d.write(c);
  d.end();
}

export async function kernelStages(): Promise<Record<string, ExtraStage>> {
  const k = await loadTarHash();
  const run = k.newRun();
  return {
    'tar: read + SHA-256 of stream (kernel)': async (tar) => {
      const w = fused(run, false, true);
      for await (const c of readChunks(tar)) w(c);
      return run.streamDigest();
    },
    'tar: read + walk + file SHA-256 (kernel)': async (tar) => {
      const w = fused(run, true, false);
      for await (const c of readChunks(tar)) w(c);
    },
    'tar: read + walk + stream and file SHA-256 fused (kernel)': async (tar) => {
      const w = fused(run, true, true);
      for await (const c of readChunks(tar)) w(c);
      return run.streamDigest();
    },
    'gz: inflate + diff_id + walk + file SHA-256 fused (kernel)': async (_tar, gz) => {
      const w = fused(run, true, true);
      await inflate(gz, w);
      return run.streamDigest();
    },
  };
}
