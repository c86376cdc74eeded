/**
 * A layer blob that was read in full, decompressed as its magic bytes say, and is not a tar.
 * Before issue 12 such a layer (1 MiB of random bytes with correct digests) was shown as
 * "files —" with every integrity check passed and exit 0: it is an error of that layer now
 * (`inspect` exit 1, "a layer could not be read").
 *
 * Only layers that claim to be tars: those of images (attestation manifests' "layers" are
 * in-toto JSON) whose media type names a tar, or that have none (docker save before 25).
 * An empty blob is an empty archive (GNU tar lists it without complaint): not an error.
 */
import type { ImageRecord } from '../image/model';
import type { ErrorInfo } from '../io/errors';
import type { BlobResult } from './blob-sink';

const TAR_MEDIA_TYPE = /(?:^|[./+])tar(?:$|[.+])/;

const WHAT: Record<string, string> = {
  gzip: 'gzip inside gzip: its decompressed content is another gzip stream, not a tar',
  zstd: 'zstd inside the layer: its content is a zstd stream, not a tar',
  bzip2: 'its content is a bzip2 stream, not a tar',
  xz: 'its content is an xz stream, not a tar',
  lz4: 'its content is an lz4 stream, not a tar',
};

export function notTarError(img: ImageRecord, b: BlobResult | undefined, entry: string | undefined, mediaType: string | null): ErrorInfo | null {
  const facts = b?.layer;
  if (!facts || b.error || facts.isTar || !facts.notTar || facts.notTar === 'empty') return null;
  if (img.kind !== 'image' || (mediaType !== null && !TAR_MEDIA_TYPE.test(mediaType))) return null;
  const compressed = b.compression && b.compression.algorithm !== 'none' && b.compression.algorithm !== 'unknown' ? b.compression.algorithm : null;
  const what =
    (compressed && WHAT[facts.notTar]) ??
    (compressed
      ? `its ${compressed}-decompressed content is not a tar (no tar header at offset 0)`
      : 'it is not a tar (no tar header at offset 0) and no compression it could be in');
  const where = entry ?? 'layer';
  return { code: 'corrupt', component: 'layer', message: `layer: ${where}: ${what}`, path: where };
}
