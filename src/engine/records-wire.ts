/**
 * A scanned blob's file records on their way from a job Worker to the coordinator: as one JSON
 * text instead of structured-cloned objects. Structured clone gives every record's object its
 * properties out of line and every string of every record a copy of its own; JSON.parse makes
 * records that share their shape, with their properties in-object. For 200,000 report elements
 * of the same kind the objects held 149 MB cloned and 29 MB parsed (src/engine/report-parts.ts),
 * and a text crosses postMessage as one copy. Records are JSON (docs/report-schema.md): nothing
 * is lost on the way (lone surrogates in names are escaped by JSON.stringify and restored).
 * A layer's records leave the Worker in batches as the walk goes on (layer-sink.ts `onFiles`), so
 * the Worker never holds them all: the pool joins the batches and the rest (`joinBatches`).
 */
import type { BlobResult } from './blob-sink';
import type { FileRecord } from '../report/types';
import type { LayerFacts } from './layer-sink';

/** BlobResult with its records as text (`layer.files` and `partialFiles`). */
export interface WireBlobResult extends Omit<BlobResult, 'layer' | 'partialFiles'> {
  layer: (Omit<LayerFacts, 'files'> & { files: string }) | null;
  partialFiles?: string;
}

export function packBlobResult(r: BlobResult): WireBlobResult {
  const { layer, partialFiles, ...rest } = r;
  return {
    ...rest,
    layer: layer && { ...layer, files: JSON.stringify(layer.files) },
    ...(partialFiles ? { partialFiles: JSON.stringify(partialFiles) } : {}),
  };
}

export function unpackBlobResult(w: WireBlobResult): BlobResult {
  const { layer, partialFiles, ...rest } = w;
  return {
    ...rest,
    layer: layer && { ...layer, files: JSON.parse(layer.files) as FileRecord[] },
    ...(partialFiles !== undefined ? { partialFiles: JSON.parse(partialFiles) as FileRecord[] } : {}),
  };
}

/** The result with the batches handed on during the walk (LayerSinkContext.onFiles) put back in
 *  front of its own records, in the order they were read. */
export function joinBatches(r: BlobResult, batches: FileRecord[][]): BlobResult {
  if (!batches.length) return r;
  const join = (rest: FileRecord[]): FileRecord[] => {
    const all: FileRecord[] = [];
    for (const b of batches) for (const f of b) all.push(f);
    for (const f of rest) all.push(f);
    return all;
  };
  if (r.layer) return { ...r, layer: { ...r.layer, files: join(r.layer.files) } };
  return { ...r, partialFiles: join(r.partialFiles ?? []) };
}
