/**
 * The fast path: inflate a gzip Blob with the platform's DecompressionStream('gzip')
 * (native zlib, ~2x pako in Chromium, see building-blocks.md), for the common case of one
 * member and nothing after it. Everything else goes to GzipDecoder.
 *
 * CONTRACT. `inflateFast(blob, onData)` either
 *   - resolves to GzipInfo: onData has received exactly the decompressed bytes, in order;
 *   - resolves to null: the fast path does not apply (no DecompressionStream, a platform
 *     that does not reject concatenated members, several members, zero padding, trailing
 *     garbage, any damage). onData MAY ALREADY HAVE RECEIVED OUTPUT, possibly a prefix of
 *     the right bytes, possibly only member 1's bytes. The caller must discard all of it
 *     and start again from the beginning of the blob with GzipDecoder, which also gives
 *     the precise error message for damaged input. The blob is re-readable, so this costs
 *     a second read only in the rare cases;
 *   - rejects: the signal was aborted (AbortError), or onData threw (that error, as is).
 *
 * WHY IT CANNOT SILENTLY PRODUCE WRONG OUTPUT. The danger is a DecompressionStream that
 * stops after member 1 and ignores the rest (or, like Node's, that decodes all members and
 * skips zero padding, so per-member facts and padding would go unreported). Output size and
 * CRC checks against the trailer in the last 8 bytes of the blob do not catch that alone:
 * for `cat a.gz a.gz` member 1 and the last member have the same CRC and ISIZE. So:
 *   1. The platform is probed once (memoised) with two concatenated members and with one
 *      member plus a zero byte. The fast path is used only if both are rejected, which is
 *      what the Compression Streams spec requires (trailing data after the end of the
 *      compressed stream is a TypeError) and what Chromium, Firefox and Safari do. Node's
 *      implementation accepts both, so in Node this returns null and GzipDecoder runs.
 *   2. With such a strict implementation, success means the whole blob was one member with
 *      no byte after it: any byte after member 1's trailer would have been rejected. So
 *      the compressed bytes consumed equal the blob size, and the single member's CRC32 and
 *      ISIZE were verified by the platform's zlib.
 *   3. Independently, the output size modulo 2^32 must equal the ISIZE stored in the blob's
 *      last 4 bytes (RFC 1952 2.3.1), and the first member header must parse here (it also
 *      gives GzipInfo the header fields DecompressionStream does not expose).
 * The residual assumption is that an implementation strict on the probe is strict on large
 * inputs too, i.e. that it does not forget the end-of-stream state between chunks.
 */
import { readChunks } from '../../io/read';
import type { GzipInfo, OnData } from '../compression';
import { GzipHeaderParser } from './header';

const READ_SIZE = 4 * 1024 * 1024;
/**
 * Compressed bytes handed to DecompressionStream per write. Its transform inflates a written
 * chunk whole and queues all of that output at once, whatever the reader's pace; deflate
 * expands at most ~1032:1, so a 4 MiB read of a gzip bomb (4 GiB of zeros in ~4 MB) queued
 * ~4 GiB in the page (issue 12: +4.2 GB). 32 KiB pieces bound one write's output to ~33 MiB,
 * and the stream's backpressure holds the next write until the reader has taken it: inflated
 * output is consumed as fast as it is produced. (32 KiB writes cost nothing measurable next
 * to inflating them.)
 */
const WRITE_PIECE = 32 * 1024;
const TWO_32 = 4294967296;

export function isDecompressionStreamAvailable(): boolean {
  return typeof DecompressionStream === 'function';
}

/** Two members "a", "b" (gzip -n output, also made in tests) and one member + a zero. */
const MEMBER_A = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x04, 0, 0x43, 0xbe, 0xb7, 0xe8, 1, 0, 0, 0];
const MEMBER_B = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x02, 0, 0xf9, 0xef, 0xbe, 0x71, 1, 0, 0, 0];

let strict: Promise<boolean> | null = null;

/**
 * Does this platform's DecompressionStream('gzip') reject concatenated members and
 * trailing zeros (and decode one member correctly)? Memoised.
 */
