/**
 * Feeds bytes to a tarhash run as TarParser would: `data` in pieces of `piece` bytes, files at
 * `spans` ([start, end) in stream offsets), each file's spans reported per piece. Shared by the
 * kernel tests.
 */
import type { FileDigests, FileHashes, TarHash } from '../../../src/kernels/tarhash';

export interface SpanRunOptions {
  withStream?: boolean;
  files?: FileHashes;
  capacity?: number;
  opsCap?: number;
  /** Piece sizes in turn (cycled) instead of a fixed `piece`: odd boundaries. */
  pieces?: number[];
}

export function runSpans(
  k: TarHash,
  data: Uint8Array,
  spans: [number, number][],
  piece: number,
  o: SpanRunOptions = {},
): { stream: string | null; files: FileDigests[] } {
  const withStream = o.withStream ?? true;
  const sizes = o.pieces ?? [piece];
  const run = k.newRun(o.capacity ?? Math.max(...sizes, 64), o.opsCap);
  const files: FileDigests[] = [];
  run.begin(withStream, o.files);
  let fi = 0;
  let inFile = false;
  for (let at = 0, n = 0; at < data.length || (at === 0 && data.length === 0); n++) {
    const p = data.subarray(at, Math.min(data.length, at + sizes[n % sizes.length]));
    run.chunk(p);
    // Walk the spans that touch this piece, as TarParser would deliver them.
    while (fi < spans.length) {
      const [s, e] = spans[fi];
      if (!inFile && s >= at + p.length && !(s === e && s === at + p.length)) break;
      if (!inFile) {
        run.fileBegin();
        inFile = true;
      }
      const from = Math.max(s, at);
      const to = Math.min(e, at + p.length);
      if (to > from) run.fileData(p.subarray(from - at, to - at));
      if (e <= at + p.length) {
        const slot = fi;
        run.fileEnd((d) => {
          files[slot] = d;
        });
        inFile = false;
        fi++;
      } else break;
    }
    run.flush();
    if (!data.length) break;
    at += p.length;
  }
  const stream = withStream ? run.streamDigest() : null;
  run.dispose();
  return { stream, files };
}
