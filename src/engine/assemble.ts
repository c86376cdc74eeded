/**
 * Pure assembly of an InputReport from what the passes found: the outer listing, the
 * image model read from it, and the facts of each blob. No I/O here.
 */
import type { ImageArchive, ImageRecord, LayerRef } from '../image/model';
import { checkIntegrity, imageEfficiency, layerChanges, mergeLayers, type BlobFacts } from '../image';
import type { ErrorInfo } from '../io/errors';
import { formatError } from '../io/errors';
import type { BlobResult } from './blob-sink';
import type { IndexResult } from './index-result';
import type { FileRecord, ImageReport, InputReport, LayerReport, ReportWarning } from '../report/types';
import { toOuterRecord, toFileRecord } from './file-record';
import { notTarError } from './layer-check';
import { EMPTY_SHA256 } from './layer-sink';
import { normalizePath } from '../formats/tar/normalize';
import type { TarEntry } from '../formats/tar/types';
import { imagePackages } from '../packages/image';

export interface AssembleInput {
  name: string;
  size: number;
  index: IndexResult;
  archive: ImageArchive | null;
  /** Blob facts by normalised outer entry name (stream mode: all; seek mode: scanned). */
  blobs: Map<string, BlobResult>;
  /** Errors from outside the passes (cancellation, a worker that died). */
  extraErrors: ErrorInfo[];
  /** True when every scan that was planned finished. */
  complete: boolean;
  /** Blobs not read yet on purpose (a comparison's blobs with the same digest on both sides):
   *  their layers are listed without files, and no merged view is built from them. */
  deferred?: ReadonlySet<string>;
  bytesRead: number;
  elapsedMs: number;
}

function inferMediaType(b: BlobResult | undefined): string | null {
  const alg = b?.compression?.algorithm;
  if (alg === 'none') return 'application/vnd.docker.image.rootfs.diff.tar';
  if (alg === 'gzip') return 'application/vnd.docker.image.rootfs.diff.tar.gzip';
  if (alg === 'zstd') return 'application/vnd.docker.image.rootfs.diff.tar.zstd';
  return null;
}

function layerReport(img: ImageRecord, ref: LayerRef, blobs: Map<string, BlobResult>, legacy: boolean, deferred: ReadonlySet<string>): LayerReport {
  const b = ref.blob ? blobs.get(ref.blob.entry) : undefined;
  const files = b?.layer?.files ?? b?.partialFiles ?? [];
  const history = ref.historyIndex !== undefined ? img.config.history[ref.historyIndex] : undefined;
  const mediaType = ref.mediaType ?? (legacy ? inferMediaType(b) : null);
  return {
    index: ref.index,
    digest: ref.digest ?? b?.sha256 ?? null,
    diffId: ref.diffId ?? b?.layer?.diffId ?? null,
    mediaType,
    size: b?.size ?? ref.size ?? null,
    uncompressedSize: b?.layer?.uncompressedSize ?? null,
    fileCount: b?.layer ? (b.layer.isTar ? files.length : null) : b?.partialFiles ? files.length : null,
    entry: ref.blob?.entry ?? null,
    ...(ref.blob?.via ? { via: ref.blob.via } : {}),
    compression: b?.compression ?? null,
    createdBy: history?.created_by ?? null,
    historyIndex: ref.historyIndex ?? null,
    computed: { blobSha256: b?.sha256 ?? null, diffId: b?.layer?.diffId ?? null },
    files,
    error: b?.error ?? notTarError(img, b, ref.blob?.entry, mediaType) ?? null,
    ...(ref.blob && !b && deferred.has(ref.blob.entry) ? { deferred: 'same-digest' as const } : {}),
  };
}

function imageReport(img: ImageRecord, blobs: Map<string, BlobResult>, legacy: boolean, merge: boolean, deferred: ReadonlySet<string>): ImageReport {
  const layers = img.layers.map((l) => layerReport(img, l, blobs, legacy, deferred));
  const packages = imagePackages(
    img.layers.map((ref, i) => ({ paths: layerPaths(layers[i]), packages: (ref.blob ? blobs.get(ref.blob.entry) : undefined)?.layer?.packages })),
  );
  // A merged view needs every layer's files: none while a layer's reading is deferred.
  if (layers.some((l) => l.deferred)) merge = false;
  const merged = merge && img.kind === 'image' && layers.length ? mergeLayers(layers.map((l) => l.files)) : null;
  // With the merged view: dive's efficiency and what each layer changes (additive report fields).
  let efficiency: ImageReport['efficiency'];
  if (merged) {
    const files = layers.map((l) => l.files);
    efficiency = imageEfficiency(files);
    layerChanges(files).forEach((c, i) => {
      layers[i].changes = c;
    });
  }
  const cfg = img.config;
  return {
    kind: img.kind,
    tags: img.tags,
    platform: img.platform ?? null,
    manifest: img.manifest
      ? {
          digest: img.manifest.digest,
          mediaType: img.manifest.mediaType ?? null,
          size: img.manifest.size ?? null,
          ...(img.manifest.annotations ? { annotations: img.manifest.annotations } : {}),
        }
      : null,
    config: { digest: cfg.digest ?? null, mediaType: cfg.mediaType ?? null, json: cfg.json ?? null },
    created: cfg.created ?? null,
    os: cfg.os ?? null,
    architecture: cfg.architecture ?? null,
    history: cfg.history,
    layers,
    merged,
    ...(efficiency ? { efficiency } : {}),
    ...(packages ? { packages } : {}),
    ...(img.attests ? { attests: img.attests } : {}),
  };
}

