/**
 * The four jobs a worker runs, as plain async functions (worker-api.ts exposes them through
 * Comlink; Node tests and the CLI can call them in-process):
 *  - indexArchive: detect the outer compression by magic bytes and list the outer tar
 *    (seeking when it is uncompressed, streaming everything when it is not);
 *  - scanBlobJob: deep-scan one blob slice (digest, compression, diff_id, files), here;
 *  - extractJob (extract.ts): a few files' bytes out of one layer blob;
 *  - forensicsJob (forensics.ts): why two blobs of the same layer differ.
 * The first two take a ScanRequest (scan-mode.ts) and resolve it here, once.
 */
import type { FileRecord } from '../report/types';
import { detectCompression, looksLikeTar } from '../formats/detect';
import { sniffContent } from '../formats/sniff';
import { readRange } from '../io/read';
import { TarscopeError, toErrorInfo } from '../io/errors';
import { newSha256 } from '../hash/sha256';
import { newXxh64 } from '../hash/xxh64';
import type { BlobHashers, BlobResult } from './blob-sink';
import { scanBlob } from './scan-blob';
import { indexSeek } from './outer-seek';
import { indexStream } from './outer-stream';
import type { IndexResult } from './index-result';
import { prepareDecoders } from '../formats/decoder';
import type { TarHashRun } from '../kernels/tarhash';
import { resolveScanMode, type ScanRequest } from './scan-mode';
import { needsSqlite, readHeldRpm } from '../packages/rpm';

export interface JobOptions {
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
}

/** A scan as a runner is asked for it: what to compute, and where the blob is (errors). */
export interface ScanJobOptions extends JobOptions, ScanRequest {
  path?: string;
  /** Records in batches as the walk goes on (LayerSinkContext.onFiles); the result's are the rest. */
  onFiles?: (batch: FileRecord[]) => void;
}

export type IndexJobOptions = JobOptions & ScanRequest;

let hashersPromise: Promise<BlobHashers> | null = null;
function hashers(): Promise<BlobHashers> {
  // One set per worker: jobs in one worker run one at a time (see pool.ts).
  hashersPromise ??= Promise.all([newSha256(), newSha256(), newSha256(), newXxh64(), newXxh64()]).then(([blob, diff, file, fileXxh64, timesXxh64]) => ({
    blob,
    diff,
    file,
    fileXxh64,
    timesXxh64,
  }));
  return hashersPromise;
}

/** `opts` (a ScanRequest) is the mode of the blobs the listing scans on its way: all of them
 *  in a compressed archive, the small ones in an uncompressed one. */
export async function indexArchive(file: Blob, opts: IndexJobOptions = {}): Promise<IndexResult> {
  const mode = resolveScanMode(opts);
  const head = await readRange(file, 0, 512);
  const algorithm = detectCompression(head);
  if (algorithm === 'gzip' || algorithm === 'zstd') {
    return readRpm(await indexStream(file, algorithm, await hashers(), await prepareDecoders(), mode, opts));
  }
  if (algorithm !== 'none' && algorithm !== 'unknown') {
    return failed(
      new TarscopeError({
        code: 'unsupported',
        component: 'archive',
        message: `the file is ${algorithm}-compressed; tarscope reads tar, tar.gz and tar.zst`,
        offset: 0,
      }),
    );
  }
  const allZero = head.length === 512 && head.every((b) => b === 0);
  if (head.length < 512 || (!looksLikeTar(head) && !allZero)) return failed(notTar(head));
  return readRpm(await indexSeek(file, await hashers(), await prepareDecoders(), mode, opts));
}

/** The sqlite step of the blobs a listing scanned on its way (see scanBlobJob). */
async function readRpm(r: IndexResult): Promise<IndexResult> {
  for (const b of r.blobs.values()) await readRpmOf(b);
  return r;
}

/** An rpmdb.sqlite was captured: the sqlite engine is loaded (once a Worker or thread, only
 *  then: src/kernels/sqlite.ts) and reads it (src/packages/rpm.ts). */
