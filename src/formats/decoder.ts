/**
 * createDecoder: the one entry point the engine uses to undo a layer's compression.
 * Each algorithm is a row in a registry (STYLE.md habit 4) rather than a switch; formats
 * tarscope recognises (detect.ts) but cannot decode are rows that refuse with a clear
 * 'unsupported' error naming the format.
 */
import { TarscopeError } from '../io/errors';
import type { Algorithm, Decoder, NoCompressionInfo, OnData } from './compression';
import { GzipDecoder } from './gzip/decoder';
import { createZstdDecoder } from './zstd/decoder';

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

type Factory = (onData: OnData) => Decoder | Promise<Decoder>;

const unsupported =
  (name: string): Factory =>
  () => {
    throw new TarscopeError({
      code: 'unsupported',
      component: 'compression',
      message: `compression: ${name} is not supported (tarscope reads gzip and zstd layers)`,
    });
  };

const DECODERS: Record<Algorithm, Factory> = {
  none: (onData) => new IdentityDecoder(onData),
  gzip: (onData) => new GzipDecoder(onData),
  zstd: (onData) => createZstdDecoder(onData),
  bzip2: unsupported('bzip2'),
  xz: unsupported('xz'),
  lz4: unsupported('lz4 (frame format)'),
  unknown: unsupported('an unknown compression format'),
};

/** Resolves to a fresh decoder; rejects with TarscopeError('unsupported') for bzip2/xz/lz4. */
export async function createDecoder(algorithm: Algorithm, onData: OnData): Promise<Decoder> {
  const factory = DECODERS[algorithm];
  if (!factory) return unsupported(String(algorithm))(onData);
  return factory(onData);
}
