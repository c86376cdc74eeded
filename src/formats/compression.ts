/**
 * The contract between the compression decoders (gzip/, zstd/) and the engine.
 * Decoders are push-based and synchronous: write(chunk) calls onData with output views
 * that are only valid during the call (copy what you keep); end() checks that the
 * stream ended cleanly and returns what was learnt about it.
 */
export type Algorithm = 'none' | 'gzip' | 'zstd' | 'bzip2' | 'xz' | 'lz4' | 'unknown';

/** RFC 1952 section 2.3 member header, every field kept. */
export interface GzipHeader {
  /** CM: 8 = deflate */
  method: number;
  /** FLG byte as stored */
  flags: number;
  /** MTIME, seconds since the epoch; 0 = not set (what `gzip -n` writes) */
  mtime: number;
  /** XFL: 2 = max compression, 4 = fastest */
  xfl: number;
  /** OS: 0 FAT, 3 Unix, 7 Macintosh, 11 NTFS, 255 unknown */
  os: number;
  ftext: boolean;
  fname?: string;
  fcomment?: string;
  /** FEXTRA: total length and the subfields (SI1 SI2 as two chars, data length). */
  extra?: { length: number; subfields: { id: string; length: number }[] };
  /** FHCRC: the stored CRC16 of the header */
  hcrc?: number;
  /** Bytes the header occupies. */
  headerSize: number;
}

export interface GzipMember {
  /** Offset of the member's first byte in the compressed stream. */
  offset: number;
  header: GzipHeader;
  /** Bytes of the member including header and trailer. */
  compressedSize: number;
  uncompressedSize: number;
  /** CRC32 and ISIZE as stored in the trailer (both were checked). */
  crc32: number;
  isize: number;
}

export interface GzipInfo {
  algorithm: 'gzip';
  members: GzipMember[];
  /** Bytes after the last member; trailingZeros true when they are all zero (padding). */
  trailingBytes: number;
  trailingZeros: boolean;
  /** Which implementation inflated it: the platform's DecompressionStream or the fallback. */
  inflater?: string;
}

/** RFC 8878 section 3.1.1 frame header, or a skippable frame (3.1.2). */
export interface ZstdFrame {
  offset: number;
  kind: 'zstd' | 'skippable';
  /** Skippable frames: the magic number (0x184D2A50..5F) and the user data size. */
  magic?: number;
  /** zstd frames */
  windowSize?: number;
  contentSize?: number | null;
  dictionaryId?: number;
  checksum?: boolean;
  singleSegment?: boolean;
  /** Bytes of the frame including header (and checksum). */
  compressedSize: number;
  uncompressedSize?: number;
}

export interface ZstdInfo {
  algorithm: 'zstd';
  frames: ZstdFrame[];
  trailingBytes: number;
}

export interface NoCompressionInfo {
  algorithm: 'none';
}

export interface OtherCompressionInfo {
  algorithm: 'bzip2' | 'xz' | 'lz4' | 'unknown';
}

export type CompressionInfo = NoCompressionInfo | GzipInfo | ZstdInfo | OtherCompressionInfo;

export interface Decoder {
  write(chunk: Uint8Array): void;
  /** Throws TarscopeError('truncated') when the stream stops mid-member/frame. */
  end(): CompressionInfo;
  /**
   * Releases what the decoder holds (zstd: wasm buffers) when the stream is abandoned
   * without end() (cancellation, an error elsewhere). Idempotent; end() and errors already
   * release. Optional so that simple decoders need not have it.
   */
  dispose?(): void;
}

export type OnData = (chunk: Uint8Array) => void;
