/**
 * Pairs of inspection reports for the explainer tests, built from a spec so that every digest
 * is content-addressed (a fake hash of what it names): two specs that differ in one thing give
 * reports that differ in that thing and in the digests that follow from it, as real archives
 * would. The differ then runs for real on them (tests/builders/report.ts records, the engine's
 * own mergeLayers). `base()` is a two-layer OCI image; each case edits a copy of it.
 */
import type { GzipHeader } from '../../../../src/formats/compression';
import type { HistoryEntry, LayoutId } from '../../../../src/image/model';
import type { FileRecord, ImageReport, InputReport, OuterEntryRecord } from '../../../../src/report/types';
import { fakeDigest, fakeHex, fileRecord, imageReport, inputReport, layerReport } from '../../../builders/report';

export const T = 1_700_000_000;

export interface LayerSpec {
  files: FileRecord[];
  /** Salt of the compressed blob: the same files with another salt = recompressed. */
  blob?: string;
  algorithm?: 'gzip' | 'zstd';
  gzip?: Partial<GzipHeader>;
  /** gzip members (eStargz-like when > 1) */
  members?: number;
  /** Extra bytes in the deflate payload (another level). */
  payload?: number;
  createdBy?: string;
}

export interface Spec {
  name: string;
  tags: string[];
  layers: LayerSpec[];
  created: string;
  history?: HistoryEntry[];
  config: Record<string, unknown>;
  /** Config bytes salt: same JSON serialised differently. */
  configBytes?: string;
  manifestMediaType: string;
  manifestAnnotations?: Record<string, string>;
  indexAnnotations?: Record<string, string>;
  indexExtra?: Record<string, unknown>;
  layout: LayoutId;
  layoutLabel: string;
  outerGzip?: Partial<GzipHeader>;
  entries?: (e: OuterEntryRecord[]) => OuterEntryRecord[];
  platforms?: string[];
  attestation?: boolean;
}

export function baseFiles0(mtime = T): FileRecord[] {
  return [
    fileRecord('etc/', { mtime }),
    fileRecord('etc/os-release', { size: 400, mtime }),
    fileRecord('usr/', { mtime }),
    fileRecord('usr/bin/', { mtime }),
    fileRecord('usr/bin/busybox', { size: 900_000, mode: 0o755, mtime }),
    fileRecord('usr/bin/old', { size: 20, mtime }),
  ];
}

export function baseFiles1(mtime = T + 60): FileRecord[] {
  return [
    fileRecord('app/', { mtime }),
    fileRecord('app/main.py', { size: 5000, mtime }),
    fileRecord('app/__pycache__/', { mtime }),
    fileRecord('app/__pycache__/main.cpython-312.pyc', { size: 3000, mtime }),
    fileRecord('var/', { mtime }),
    fileRecord('var/log/', { mtime }),
    fileRecord('var/log/apt.log', { size: 700, mtime }),
  ];
}

export function base(): Spec {
  return {
    name: 'app.tar',
    tags: ['example.com/app:1'],
    layers: [
      { files: baseFiles0(), createdBy: 'ADD rootfs.tar /' },
      { files: baseFiles1(), createdBy: 'COPY app/ /app/' },
    ],
    created: '2024-03-01T10:00:05Z',
    config: { architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/usr/bin'], Cmd: ['/app/main.py'] } },
    manifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
    layout: 'oci',
    layoutLabel: 'OCI image layout (oci-archive)',
  };
}

function gzipInfo(l: LayerSpec, size: number) {
  const n = l.members ?? 1;
  const header: GzipHeader = { method: 8, flags: 0, mtime: 0, xfl: 0, os: 3, ftext: false, headerSize: 10, ...l.gzip };
  const members = Array.from({ length: n }, (_, i) => ({
    offset: i * 100,
    header,
    compressedSize: Math.round(size / n) + header.headerSize + (l.payload ?? 0),
    uncompressedSize: Math.round((size * 3) / n),
    crc32: 1234 + i,
    isize: Math.round((size * 3) / n),
  }));
  return { algorithm: 'gzip' as const, members, trailingBytes: 0, trailingZeros: false };
}

function strip(files: FileRecord[]): unknown {
  return files.map((f) => ({ ...f, index: undefined, offset: undefined }));
}

function imageOf(spec: Spec, platform: string, files: LayerSpec[]): ImageReport {
  const layers = files.map((l, i) => {
    const diffHex = fakeHex(`diff:${JSON.stringify(strip(l.files))}:${JSON.stringify(l.files.map((f) => f.path))}`);
    const blobHex = fakeHex(`blob:${diffHex}:${l.blob ?? ''}:${l.algorithm ?? 'gzip'}`);
    const rep = layerReport(i, l.files, {
      digest: `sha256:${blobHex}`,
      diffId: `sha256:${diffHex}`,
      computed: { blobSha256: `sha256:${blobHex}`, diffId: `sha256:${diffHex}` },
      entry: `blobs/sha256/${blobHex}`,
      createdBy: l.createdBy ?? `RUN step ${i + 1}`,
      historyIndex: i,
    });
    if (l.algorithm === 'zstd') {
      rep.mediaType = 'application/vnd.oci.image.layer.v1.tar+zstd';
      rep.compression = {
        algorithm: 'zstd',
        frames: [{ offset: 0, kind: 'zstd', windowSize: 1 << 20, compressedSize: rep.size!, checksum: true }],
        trailingBytes: 0,
      };
    } else rep.compression = gzipInfo(l, rep.size!);
    return rep;
  });
  const history =
    spec.history ?? files.map((l, i) => ({ created: i === 0 ? '2024-03-01T10:00:00Z' : spec.created, created_by: l.createdBy ?? `RUN step ${i + 1}` }));
  const [os, architecture] = platform.split('/');
  const json = { ...spec.config, os, architecture, created: spec.created, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }, history };
  const configDigest = fakeDigest(`config:${JSON.stringify(json)}:${spec.configBytes ?? ''}`);
  const manifestDigest = fakeDigest(
    `manifest:${configDigest}:${layers.map((l) => `${l.digest}${l.mediaType}`).join()}:${spec.manifestMediaType}:${JSON.stringify(spec.manifestAnnotations ?? {})}`,
  );
  return imageReport(layers, {
    tags: spec.tags,
    platform: { os, architecture },
    os,
    architecture,
    history,
    created: spec.created,
    manifest: {
      digest: manifestDigest,
      mediaType: spec.manifestMediaType,
      size: 900,
      ...(spec.manifestAnnotations ? { annotations: spec.manifestAnnotations } : {}),
    },
    config: { digest: configDigest, mediaType: 'application/vnd.oci.image.config.v1+json', json },
  });
}