export function decompressionStreamIsStrict(): Promise<boolean> {
  if (!strict) {
    strict = (async () => {
      if (!isDecompressionStreamAvailable()) return false;
      const run = async (bytes: number[]): Promise<string | null> => {
        try {
          const out = await new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
          return new TextDecoder().decode(out);
        } catch {
          return null;
        }
      };
      const one = await run(MEMBER_A);
      const two = await run([...MEMBER_A, ...MEMBER_B]);
      const padded = await run([...MEMBER_A, 0]);
      return one === 'a' && two === null && padded === null;
    })();
  }
  return strict;
}

/** See the contract at the top of this file. */
/** `onRead(chunk)`: the next compressed bytes read from the blob, before they are inflated (for
 *  progress, or to hash the blob in the same read; a view valid during the call only);
 *  `chunkSize`: read size (smaller lets a consumer that stops early read less past where it
 *  stopped). */
export async function inflateFast(
  blob: Blob,
  onData: OnData,
  signal?: AbortSignal,
  onRead?: (chunk: Uint8Array) => void,
  chunkSize?: number,
): Promise<GzipInfo | null> {
  signal?.throwIfAborted();
  // 10-byte header + at least 2 bytes of deflate + 8-byte trailer.
  if (blob.size < 20 || !(await decompressionStreamIsStrict())) return null;

  const header = await readHeader(blob);
  if (!header) return null;
  const tail = new Uint8Array(await blob.slice(blob.size - 8).arrayBuffer());
  const storedCrc = (tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24)) >>> 0;
  const isize = (tail[4] | (tail[5] << 8) | (tail[6] << 16) | (tail[7] << 24)) >>> 0;
  signal?.throwIfAborted();

  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const output = ds.readable.getReader();
  let consumerError = null as { e: unknown } | null;

  const pump = (async () => {
    // One reused read buffer (io/read.ts `reuse`): every write of a chunk is awaited before the
    // next read, and a write resolves once the transform has inflated it, so no earlier
    // chunk is still queued in the stream when the next read takes the buffer back. (A fresh
    // 4 MiB buffer per read is what made two Workers' reads ~3x slower in Chromium.)
    try {
      for await (const chunk of readChunks(blob, { chunkSize, reuse: true, signal })) {
        onRead?.(chunk);
        for (let at = 0; at < chunk.length; at += WRITE_PIECE) await writer.write(chunk.subarray(at, at + WRITE_PIECE) as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (e) {
      // A read that failed (or was cancelled) ends the stream: the read side would wait forever.
      await writer.abort(e).catch(() => {});
      throw e;
    }
  })();
  // A DecompressionStream error rejects both sides; the read side reports it.
  pump.catch(() => {});

  // Abort wakes a pending read (it resolves as done); the checks below then throw.
  const onAbort = () => void output.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });

  let total = 0;
  try {
    for (;;) {
      const { value, done } = await output.read();
      if (done) break;
      signal?.throwIfAborted();
      total += value.length;
      try {
        onData(value);
      } catch (e) {
        consumerError = { e };
        throw e;
      }
    }
    signal?.throwIfAborted();
    await pump;
  } catch {
    output.cancel().catch(() => {});
    writer.abort().catch(() => {});
    // The pump stops at its next read or write; wait for it: nothing of this call may run on
    // (onRead may hash into a Worker's shared hasher, and the pool keeps that Worker).
    await pump.catch(() => {});
    if (consumerError) throw consumerError.e;
    signal?.throwIfAborted();
    // DecompressionStream refused the input: not one clean member. GzipDecoder decides.
    return null;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (total % TWO_32 !== isize) return null;
  return {
    algorithm: 'gzip',
    members: [{ offset: 0, header, compressedSize: blob.size, uncompressedSize: total, crc32: storedCrc, isize }],
    trailingBytes: 0,
    trailingZeros: false,
    inflater: 'DecompressionStream',
  };
}

/** The first member's header, read in growing slices (FEXTRA/FNAME can be long); null if bad. */
async function readHeader(blob: Blob) {
  const parser = new GzipHeaderParser();
  let pos = 0;
  let step = 4096;
  try {
    while (!parser.done && pos < blob.size) {
      const bytes = new Uint8Array(await blob.slice(pos, pos + step).arrayBuffer());
      parser.push(bytes, 0);
      pos += bytes.length;
      step = Math.min(step * 4, READ_SIZE);
    }
  } catch {
    return null;
  }
  return parser.header;
}