async function readRpmOf(b: BlobResult): Promise<BlobResult> {
  const pk = b.layer?.packages;
  if (pk && needsSqlite(pk)) await readHeldRpm(pk, async () => (await import('../kernels/sqlite')).openSqlite);
  return b;
}

/**
 * A file that is not a tar: what it looks like when its first bytes say (formats/sniff.ts:
 * "the file is text", "a PNG image"), a file too short for one tar header (truncated where it
 * ends, not "at offset 0"), or the header that is not one.
 */
function notTar(head: Uint8Array): TarscopeError {
  const kind = sniffContent(head);
  const size = head.length < 512 ? ` (${head.length} bytes)` : '';
  if (kind) {
    return new TarscopeError({
      code: 'unsupported',
      component: 'archive',
      message: `not a tar archive: the file is ${kind}${size}; tarscope reads tar, tar.gz and tar.zst`,
    });
  }
  if (head.length === 0) return new TarscopeError({ code: 'corrupt', component: 'archive', message: 'not a tar archive: the file is empty', offset: 0 });
  if (head.length < 512) {
    return new TarscopeError({
      code: 'truncated',
      component: 'archive',
      message: `not a tar archive: the file ends after ${head.length} bytes, inside what would be its first tar header (512 bytes)`,
      offset: head.length,
    });
  }
  return new TarscopeError({
    code: 'corrupt',
    component: 'archive',
    message: 'not a tar archive: the first 512 bytes are not a tar header (bad checksum, no ustar magic) and not gzip or zstd',
    offset: 0,
  });
}

function failed(e: TarscopeError): IndexResult {
  return {
    mode: 'seek',
    outerCompression: null,
    entries: [],
    files: new Map(),
    fileDigests: new Map(),
    tar: null,
    blobs: new Map(),
    bytesRead: 0,
    error: toErrorInfo(e),
  };
}

/**
 * Kernel runs, one per concurrent scan (a Worker runs one job at a time, the in-process
 * runner may run several): each holds a 1 MiB input buffer in the kernel's memory. The
 * kernel is loaded on the first scan that walks a layer (never for the page's first paint);
 * if it cannot load (wasm disabled, asset missing) scans use hash-wasm, with one warning.
 */
let kernelPromise: Promise<{ newRun(): TarHashRun } | null> | null = null;
const idleRuns: TarHashRun[] = [];

async function acquireRun(): Promise<TarHashRun | null> {
  kernelPromise ??= import('../kernels/tarhash')
    .then((m) => m.loadTarHash())
    .catch((e) => {
      console.warn(`tarscope: the tarhash kernel did not load, hashing with hash-wasm instead (${(e as Error)?.message ?? e})`);
      return null;
    });
  const k = await kernelPromise;
  return k ? (idleRuns.pop() ?? k.newRun()) : null;
}

/** Loads the kernel ahead of the first scan (the coordinator's warm-up while the page is idle),
 *  and what every listing and scan awaits before its first byte: the decoders (the zstd module)
 *  and the hash-wasm hashers. */
export async function warmKernel(): Promise<boolean> {
  const [run] = await Promise.all([acquireRun(), prepareDecoders(), hashers()]);
  if (run) idleRuns.push(run);
  return run !== null;
}

export async function scanBlobJob(blob: Blob, opts: ScanJobOptions = {}): Promise<BlobResult> {
  const mode = resolveScanMode(opts);
  // A run also serves a digest-only scan (verification): it hashes the stream without a walk.
  const run = mode.kernel && mode.read !== 'blob' ? await acquireRun() : null;
  try {
    return await readRpmOf(
      await scanBlob(blob, await hashers(), await prepareDecoders(), mode, {
        signal: opts.signal,
        onBytes: opts.onBytes,
        path: opts.path,
        run: run ?? undefined,
        onFiles: opts.onFiles,
      }),
    );
  } finally {
    if (run) idleRuns.push(run);
  }
}