function attestationOf(img: ImageReport): ImageReport {
  const hex = fakeHex(`provenance:${img.manifest!.digest}`);
  const layer = layerReport(0, [], {
    digest: `sha256:${hex}`,
    diffId: `sha256:${hex}`,
    computed: { blobSha256: `sha256:${hex}`, diffId: `sha256:${hex}` },
    entry: `blobs/sha256/${hex}`,
    mediaType: 'application/vnd.in-toto+json',
    fileCount: null,
    compression: { algorithm: 'none' },
  });
  return imageReport([layer], {
    kind: 'attestation',
    tags: [],
    platform: { os: 'unknown', architecture: 'unknown' },
    attests: img.manifest!.digest,
    merged: null,
    history: [],
    manifest: {
      digest: fakeDigest(`att-manifest:${hex}`),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 840,
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': img.manifest!.digest },
    },
    config: { digest: fakeDigest(`att-config:${hex}`), mediaType: 'application/vnd.oci.image.config.v1+json', json: {} },
  });
}

function entry(path: string, o: Partial<FileRecord> = {}): OuterEntryRecord {
  return { ...fileRecord(path, { mtime: T + 86400, ...o }), dataOffset: 0 };
}

export function build(spec: Spec): InputReport {
  const images: ImageReport[] = [];
  for (const p of spec.platforms ?? ['linux/amd64']) {
    const img = imageOf(spec, p, spec.layers);
    if (spec.attestation) images.push(attestationOf(img));
    images.push(img);
  }
  const manifests = images.map((i) => ({
    digest: i.manifest!.digest,
    mediaType: i.manifest!.mediaType ?? undefined,
    size: 900,
    ...(i.kind === 'image'
      ? { platform: { os: i.os!, architecture: i.architecture! }, annotations: { 'org.opencontainers.image.ref.name': '1', ...spec.indexAnnotations } }
      : { annotations: i.manifest!.annotations }),
  }));
  const indexJson = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests, ...spec.indexExtra };
  let entries: OuterEntryRecord[] = [entry('oci-layout', { size: 30, sha256: fakeHex('oci-layout') }), entry('index.json', { size: 500 })];
  entries.push(entry('blobs/'), entry('blobs/sha256/'));
  for (const img of images) {
    entries.push(entry(`blobs/sha256/${img.manifest!.digest.slice(7)}`, { size: 900 }));
    entries.push(entry(`blobs/sha256/${img.config.digest!.slice(7)}`, { size: 1200 }));
    for (const l of img.layers) entries.push(entry(l.entry!, { size: l.size! }));
  }
  // One blob shared by several images is one entry.
  entries = entries.filter((e, i) => entries.findIndex((x) => x.path === e.path) === i);
  entries.forEach((e, i) => {
    e.index = i;
  });
  if (spec.entries) entries = spec.entries(entries);
  const compressed = spec.outerGzip !== undefined;
  return inputReport({
    name: spec.name,
    size: 10 * 1024 * 1024,
    format: {
      outerCompression: compressed ? gzipInfo({ files: [], gzip: spec.outerGzip }, 3_000_000) : { algorithm: 'none' },
      layout: spec.layout,
      layoutLabel: spec.layoutLabel,
      notes: [],
      tar: { entries: entries.length, zeroBlocks: 2, trailingBytes: 0, trailingGarbage: false, sawEndMarker: true, globalPax: [] },
    },
    entries,
    index: { manifests, json: indexJson },
    images,
  });
}

/** A and B from the base spec, B edited. */
export function pair(edit: (b: Spec) => void, editA?: (a: Spec) => void): [InputReport, InputReport] {
  const a = base();
  editA?.(a);
  const b = base();
  editA?.(b);
  b.name = 'app-b.tar';
  edit(b);
  return [build(a), build(b)];
}

/** Maps the files of one layer. */
export function mapFiles(s: Spec, layer: number, f: (x: FileRecord) => FileRecord): void {
  s.layers[layer].files = s.layers[layer].files.map(f);
}
