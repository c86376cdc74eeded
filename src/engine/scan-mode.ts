/**
 * What a scan of one blob computes: the one vocabulary shared by whoever asks for a scan
 * (archive-read.ts, verify-digests.ts, the listing in jobs.ts), whatever carries the request
 * (JobRunner: pool.ts across Comlink, inline.ts, the worker_threads of src/node) and the
 * sinks that do the work (scan-blob.ts, blob-sink.ts, layer-sink.ts).
 *
 * A caller sends a `ScanRequest` (any field left out takes its default); the job resolves it
 * once (`resolveScanMode`, in jobs.ts) and the sinks read the resolved `ScanMode`, with no
 * defaults of their own. Each field says one thing, so there is one way to say each:
 *
 *   read      what the scan does                         computes
 *   'blob'    hashes the bytes as stored                 blob SHA-256
 *   'stream'  also decompresses them                     + diff_id (SHA-256 of the stream)
 *   'files'   also walks the tar                         + every entry, files hashed per `fileHashes`
 *
 * The SHA-256s only with `digests`. A blob that is not compressed has no separate stream (its
 * diff_id is its digest); one whose content is not a tar (an attestation) is not walked.
 */

/** How far into a blob a scan goes (table above). */
export type ScanRead = 'blob' | 'stream' | 'files';

/** Per regular file, when the tar is walked: nothing (a listing), XXH64 (equality, the
 *  comparison's currency), or SHA-256 as well (what the inspection report shows). */
export type FileHashes = 'none' | 'xxh64' | 'sha256';

export interface ScanMode {
  read: ScanRead;
  /** SHA-256 of the blob and of its uncompressed stream (the diff_id). False: a comparison's
   *  fast scan, whose digests verify-digests.ts computes afterwards (results carry null). */
  digests: boolean;
  fileHashes: FileHashes;
  /** Hash with the tarhash wasm kernel when it loads (src/kernels/tarhash.ts). False forces
   *  the hash-wasm reference path (differential tests, profiling); results are identical. */
  kernel: boolean;
  /** Allow the platform's DecompressionStream for gzip blobs (scan-blob.ts); false: always
   *  the pure decoder. */
  fastGzip: boolean;
}

/** A scan as asked for: the fields of ScanMode that differ from the full scan. */
export type ScanRequest = Partial<ScanMode>;

/** The default: everything an inspection shows. */
export const FULL_SCAN: Readonly<ScanMode> = { read: 'files', digests: true, fileHashes: 'sha256', kernel: true, fastGzip: true };

/** The one place defaults are filled in. */
export function resolveScanMode(req: ScanRequest = {}): ScanMode {
  return {
    read: req.read ?? FULL_SCAN.read,
    digests: req.digests ?? FULL_SCAN.digests,
    fileHashes: req.fileHashes ?? FULL_SCAN.fileHashes,
    kernel: req.kernel ?? FULL_SCAN.kernel,
    fastGzip: req.fastGzip ?? FULL_SCAN.fastGzip,
  };
}
