/**
 * The comparison contract: the difference tree the differ produces, the causes and verdict
 * the explainers derive from it, and the comparison report (Export JSON of a comparison,
 * docs/comparison-report.schema.json). Vocabulary: ../shared/causes.md — its verdicts and
 * cause ids are the contract; add ids freely, never rename one.
 *
 * Flow (one way, STYLE.md habit 2):
 *   InputReport A, InputReport B ──diffInputs()──► DiffResult (raw, complete, JSON)
 *   DiffResult + IgnoreOptions ──explain()──► verdict, headline, causes (pure; the page re-runs it
 *   when the options change, without reading the archives again)
 *   + content evidence (text diffs, hex, recognised kinds) fetched for a few differing files.
 */
import type { InputReport, ToolInfo } from '../report/types';
import type { ErrorInfo } from '../io/errors';

export type Verdict = 'identical' | 'same-image' | 'same-filesystem' | 'metadata-only' | 'content-differs' | 'unreadable';

/** Verdicts from best to worst (causes.md). */
export const VERDICT_ORDER: Verdict[] = ['identical', 'same-image', 'same-filesystem', 'metadata-only', 'content-differs', 'unreadable'];

export type CauseId =
  | 'archive.entry-mtime'
  | 'archive.entry-order'
  | 'archive.entry-owner'
  | 'archive.entry-mode'
  | 'archive.tar-format'
  | 'archive.layout'
  | 'archive.symlinked-layer'
  | 'archive.outer-compression'
  | 'index.annotations'
  | 'index.platforms'
  | 'index.attestations'
  | 'manifest.media-type'
  | 'manifest.annotations'
  | 'config.created'
  | 'config.history'
  | 'config.field'
  | 'layer.compression'
  | 'layer.added'
  | 'layer.removed'
  | 'layer.missing-blob'
  | 'layer.digest-mismatch'
  | 'file.mtime'
  | 'file.atime-ctime'
  | 'file.order'
  | 'file.owner'
  | 'file.owner-name'
  | 'file.mode'
  | 'file.xattrs'
  | 'file.tar-format'
  | 'file.content'
  | 'file.added'
  | 'file.removed'
  | 'file.type'
  | 'file.whiteout'
  | 'input.truncated'
  | 'input.corrupt'
  | 'input.unsupported'
  // not in causes.md's table but needed: the outer archive holds other entries (extra files).
  | 'archive.entry-added'
  | 'archive.entry-removed'
  | 'archive.entry-content'
  // the same images listed in another order by manifest.json / index.json (diff/image-order.ts)
  | 'archive.image-order'
  | 'manifest.field'
  | 'index.field'
  // a layer whose uncompressed tar (diff_id) differs while its files were not compared (yet):
  // the preliminary report, or a layer one side could not read (docs/causes.md).
  | 'layer.changed'
  // files of a package whose version differs, or that changed at the same version, or that
  // exists on one side only (src/packages: the layers' package databases)
  | 'package.upgraded'
  | 'package.rebuilt'
  | 'package.added'
  | 'package.removed'
  // the same merged filesystem built by other layers (squashed vs layered, opaque vs
  // per-file whiteouts, content a later layer hides): what a container sees is the same.
  | 'layer.layering';

/** Levels as causes.md names them. */
export type Level = 'input' | 'outer file' | 'outer tar' | 'index' | 'manifest' | 'config' | 'layer' | 'integrity' | 'file';

/** The difference, one typed member per subject: ./difference/ (README there). */
import type { Json } from './difference/base';
import type { Difference } from './difference/union';
export type { Json, DiffKind, Scope, Side, DifferenceCore, Incomplete, JsonHints } from './difference/base';
export type { Difference, DifferenceOf, FactsOf, FieldOf, Subject } from './difference/union';
export { is, subject } from './difference/union';
export type * from './difference/input';
export type * from './difference/record';
export type * from './difference/outer';
export type * from './difference/index-docs';
export type * from './difference/manifest';
export type * from './difference/config';
export type * from './difference/layer';
export type * from './difference/file';
export { MERGED_FIELDS, TIMESTAMP_ONLY } from './difference/file';

export interface Pairing {
  /** by: 'only' = the one image on each side; 'config' = the same config digest; 'attests' =
   *  attestation of paired images (added by the differ); 'unpaired' = present on one side only
   *  (added by the differ). */
  images: { a: number | null; b: number | null; label: string; by: 'config' | 'tag' | 'platform' | 'position' | 'only' | 'attests' | 'unpaired' }[];
  /** Per image pair: layer pairs. */
  layers: { image: number; a: number | null; b: number | null; by: 'diff_id' | 'digest' | 'position' | 'history' | 'unpaired' }[];
  /** Image pairs (indexes into `images`) whose merged filesystems were read in full and are the
   *  same at every path: type (a regular file however stored, a hard link as the file it names),
   *  content, size, link target, mode, owner, mtime, xattrs. Absent when there is none. What a
   *  container sees is then the same, whatever the layers (explain README "Verdict rules"). */
  mergedSame?: number[];
}

