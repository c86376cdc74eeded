/** Node implementations of the image builders' hooks (hashing, layer compression). */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ImageHooks } from '../builders/image';

export const nodeHooks: ImageHooks = {
  sha256: (b) => 'sha256:' + createHash('sha256').update(b).digest('hex'),
  gzip: (b) => new Uint8Array(gzipSync(b)),
};

export function sha256hex(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}
