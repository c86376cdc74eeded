/** The image model's public API (see README.md). */
export { shouldCapture, isJsonLike, CAPTURE_LIMIT } from './capture';
export { readLayout, LAYOUTS, type LayoutReader } from './layouts/registry';
export { checkIntegrity, type BlobFacts, type IntegrityCheck, type IntegrityKind } from './integrity';
export { mergeLayers, type MergedFile, type MergedFs } from './merge';
export { imageEfficiency, TOP_WASTED, type ImageEfficiency, type WastedFile } from './efficiency';
export { layerChanges, layerChangeMarks, walkLayerChanges, type ChangeKind, type ChangeTotal, type LayerChanges } from './layer-changes';
export type { FileRecord } from './file-record';
export { normalizeName, parseJson, digestFromName, blobPath, type JsonResult } from './resolve';
export { imageLabel } from './config';
export type * from './model';