export interface DiffResult {
  differences: Difference[];
  pairing: Pairing;
  /** True when A and B are byte-identical files (checked by size + digest, or all blobs equal). */
  identicalBytes: boolean | null;
  /** What the differ could not compare and why (optional, added by the differ): outer entries
   *  whose bytes neither report holds, layer pairs whose files one side could not read.
   *  Capped at 100; `identicalBytes` is null when this is not empty and nothing else differs. */
  uncompared?: { where: string; why: string }[];
}

/** Ignore rules in the spirit of diffoci's --semantic. */
export interface IgnoreOptions {
  timestamps: boolean; // file/entry mtimes, atime/ctime, config created, history created, gzip MTIME, annotations that are timestamps
  fileOrder: boolean; // order of entries in tars
  ownerNames: boolean; // uname/gname
  tarFormat: boolean; // ustar/GNU/pax encoding
  history: boolean; // config history entirely
  /** Image names (diffoci --ignore-image-name): the `org.opencontainers.image.ref.name` and
   *  `io.containerd.image.name` annotations of index.json, manifest.json `RepoTags`, the
   *  `repositories` file. Optional (absent = false): added after the first reports. */
  imageName?: boolean;
  /** File modes that differ only in the redundant file-type bits (0o170000) some writers put in
   *  the tar mode field (diffoci --ignore-file-mode-redundant-bits). Optional (absent = false). */
  modeBits?: boolean;
  /** Glob patterns of paths to ignore inside layers: "/var/log/**", "**\/*.pyc". */
  paths: string[];
}

export const NO_IGNORES: IgnoreOptions = { timestamps: false, fileOrder: false, ownerNames: false, tarFormat: false, history: false, paths: [] };

export interface Evidence {
  /** One line a person reads: "etc/passwd: mtime 2024-01-01T00:00:00Z → 2024-01-01T00:02:27Z (layer 1)". */
  text: string;
  /** Difference this evidence comes from. */
  difference?: string;
  a?: Json;
  b?: Json;
  /** Where: "layer 1 (blobs/sha256/ab12…) · etc/passwd". */
  where?: string;
  /** Rich evidence for file contents (filled by the content evidence pass). */
  detail?: ContentEvidence;
}

export type ContentEvidence =
  | { kind: 'text-diff'; hunks: { aStart: number; bStart: number; lines: { op: ' ' | '-' | '+'; text: string }[] }[]; truncated: boolean }
  | { kind: 'hex'; offset: number; a: string; b: string; length: number }
  | { kind: 'recognised'; what: string; detail: string }
  | { kind: 'compression'; detail: string; divergesAt?: number; matchesZlibLevel?: number | null };

/** Which tool built an image, as its config tells (src/compare/explain/builder.ts). */
export type BuilderId = 'buildkit' | 'docker-legacy' | 'buildah' | 'kaniko' | 'ko' | 'jib' | 'bazel' | 'apko' | 'unknown';

/** Kinds of differing files a remedy speaks to (src/compare/explain/file-kinds.ts); `other`: none of them. */
export type FileKindId =
  | 'pyc'
  | 'log'
  | 'ldconfig'
  | 'machine-id'
  | 'dpkg'
  | 'apt'
  | 'apk'
  | 'rpm'
  | 'apt-cache'
  | 'jar'
  | 'wheel'
  | 'zip'
  | 'gzip'
  | 'compressed'
  | 'other';

export interface RemedyBasis {
  /** The builders of A and B when the remedy names a builder's settings. */
  builders?: { a: BuilderId; b: BuilderId };
  /** The kinds of files, in the order the remedy speaks to them. */
  kinds?: FileKindId[];
  /** The archives were written by containers/image (buildah push, podman save, skopeo copy). */
  writer?: 'containers-image';
}

export interface Cause {
  id: CauseId;
  level: Level;
  /** How many differences this cause explains (root differences, not consequences). */
  count: number;
  /** One readable sentence, with the pattern: "936 files in layer 1 differ only in mtime; every B time is 2 min 27 s later". */
  summary: string;
  /** A few concrete examples with A and B values and where they are. */
  evidence: Evidence[];
  remedy: string;
  /** What the remedy was chosen from, when it was composed rather than the catalog's
   *  (src/compare/explain/remedy.ts, docs/causes.md "Remedies"). Optional: older reports lack it. */
  remedyFor?: RemedyBasis;
  /** Ids of the differences explained (capped; `count` is the total). */
  differences: string[];
  /** Differences folded under this cause as consequences (digest chains). */
  consequences: number;
  /** The build steps (config history entries) that made the layers this cause's differences live
   *  in, when they live in one to three layer pairs (src/compare/explain/steps.ts). Optional:
   *  absent for causes outside the layers, and in older reports. */
  steps?: CauseStep[];
}

