// Issue 12's "bomb": an oci-archive of one gzip layer whose tar holds one file of `bytes` zeros
// (4 GiB by default: ~4 MiB of gzip, deflate's ~1032:1 on zeros). The page must read it as any
// other layer, memory bounded. Written by Node's zlib (level 9) from a stream of zeros, the
// layer's diff_id hashed on the way.
import { createHash } from 'node:crypto';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { MEDIA, packOciArchive, sha256File, writeOciLayout } from './image-writer.mjs';

const GENERATOR_VERSION = 1;
const T0 = 1_700_000_000;

export const stampFor = (bytes) => ({ generator: 'data-bomb', version: GENERATOR_VERSION, bytes });

/** A ustar header (checksum filled in) for a regular file `name` of `size` bytes. */
function ustarHeader(name, size) {
  const b = Buffer.alloc(512);
  const oct = (n, len) => `${n.toString(8).padStart(len - 1, '0')}\0`;
  b.write(name, 0);
  b.write(oct(0o644, 8), 100);
  b.write(oct(0, 8), 108);
  b.write(oct(0, 8), 116);
  b.write(oct(size, 12), 124);
  b.write(oct(T0, 12), 136);
  b.write('        ', 148);
  b.write('0', 156);
  b.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return b;
}

/** The layer tar as a stream: header, `bytes` zeros, padding, end-of-archive. */
function* layerTar(bytes) {
  yield ustarHeader('zeros', bytes);
  const zeros = Buffer.alloc(1 << 20);
  for (let left = bytes; left > 0; left -= zeros.length) yield left >= zeros.length ? zeros : zeros.subarray(0, left);
  yield Buffer.alloc(((512 - (bytes % 512)) % 512) + 1024);
}

/** Writes the archive into `dir`; returns its meta (path, sizes, digests). */
export async function makeBombArchive(dir, { bytes, log = () => {} }) {
  const t = performance.now();
  const gz = join(dir, 'layer.tar.gz');
  const diff = createHash('sha256');
  let uncompressed = 0;
  const source = Readable.from(
    (function* () {
      for (const c of layerTar(bytes)) {
        diff.update(c);
        uncompressed += c.length;
        yield c;
      }
    })(),
    { objectMode: false },
  );
  await pipeline(source, createGzip({ level: 9 }), createWriteStream(gz));
  const digest = await sha256File(gz);
  const size = statSync(gz).size;
  const layout = join(dir, 'layout');
  writeOciLayout(layout, [{ path: gz, mediaType: MEDIA.gzip, digest, size, diffId: `sha256:${diff.digest('hex')}`, createdBy: `zeros (${bytes} bytes)` }], {
    created: new Date(T0 * 1000).toISOString(),
    refName: 'bomb',
  });
  const archive = packOciArchive(layout, join(dir, 'bomb.tar'), T0);
  log(`bomb: ${bytes} bytes of zeros → ${size} bytes of gzip (${(uncompressed / size).toFixed(0)}:1) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { path: archive.path, size: archive.size, layer: { digest, size, uncompressedSize: uncompressed, zeros: bytes } };
}
