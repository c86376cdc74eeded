/**
 * The one place that maps a compression algorithm to its decoder, for the engine (every
 * scan, listing and extract job) and the tests. Each algorithm is a row in a registry
 * (STYLE.md habit 4) rather than a switch; formats tarscope recognises (detect.ts) but
 * cannot decode are rows that refuse with a clear 'unsupported' error naming the format.
 *
 * The engine's sinks are push-based and synchronous: a tar entry met inside a compressed
 * outer stream must get its decoder without awaiting. So `prepareDecoders()` loads the zstd
 * module once, up front, and resolves to a synchronous `DecoderFactory`; `createDecoder` is
 * the one-off form of the same rows.
 */
import { TarscopeError } from '../io/errors';
import type { Algorithm, Decoder, NoCompressionInfo, OnData } from './compression';
import { GzipDecoder } from './gzip/decoder';
import { ZstdDecoder, loadZstd } from './zstd/decoder';

/** A fresh decoder for `algorithm`, writing to `onData`; throws TarscopeError('unsupported'). */
export type DecoderFactory = (algorithm: Algorithm, onData: OnData) => Decoder;

/** 'none': passes chunks through unchanged and counts them. */
export class IdentityDecoder implements Decoder {
  /** Bytes seen; the uncompressed size. */
  bytes = 0;
  constructor(private readonly onData: OnData) {}
  write(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (chunk.length) this.onData(chunk);
  }
  end(): NoCompressionInfo {
    return { algorithm: 'none' };
  }
}

type ZstdModule = Awaited<ReturnType<typeof loadZstd>>;
type Row = (onData: OnData, zstd: ZstdModule) => Decoder;

const unsupported =
  (name: string): Row =>
  () => {
    throw new TarscopeError({
      code: 'unsupported',
      component: 'compression',
      message: `compression: ${name} is not supported (tarscope reads gzip and zstd layers)`,
    });
  };

const DECODERS: Record<Algorithm, Row> = {
  none: (onData) => new IdentityDecoder(onData),
  gzip: (onData) => new GzipDecoder(onData),
  zstd: (onData, zstd) => new ZstdDecoder(zstd, onData),
  bzip2: unsupported('bzip2'),
  xz: unsupported('xz'),
  lz4: unsupported('lz4 (frame format)'),
  unknown: unsupported('an unknown compression format'),
};

let prepared: Promise<DecoderFactory> | null = null;

/** Resolves (once per Worker) to the synchronous factory, when the zstd module has loaded. */
export function prepareDecoders(): Promise<DecoderFactory> {
  prepared ??= loadZstd().then((zstd) => (algorithm, onData) => (DECODERS[algorithm] ?? unsupported(String(algorithm)))(onData, zstd));
  return prepared;
}

/** Resolves to a fresh decoder; rejects with TarscopeError('unsupported') for bzip2/xz/lz4. */
export async function createDecoder(algorithm: Algorithm, onData: OnData): Promise<Decoder> {
  return (await prepareDecoders())(algorithm, onData);
}