/** One history entry behind a cause: "layer 3 (0-based 2), `RUN apt-get install -y curl`". */
export interface CauseStep {
  /** Whose layer: A's, B's, or both (the same layer index, history index and created_by). */
  side: 'a' | 'b' | 'both';
  /** 0-based layer index in that image (`layers[].index`; shown 1-based). */
  layer: number;
  /** 0-based index into the image config's `history`. */
  historyIndex: number;
  /** `history[historyIndex].created_by`, exactly as the config holds it. */
  createdBy: string;
  /** The image pair's label, when several images are compared. */
  image?: string;
}

/** What `explain()` (src/compare/explain) returns: the parts of a report that depend on the ignore options. */
export interface Explanation {
  verdict: Verdict;
  headline: string;
  causes: Cause[];
  /** How many differences the options ignored (ignored roots and their consequences). */
  ignored: number;
}

export type ExplainFn = (diff: DiffResult, a: InputReport, b: InputReport, options: IgnoreOptions) => Explanation;

export interface ComparisonReport {
  schemaVersion: 1;
  tool: ToolInfo;
  kind: 'comparison';
  createdAt: string;
  inputs: [InputReport, InputReport];
  options: IgnoreOptions;
  verdict: Verdict;
  /** The verdict in one sentence: "Same filesystem; layer 2 was recompressed: gzip header MTIME differs". */
  headline: string;
  /** Ranked by how much they explain. */
  causes: Cause[];
  differences: Difference[];
  pairing: Pairing;
  /** From the DiffResult, so that a presenter can re-run explain() from the report alone. */
  identicalBytes: boolean | null;
  stats: {
    elapsedMs: number;
    bytesRead: number;
    /** 'preliminary' while only the structure has been compared. */
    phase: 'preliminary' | 'final';
    layersScanned: number;
    /** Layer blobs with equal digests on both sides: same bytes, not deep-scanned twice. */
    layersSkipped: number;
    /** Whether every blob digest and diff_id was verified against the bytes. */
    digestsVerified: boolean;
    /** The background digest verification after the fast scan (engine/verify-digests.ts). */
    verification: Verification;
    /** Where the time went, ms from the start of the comparison to the end of each phase
     *  (absent for phases not reached): what `npm run bench` reports as the profile of a run. */
    timings?: PhaseTimings;
    /** Reads of the content evidence pass that failed (absent when none did). */
    evidenceErrors?: EvidenceError[];
    /** The evidence pass's reading of every content difference of a kind that embeds a
     *  timestamp (absent when there was none): how many got `facts.timestampOnly`, and how
     *  many were not classified (the limit, an unreadable side). */
    embeddedTimestamps?: EmbeddedTimestamps;
  };
}

/**
 * Content differences of .pyc, zip (.jar, .whl…) and .gz files, each read whole (up to the
 * limits of src/compare/evidence/timestamp-only.ts) to tell whether only an embedded
 * timestamp differs. Those that do carry `facts.timestampOnly`; those not classified carry
 * nothing and so stay content differences (the verdict never relies on a file not read).
 */
export interface EmbeddedTimestamps {
  /** Content differences of a recognisable kind (.pyc, zip, .gz). */
  candidates: number;
  /** Read on both sides and classified (timestamp-only or not). */
  classified: number;
  /** Of those, found to differ only in an embedded timestamp (`facts.timestampOnly`). */
  timestampOnly: number;
  /** Not classified: over the limits, or a side that could not be read. */
  notClassified: number;
  /** Of `classified`, decided from the deep scan's fingerprints (FileRecord.timesMasked: `.pyc`,
   *  `.gz`) without reading the files again; absent when none was. */
  fromScan?: number;
  /** Why, for the first few not classified (at most 5 distinct reasons). */
  why?: string[];
}

/** A read or job of the content evidence pass that failed (src/compare/evidence/port.ts): the
 *  differences it left without details (empty when the pass itself stopped), and the error. */
export interface EvidenceError {
  differences: string[];
  error: ErrorInfo;
}

export interface PhaseTimings {
  /** Both outer listings, manifests and configs read (the preliminary report). */
  structure?: number;
  /** The differing layer blobs deep-scanned. */
  layers?: number;
  /** Differ and explainers run on the scanned inputs. */
  explained?: number;
  /** Content evidence gathered: the final report. */
  evidence?: number;
  /** The background pass done: the verified report. */
  verified?: number;
}

/**
 * The deep scan of a comparison decides file equality with XXH64 and defers SHA-256: blob
 * digests and diff_ids are computed afterwards, in the background of the report on screen.
 *  - pending: not yet (the report is final for what it compares; integrity checks of
 *    deferred blobs are not in it yet);
 *  - done: every deferred digest was computed and checked (integrity checks cover them);
 *  - skipped: the caller asked for no verification; cancelled: stopped by the user;
 *  - incomplete: a verification read failed (see the inputs' errors).
 */
export interface Verification {
  state: 'pending' | 'done' | 'skipped' | 'cancelled' | 'incomplete';
  /** Blobs whose digests were computed, and their bytes (stored sizes). */
  blobs: number;
  bytes: number;
  /** Bytes the verification has to read in all. */
  bytesTotal: number;
  /** Blobs named like a blob of the other archive whose bytes were not the same after all:
   *  their files were read again from their own bytes. */
  rescanned: number;
}
