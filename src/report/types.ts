/**
 * The inspection report: the JSON contract of "Export JSON" (docs/report-schema.md and
 * docs/inspection-report.schema.json). Presenters (UI, JSON, later HTML/Markdown/CLI)
 * are pure functions of it; none of them re-reads an archive.
 */
import type { EntryType, TarHeaderFormat } from '../formats/tar/types';
import type { CompressionInfo } from '../formats/compression';
import type { ErrorInfo } from '../io/errors';
import type { Descriptor, HistoryEntry, LayoutId, Platform, ImageKind } from '../image/model';

export const SCHEMA_VERSION = 1;

export interface ToolInfo {
  name: 'tarscope';
  version: string;
}

/** One entry of a tar (the outer archive or a layer), every header field kept. */
export interface FileRecord {
  /** Normalised path: no leading "./" or "/", no trailing "/". */
  path: string;
  /** Name exactly as the header gave it. */
  rawName: string;
  type: EntryType;
  typeflag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  atime?: number;
  ctime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  realSize?: number;
  format: TarHeaderFormat;
  longName?: 'pax' | 'gnu' | 'prefix';
  pax?: Record<string, string>;
  paxHeaderName?: string;
  xattrs?: Record<string, string>;
  base256?: string[];
  /** Byte offset of the entry's first header block in the tar it lives in. */
  offset: number;
  /** 0-based position in that tar. */
  index: number;
  /** SHA-256 (hex) of the content, for regular files whose content was read (inspections;
   *  a comparison's fast scan leaves it out and decides equality with `xxh64`). */
  sha256?: string;
  /** XXH64 (seed 0, hex as `xxhsum -H1` prints it) of the content: the equality hash. */
  xxh64?: string;
  /** OCI whiteouts: ".wh.<name>" deletes <name>; ".wh..wh..opq" makes the directory opaque. */
  whiteout?: 'file' | 'opaque';
}

export interface LayerReport {
  index: number;
  /** Blob digest: from the manifest, or computed for layouts that do not name one. */
  digest: string | null;
  diffId: string | null;
  mediaType: string | null;
  /** Bytes of the blob as stored (compressed size). */
  size: number | null;
  uncompressedSize: number | null;
  fileCount: number | null;
  /** Outer entry holding the blob, and the link it was reached through. */
  entry: string | null;
  via?: string;
  compression: CompressionInfo | null;
  /** history[].created_by of the entry that made this layer. */
  createdBy: string | null;
  historyIndex: number | null;
  /** Computed facts (null until read). */
  computed: {
    blobSha256: string | null;
    diffId: string | null;
  };
  files: FileRecord[];
  error: ErrorInfo | null;
  /** 'same-digest': a comparison did not read this blob before its report — the other archive
   *  names the same digest and size, so the layers are the same bytes; it is read (files and
   *  digests) in the background verification. Absent once read. */
  deferred?: 'same-digest';
}

export interface MergedFile {
  path: string;
  type: EntryType;
  size: number;
  /** Layer (index) the visible version comes from. */
  layer: number;
  sha256?: string;
  xxh64?: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname?: string;
  /** Earlier layers whose version of this path is hidden by the visible one. */
  overwrites?: number[];
}

export interface MergedFs {
  files: MergedFile[];
  /** Paths removed by whiteouts (and opaque directories), with the layer that removed them. */
  deleted: { path: string; layer: number; size: number; byLayer: number }[];
  /** Bytes in lower layers hidden by later layers (overwritten or deleted). */
  wastedBytes: number;
  totalBytes: number;
}

export interface ImageReport {
  kind: ImageKind;
  tags: string[];
  platform: Platform | null;
  manifest: { digest: string; mediaType: string | null; size: number | null; annotations?: Record<string, string> } | null;
  config: {
    digest: string | null;
    mediaType: string | null;
    json: unknown;
  };
  created: string | null;
  os: string | null;
  architecture: string | null;
  history: HistoryEntry[];
  layers: LayerReport[];
  merged: MergedFs | null;
  attests?: string;
}

export type IntegrityKind =
  | 'blob-digest' // bytes of a blob vs the digest that names it
  | 'blob-size' // size of a blob vs its descriptor
  | 'diff-id' // uncompressed layer vs config rootfs.diff_ids
  | 'reference' // index -> manifest -> config/layers resolved
  | 'layer-count'; // manifest layers vs config diff_ids

export interface IntegrityCheck {
  kind: IntegrityKind;
  ok: boolean;
  /** What was checked: "layer 2 of nginx:latest (blobs/sha256/ab12…)". */
  subject: string;
  expected?: string;
  actual?: string;
  message: string;
}

export interface OuterEntryRecord extends FileRecord {
  /** For uncompressed outer archives, where the data starts. */
  dataOffset: number;
}

export interface InputReport {
  name: string;
  size: number;
  format: {
    /** Compression of the whole file (e.g. `docker save | gzip`). */
    outerCompression: CompressionInfo | null;
    layout: LayoutId | null;
    layoutLabel: string | null;
    notes: string[];
    tar: {
      entries: number;
      zeroBlocks: number;
      trailingBytes: number;
      trailingGarbage: boolean;
      sawEndMarker: boolean;
      globalPax: Record<string, string>[];
    } | null;
  };
  /** First fatal error (a message naming the component and the place), or null. */
  error: string | null;
  errors: ErrorInfo[];
  entries: OuterEntryRecord[];
  index: { manifests: Descriptor[]; annotations?: Record<string, string>; json: unknown } | null;
  dockerManifest: unknown;
  repositories: unknown;
  images: ImageReport[];
  /** For plain tars (layout "plain"): the files of the archive itself. */
  files: FileRecord[] | null;
  integrity: {
    done: boolean;
    ok: boolean;
    checks: IntegrityCheck[];
  };
  stats: {
    bytesRead: number;
    elapsedMs: number;
  };
}

export interface InspectionReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: ToolInfo;
  kind: 'inspection';
  createdAt: string;
  inputs: InputReport[];
}
