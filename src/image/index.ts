/** The image model's public API (see README.md). */
export { shouldCapture, isJsonLike, CAPTURE_LIMIT } from './capture';
export { readLayout, LAYOUTS, type LayoutReader } from './layouts/registry';
export { checkIntegrity, type BlobFacts } from './integrity';
export { mergeLayers } from './merge';
export { normalizeName, parseJson, digestFromName, blobPath, type JsonResult } from './resolve';
export { imageLabel } from './config';
export type * from './model';