/** Paths of a layer's entries, for the whiteouts the package list applies. */
function* layerPaths(l: LayerReport): Iterable<string> {
  for (const f of l.files) yield f.path;
}

function blobFacts(a: AssembleInput): Map<string, BlobFacts> {
  const facts = new Map<string, BlobFacts>();
  for (const [name, b] of a.blobs) {
    // A blob whose digests were deferred (a comparison's fast scan) has its size checked now
    // and its digest and diff_id once verified.
    facts.set(name, {
      size: b.size,
      ...(b.sha256 ? { sha256: b.sha256 } : {}),
      ...(b.layer ? { uncompressedSize: b.layer.uncompressedSize, ...(b.layer.diffId ? { diffId: b.layer.diffId } : {}) } : {}),
      ...(b.error ? { error: b.error } : {}),
    });
  }
  for (const [name, digest] of a.index.fileDigests) {
    if (!facts.has(name)) facts.set(name, { size: a.index.files.get(name)!.length, sha256: digest });
  }
  return facts;
}

export function assembleInput(a: AssembleInput): InputReport {
  const idx = a.index;
  const errors: ErrorInfo[] = [];
  if (idx.error) errors.push(idx.error);
  if (a.archive) errors.push(...a.archive.errors);
  const legacy = a.archive?.layout === 'docker-legacy';
  const deferredBlobs = a.deferred ?? new Set<string>();
  const images = a.archive ? a.archive.images.map((img) => imageReport(img, a.blobs, legacy, a.complete, deferredBlobs)) : [];
  for (const img of images) for (const l of img.layers) if (l.error && !errors.includes(l.error)) errors.push(l.error);
  // Files of a plain tar are only digested: a damaged .gz inside one is not an error of the archive.
  errors.push(...a.extraErrors);

  let files: FileRecord[] | null = null;
  if (a.archive?.layout === 'plain' || (!a.archive && idx.entries.length)) {
    files = idx.entries.map((e) => toFileRecord(e, fileDigest(a, e)));
  }

  const warnings = inputWarnings(a);
  const checks = a.archive && a.archive.layout !== 'plain' ? checkIntegrity(a.archive, blobFacts(a)) : [];
  const deferred = deferredBlobs.size > 0 || [...a.blobs.values()].some((b) => b.sha256 === null);
  const first = errors[0];
  return {
    name: a.name,
    size: a.size,
    format: {
      outerCompression: idx.outerCompression,
      layout: a.archive?.layout ?? null,
      layoutLabel: a.archive?.layoutLabel ?? null,
      notes: a.archive?.notes ?? [],
      tar: idx.tar
        ? {
            entries: idx.tar.entries,
            zeroBlocks: idx.tar.zeroBlocks,
            trailingBytes: idx.tar.trailingBytes,
            trailingGarbage: idx.tar.trailingGarbage,
            sawEndMarker: idx.tar.sawEndMarker,
            globalPax: idx.tar.globalPax,
          }
        : null,
    },
    error: first ? formatError(first) : null,
    errors,
    readToEnd: !idx.error && !a.extraErrors.some((e) => e.code === 'cancelled'),
    ...(warnings.length ? { warnings } : {}),
    entries: idx.entries.map((e) => toOuterRecord(e, idx.fileDigests.get(normalizePath(e.name))?.replace(/^sha256:/, ''))),
    index: a.archive?.index
      ? {
          manifests: a.archive.index.manifests,
          ...(a.archive.index.annotations ? { annotations: a.archive.index.annotations } : {}),
          json: a.archive.index.json,
        }
      : null,
    dockerManifest: a.archive?.dockerManifest ?? null,
    repositories: a.archive?.repositories ?? null,
    images,
    files,
    integrity: {
      done: a.complete && !deferred,
      ok: a.complete && !deferred && checks.every((c) => c.ok),
      checks,
    },
    stats: { bytesRead: a.bytesRead, elapsedMs: Math.round(a.elapsedMs) },
  };
}

/** The tar readers' warnings: the archive's own tar, then each layer blob's (issue 12). */
function inputWarnings(a: AssembleInput): ReportWarning[] {
  const out: ReportWarning[] = (a.index.tar?.warnings ?? []).map((w) => ({ component: 'tar', ...w }));
  for (const [entry, b] of a.blobs) {
    for (const w of b.layer?.tar?.warnings ?? []) out.push({ component: 'tar', ...w, path: entry });
  }
  return out;
}

function fileDigest(a: AssembleInput, e: TarEntry): string | undefined {
  if (e.type !== 'file' && e.type !== 'contiguous') return undefined;
  if (e.size === 0) return EMPTY_SHA256;
  return a.blobs.get(normalizePath(e.name))?.sha256?.replace(/^sha256:/, '');
}
