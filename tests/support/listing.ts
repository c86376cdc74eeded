/**
 * Test helpers around the outer tar: an OuterListing as the engine builds it (every entry,
 * captured bytes of the files src/image/capture.ts asks for, blobs kept only when JSON-like),
 * and BlobFacts computed honestly from the archive's bytes (node:crypto, node:zlib, zstd CLI).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { TarParser } from '../../src/formats/tar/parser';
import { normalizePath } from '../../src/formats/tar/normalize';
import type { TarEntry } from '../../src/formats/tar/types';
import { isJsonLike, shouldCapture } from '../../src/image/capture';
import type { BlobFacts } from '../../src/image/integrity';
import { toFileRecord } from '../../src/engine/file-record';
import type { FileRecord } from '../../src/report/types';
import type { ImageArchive, OuterListing } from '../../src/image/model';
import { have } from './tools';

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The listing the engine would hand to readLayout. */
export function listingFromTar(bytes: Uint8Array): OuterListing {
  return readOuter(bytes, shouldCapture).listing;
}

/** Listing plus the bytes of every regular entry (for facts). */
export function readOuter(bytes: Uint8Array, capture: (e: TarEntry) => boolean = shouldCapture): { listing: OuterListing; contents: Map<string, Uint8Array> } {
  const entries: TarEntry[] = [];
  const files = new Map<string, Uint8Array>();
  const contents = new Map<string, Uint8Array>();
  const parser = new TarParser({
    entry(e) {
      entries.push(e);
      if (e.type !== 'file' && e.type !== 'contiguous') return null;
      const name = normalizePath(e.name);
      const buf = new Uint8Array(e.size);
      let off = 0;
      return {
        data(c) {
          buf.set(c, off);
          off += c.length;
        },
        end() {
          contents.set(name, buf);
          if (capture(e) && (!name.startsWith('blobs/') || isJsonLike(buf))) files.set(name, buf);
        },
      };
    },
  });
  parser.write(bytes);
  parser.end();
  return { listing: { entries, files }, contents };
}

function isGzip(b: Uint8Array): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function isZstd(b: Uint8Array): boolean {
  return b.length > 4 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd;
}

/** Uncompressed bytes of a layer blob (gzip via node:zlib, zstd via the zstd CLI), or undefined. */
export function uncompress(b: Uint8Array): Uint8Array | undefined {
  if (isGzip(b)) return new Uint8Array(gunzipSync(b));
  if (isZstd(b)) return have('zstd') ? new Uint8Array(execFileSync('zstd', ['-dc'], { input: b, maxBuffer: 1 << 30 })) : undefined;
  return b;
}

/**
 * BlobFacts for every blob the archive references (what the engine computes while scanning):
 * sha256 and size of the stored bytes, diffId of the uncompressed tar (gzip or none).
 */
export function factsFor(archive: ImageArchive, contents: Map<string, Uint8Array>): Map<string, BlobFacts> {
  const facts = new Map<string, BlobFacts>();
  const add = (entry: string | undefined, layer: boolean) => {
    if (!entry || facts.has(entry)) return;
    const b = contents.get(entry);
    if (!b) return;
    const f: BlobFacts = { size: b.length, sha256: sha256(b) };
    if (layer) {
      const raw = uncompress(b);
      if (raw) {
        f.diffId = sha256(raw);
        f.uncompressedSize = raw.length;
      }
    }
    facts.set(entry, f);
  };
  const walk = (idx: ImageArchive['index']) => {
    for (const c of idx?.children ?? []) {
      add(c.blob?.entry, false);
      walk(c);
    }
  };
  walk(archive.index);
  for (const img of archive.images) {
    add(img.manifest?.blob?.entry, false);
    add(img.config.blob?.entry, false);
    for (const l of img.layers) add(l.blob?.entry, true);
  }
  return facts;
}

/** FileRecords of a layer tar (compressed or not), as the engine hands them to mergeLayers. */
export function layerRecords(blob: Uint8Array): FileRecord[] {
  const raw = uncompress(blob);
  if (!raw) throw new Error('layerRecords: cannot decompress this blob here');
  const out: FileRecord[] = [];
  const parser = new TarParser({
    entry(e) {
      if (e.type !== 'file' && e.type !== 'contiguous') {
        out.push(toFileRecord(e));
        return null;
      }
      const h = createHash('sha256');
      return {
        data: (c) => void h.update(c),
        end: () => void out.push(toFileRecord(e, h.digest('hex'))),
      };
    },
  });
  parser.write(raw);
  parser.end();
  return out;
}
