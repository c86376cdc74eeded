/**
 * Where the bytes of a difference are: the layer blob of a side (a slice of an uncompressed
 * archive) or, for plain tars, the outer entry itself. Archives read by streaming (a
 * gzip/zstd-compressed outer file, IndexResult.mode 'stream') have no such slices: their
 * layers are only inside the decompressed stream, so evidence is skipped with that reason.
 */
import type { ArchiveRead } from '../../engine/archive-read';
import type { CompressionInfo } from '../../formats/compression';
import { normalizePath } from '../../formats/tar/normalize';

export interface BlobPlace {
  /** Key of the blob within the comparison: "a:blobs/sha256/ab…". */
  key: string;
  side: 'a' | 'b';
  entry: string;
  blob: Blob;
  size: number;
  info: CompressionInfo | null;
}

export type Located<T> = { ok: true; place: T } | { ok: false; why: string };

const SIDE = ['A', 'B'];

function streamed(r: ArchiveRead, s: number): string | null {
  if (!r.index) return `${SIDE[s]} could not be listed`;
  if (r.index.mode === 'stream') {
    const alg = r.index.outerCompression?.algorithm ?? 'compressed';
    return `${SIDE[s]} is a ${alg}-compressed archive: its layers are not seekable slices of the file, and content evidence would mean decompressing it again`;
  }
  return null;
}

/** The blob of layer `layer` of image `image` on side `s`. */
export function layerBlob(r: ArchiveRead, s: 0 | 1, image: number | undefined, layer: number | undefined): Located<BlobPlace> {
  const why = streamed(r, s);
  if (why) return { ok: false, why };
  const img = image === undefined ? undefined : r.archive?.images[image];
  const ref = img?.layers.find((l) => l.index === layer) ?? (layer !== undefined ? img?.layers[layer] : undefined);
  if (!ref?.blob) return { ok: false, why: `${SIDE[s]}: the layer's blob is not in the archive` };
  const e = r.index!.entries.find((x) => normalizePath(x.name) === ref.blob!.entry);
  if (!e) return { ok: false, why: `${SIDE[s]}: ${ref.blob.entry} is not in the listing` };
  return entryPlace(r, s, ref.blob.entry, e.dataOffset, e.size);
}

/** A regular entry of the outer tar (the files of a plain tar). */
export function outerEntry(r: ArchiveRead, s: 0 | 1, path: string, occurrence: number): Located<BlobPlace> {
  const why = streamed(r, s);
  if (why) return { ok: false, why };
  let n = 0;
  const e = r.index!.entries.find((x) => normalizePath(x.name) === path && ++n === occurrence);
  if (!e) return { ok: false, why: `${SIDE[s]}: ${path} is not in the listing` };
  return entryPlace(r, s, path, e.dataOffset, e.size);
}

function entryPlace(r: ArchiveRead, s: 0 | 1, entry: string, start: number, size: number): Located<BlobPlace> {
  if (start + size > r.file.size) return { ok: false, why: `${SIDE[s]}: ${entry} ends after the end of the file (truncated archive)` };
  const side = s === 0 ? 'a' : 'b';
  return {
    ok: true,
    place: { key: `${side}:${entry}`, side, entry, blob: r.file.slice(start, start + size), size, info: r.blobs.get(entry)?.compression ?? null },
  };
}
