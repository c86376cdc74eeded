/**
 * The image model: what an image archive holds, read from its outer tar by a layout reader
 * (layouts/). Small read-only records in the spirit of go-containerregistry's pkg/v1;
 * no bytes of layers live here — layers are referred to by the outer entry holding them.
 * Everything is JSON-serialisable (it crosses Worker boundaries and goes into reports).
 */
import type { TarEntry } from '../formats/tar/types';
import type { ErrorInfo } from '../io/errors';

export type LayoutId =
  | 'docker-legacy' // docker save < 25 / docker-archive: <id>/layer.tar, <id>/json, manifest.json, repositories
  | 'docker-oci' // docker save >= 25: OCI layout + manifest.json (LayerSources) + repositories
  | 'oci' // OCI image layout: oci-layout, index.json, blobs/ (oci-archive, BuildKit type=oci, umoci)
  | 'docker-tarball' // manifest.json + <digest>.tar.gz layers + config file (kaniko, crane, ggcr tarball)
  | 'plain'; // not an image: a plain tar inspected as files

/** Outer archive as the engine saw it: every entry in order, plus the small files captured. */
export interface OuterListing {
  entries: TarEntry[];
  /** Captured contents of small candidate files (see shouldCapture), by normalised name. */
  files: Map<string, Uint8Array>;
  /** Where the archive ended early (the listing stops there): a layout no reader claims is then
   *  named by what it was becoming (layouts/truncated.ts), not "plain tar". */
  truncatedAt?: number;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
}

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** A reference to bytes inside the outer archive. */
export interface BlobRef {
  /** Normalised outer entry name holding the bytes (symlinks/hardlinks resolved). */
  entry: string;
  /** When the name the manifest used was a link, the link's own name. */
  via?: string;
  /** Digest the referrer expects (descriptor digest, or derived from the name). */
  expectedDigest?: string;
  expectedSize?: number;
}

export interface LayerRef {
  index: number;
  blob: BlobRef | null; // null when the blob is missing from the archive
  /** Outer name the referrer used (manifest.json Layers[i], blobs/<alg>/<hex>); kept when the blob is missing. */
  ref?: string;
  /** Descriptor digest (OCI/docker-oci) or null when the layout does not name one (legacy). */
  digest?: string;
  mediaType?: string;
  size?: number;
  annotations?: Record<string, string>;
  /** From the config's rootfs.diff_ids, by position. */
  diffId?: string;
  /** Index into config history of the entry that created this layer (non-empty ones). */
  historyIndex?: number;
}

export type ImageKind = 'image' | 'attestation' | 'unknown';

export interface ImageRecord {
  kind: ImageKind;
  tags: string[];
  platform?: Platform;
  /** The manifest (OCI/Docker v2) when the layout has one. */
  manifest?: {
    digest: string;
    mediaType?: string;
    size?: number;
    blob: BlobRef | null;
    json: unknown;
    annotations?: Record<string, string>;
  };
  config: {
    digest?: string;
    mediaType?: string;
    blob: BlobRef | null;
    /** Outer name the referrer used (manifest.json Config, blobs/<alg>/<hex>); kept when the blob is missing. */
    ref?: string;
    json: unknown;
    created?: string;
    os?: string;
    architecture?: string;
    history: HistoryEntry[];
    diffIds: string[];
  };
  layers: LayerRef[];
  /** For attestation manifests: the digest of the image they attest. */
  attests?: string;
}

export interface IndexRecord {
  /** 'index.json' or the digest of a nested index blob. */
  source: string;
  digest?: string;
  mediaType?: string;
  json: unknown;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
  /** Nested indexes (containerd image store exports an index pointing to an index). */
  children: IndexRecord[];
  /** Nested indexes: the blob holding it (null when missing). Absent for index.json itself. */
  blob?: BlobRef | null;
}

export interface ImageArchive {
  layout: LayoutId;
  /** Human label: "docker save (Docker 25+, containerd image store)". */
  layoutLabel: string;
  /** Facts the layout reader noticed (variant, writer hints). */
  notes: string[];
  index?: IndexRecord;
  /** manifest.json of docker layouts, as parsed. */
  dockerManifest?: unknown;
  /** `repositories` file of docker layouts. */
  repositories?: unknown;
  images: ImageRecord[];
  /** Problems found reading the structure; the rest is still returned. */
  errors: ErrorInfo[];
}
