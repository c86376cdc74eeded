/**
 * The inspection report: the JSON contract of "Export JSON" (docs/report-schema.md and
 * docs/inspection-report.schema.json). Presenters (UI, JSON, later HTML/Markdown/CLI)
 * are pure functions of it; none of them re-reads an archive.
 */
import type { CompressionInfo } from '../formats/compression';
import type { ErrorInfo } from '../io/errors';
import type { Descriptor, HistoryEntry, LayoutId, Platform, ImageKind } from '../image/model';
import type { FileRecord } from '../image/file-record';
import type { MergedFs } from '../image/merge';
import type { ImageEfficiency } from '../image/efficiency';
import type { LayerChanges } from '../image/layer-changes';
import type { IntegrityCheck } from '../image/integrity';
import type { ImagePackages } from '../packages/types';

// The records image/ produces are declared there (image sits below report in src/README.md's
// layers) and are part of this contract as they are.
export type { FileRecord } from '../image/file-record';
export type { MergedFile, MergedFs } from '../image/merge';
export type { ImageEfficiency, WastedFile } from '../image/efficiency';
export type { ChangeKind, ChangeTotal, LayerChanges } from '../image/layer-changes';
export type { IntegrityCheck, IntegrityKind } from '../image/integrity';
export type { Ecosystem, ImagePackage, ImagePackages } from '../packages/types';

export const SCHEMA_VERSION = 1;

export interface ToolInfo {
  name: 'tarscope';
  version: string;
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
  /** What this layer adds, modifies, lists again unchanged and deletes relative to the layers
   *  below it (src/image/layer-changes.ts); present with the merged view. */
  changes?: LayerChanges;
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
  /** dive's efficiency figures (src/image/efficiency.ts); present with the merged view. */
  efficiency?: ImageEfficiency;
  /** Packages read from the layers' package databases (src/packages); absent when no layer
   *  read holds one. */
  packages?: ImagePackages;
  attests?: string;
}

export interface OuterEntryRecord extends FileRecord {
  /** For uncompressed outer archives, where the data starts. */
  dataOffset: number;
}

/** What a reader warned about and read on (src/formats/tar/warnings.ts): the archive may be
 *  truncated or damaged, yet everything listed was read. `path`: the layer blob it was in
 *  (absent for the archive itself). */
export interface ReportWarning {
  component: string;
  code: string;
  message: string;
  offset: number;
  count: number;
  path?: string;
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
  /** The first error (a message naming the component and the place), or null: a layer's or
   *  a document's too, not only one that stopped the reading (that is `readToEnd`). */
  error: string | null;
  errors: ErrorInfo[];
  /**
   * False when an error stopped the reading of the archive itself (its outer tar, or the
   * gzip/zstd of the whole file, damaged or cut short; a cancelled run): `errors[0]` is that
   * error. True when the outer archive was read to its end, even if a layer or a document in
   * it could not be read. Absent in reports written before it existed: read `error === null`.
   * The CLI's exit code: 2 when false (present/outcome.ts).
   */
  readToEnd?: boolean;
  /** Warnings of the readers (absent when none): the archive's own tar, then each layer's. */
  warnings?: ReportWarning[];
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
  /** dive's CI rules, when the CLI was given thresholds (src/present/ci-rules.ts). */
  ci?: CiResult;
}

export type CiRuleName = 'lowestEfficiency' | 'highestWastedBytes' | 'highestUserWastedPercent';

export interface CiRuleResult {
  rule: CiRuleName;
  /** As given (`0.9`, `20MB`, `disabled`). */
  threshold: string;
  status: 'pass' | 'fail' | 'skip';
  /** Per image with efficiency figures: its value (`null`: no user bytes) and status. */
  images: { image: string; value: number | null; status: 'pass' | 'fail' }[];
}

export interface CiResult {
  /** false when a rule failed: `tarscope inspect` exits 1. */
  pass: boolean;
  rules: CiRuleResult[];
}
