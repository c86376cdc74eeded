/**
 * A synchronous decoder factory for the push-based sinks: a tar entry met inside a
 * compressed outer stream must get its decoder without awaiting, so the zstd module is
 * loaded once up front and decoders are then constructed directly.
 */
import { IdentityDecoder } from '../formats/decoder';
import { TarscopeError } from '../io/errors';
import { GzipDecoder } from '../formats/gzip/decoder';
import { ZstdDecoder, loadZstd } from '../formats/zstd/decoder';
import type { DecoderFactory } from './blob-sink';

let factory: Promise<DecoderFactory> | null = null;

export function prepareDecoders(): Promise<DecoderFactory> {
  factory ??= loadZstd().then((mod) => (algorithm, onData) => {
    switch (algorithm) {
      case 'none':
        return new IdentityDecoder(onData);
      case 'gzip':
        return new GzipDecoder(onData);
      case 'zstd':
        return new ZstdDecoder(mod, onData);
      default:
        throw new TarscopeError({
          code: 'unsupported',
          component: 'compression',
          message: `compression: ${algorithm} is not supported (tarscope reads gzip and zstd layers)`,
        });
    }
  });
  return factory;
}
