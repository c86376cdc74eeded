/** Public API of the tar reader; see README.md for the contract. */
export type { EntryType, SparseChunk, TarEntry, TarHeaderFormat, TarSummary } from './types';
export { TarParser, type EntrySink, type TarVisitor, type TarParserOptions } from './parser';
export { normalizePath, whiteoutOf, type Whiteout } from './normalize';
export { parsePaxRecords, interpretPax, type PaxRecord, type PaxFields } from './pax';
export { readOctal, readBase256, readNumber } from './numbers';
