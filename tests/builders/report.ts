/**
 * Builders of realistic inspection reports for presenter tests (the UI is a pure function
 * of the report, so its tests start from reports, not archives). The merged filesystem is
 * computed with the engine's own `mergeLayers`, as in a real report, and so are dive's efficiency
 * figures and each layer's changes (`imageEfficiency`, `layerChanges`). Each scenario is named
 * after its case: a 3-layer image with whiteouts, an integrity failure, an error in the
 * middle of the archive, a 100,000-file layer, a plain tar, a multi-platform index with
 * an attestation. Runs in Node and in the browser (no Node APIs).
 */
import { mergeLayers } from '../../src/image/merge';
import { imageEfficiency } from '../../src/image/efficiency';
import { layerChanges } from '../../src/image/layer-changes';
import type { ErrorInfo } from '../../src/io/errors';
import type { HistoryEntry } from '../../src/image/model';
import type { FileRecord, ImageReport, InputReport, InspectionReport, IntegrityCheck, LayerReport } from '../../src/report/types';

/** A deterministic 64-hex "digest" of a label (not SHA-256: presenters only display it). */
export function fakeHex(label: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${label}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function fakeDigest(label: string): string {
  return `sha256:${fakeHex(label)}`;
}

const MTIME = 1_700_000_000; // 2023-11-14T22:13:20Z

export function fileRecord(path: string, o: Partial<FileRecord> = {}): FileRecord {
  const type = o.type ?? (path.endsWith('/') ? 'dir' : 'file');
  const clean = path.replace(/\/+$/, '');
  const base = clean.slice(clean.lastIndexOf('/') + 1);
  const whiteout = base === '.wh..wh..opq' ? 'opaque' : base.startsWith('.wh.') ? 'file' : undefined;
  const size = o.size ?? (type === 'file' ? 100 + clean.length : 0);
  return {
    path: clean,
    rawName: o.rawName ?? (type === 'dir' ? `${clean}/` : clean),
    type,
    typeflag: type === 'dir' ? '5' : type === 'symlink' ? '2' : type === 'hardlink' ? '1' : '0',
    size,
    mode: type === 'dir' ? 0o755 : 0o644,
    uid: 0,
    gid: 0,
    uname: 'root',
    gname: 'root',
    mtime: MTIME,
    format: 'ustar',
    offset: 0,
    index: 0,
    ...(type === 'file' && !whiteout ? { sha256: fakeHex(`content:${clean}:${size}`) } : {}),
    ...(whiteout ? { whiteout } : {}),
    ...o,
  } as FileRecord;
}

/** Sets `index` and `offset` as a tar writer would lay the records out. */
function placed(files: FileRecord[]): FileRecord[] {
  let offset = 0;
  return files.map((f, i) => {
    const r = { ...f, index: i, offset };
    offset += 512 + Math.ceil(f.size / 512) * 512;
    return r;
  });
}

export function layerReport(index: number, files: FileRecord[], o: Partial<LayerReport> = {}): LayerReport {
  const list = placed(files);
  const uncompressed = list.reduce((n, f) => n + 512 + Math.ceil(f.size / 512) * 512, 1024);
  const digest = fakeDigest(`layer-blob-${index}-${files.length}`);
  const diffId = fakeDigest(`layer-diff-${index}-${files.length}`);
  return {
    index,
    digest,
    diffId,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    size: Math.round(uncompressed / 3),
    uncompressedSize: uncompressed,
    fileCount: list.length,
    entry: `blobs/sha256/${digest.slice(7)}`,
    compression: { algorithm: 'gzip', members: [], trailingBytes: 0, trailingZeros: false },
    createdBy: null,
    historyIndex: null,
    computed: { blobSha256: digest, diffId },
    files: list,
    error: null,
    ...o,
  };
}

export function imageReport(layers: LayerReport[], o: Partial<ImageReport> = {}): ImageReport {
  const history: HistoryEntry[] = o.history ?? layers.map((l, i) => ({ created: '2024-03-01T10:00:00Z', created_by: `RUN step ${i + 1}` }));
  return {
    kind: 'image',
    tags: ['example.com/app:1.0'],
    platform: { os: 'linux', architecture: 'amd64' },
    manifest: { digest: fakeDigest('manifest'), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1234 },
    config: { digest: fakeDigest('config'), mediaType: 'application/vnd.oci.image.config.v1+json', json: {} },
    created: '2024-03-01T10:00:05.123456789Z',
    os: 'linux',
    architecture: 'amd64',
    history,
    layers: withChanges(layers),
    merged: mergeLayers(layers.map((l) => l.files)),
    efficiency: imageEfficiency(layers.map((l) => l.files)),
    ...o,
  };
}

/** What each layer changes, as the engine adds it with the merged view. */
function withChanges(layers: LayerReport[]): LayerReport[] {
  const c = layerChanges(layers.map((l) => l.files));
  return layers.map((l, i) => ({ ...l, changes: c[i] }));
}

export function inputReport(o: Partial<InputReport> = {}): InputReport {
  const images = o.images ?? [];
  const size = o.size ?? 10 * 1024 * 1024;
  return {
    name: 'app.tar',
    size,
    format: {
      outerCompression: { algorithm: 'none' },
      layout: 'oci',
      layoutLabel: 'OCI image layout (oci-archive)',
      notes: ['index.json names 1 manifest'],
      tar: { entries: 7, zeroBlocks: 2, trailingBytes: 0, trailingGarbage: false, sawEndMarker: true, globalPax: [] },
    },
    error: null,
    errors: [],
    entries: [],
    index: {
      manifests: images.filter((i) => i.manifest).map((i) => ({ digest: i.manifest!.digest, mediaType: i.manifest!.mediaType ?? undefined })),
      json: {},
    },
    dockerManifest: null,
    repositories: null,
    images,
    files: null,
    integrity: { done: true, ok: true, checks: okChecks(images) },
    stats: { bytesRead: size, elapsedMs: 850 },
    ...o,
  };
}

function okChecks(images: ImageReport[]): IntegrityCheck[] {
  return images.flatMap((im) =>
    im.layers.map((l) => ({
      kind: 'blob-digest' as const,
      ok: true,
      subject: `layer ${l.index + 1} of ${im.tags[0] ?? 'image'} (${l.entry})`,
      expected: l.digest ?? undefined,
      actual: l.digest ?? undefined,
      message: 'blob digest matches',
    })),
  );
}

export function inspectionReport(inputs: InputReport | InputReport[]): InspectionReport {
  return {
    schemaVersion: 1,
    tool: { name: 'tarscope', version: '0.1.0-test' },
    kind: 'inspection',
    createdAt: '2026-11-24T18:00:00.000Z',
    inputs: Array.isArray(inputs) ? inputs : [inputs],
  };
}

// ---- scenarios ----

/**
 * Three layers: a base with /etc and /usr/bin, a second that overwrites etc/os-release and
 * deletes usr/bin/old with a whiteout, a third that makes etc/app opaque; one empty-layer
 * history entry (ENV) between layers 1 and 2.
 */
export function threeLayerImage(): InspectionReport {
  const l0 = [
    fileRecord('etc/'),
    fileRecord('etc/os-release', { size: 400 }),
    fileRecord('etc/app/'),
    fileRecord('etc/app/old.conf', { size: 50 }),
    fileRecord('usr/'),
    fileRecord('usr/bin/'),
    fileRecord('usr/bin/old', { size: 2048, mode: 0o4755 }),
    fileRecord('usr/bin/sh', { type: 'symlink', linkname: 'busybox', size: 0 }),
  ];
  const l1 = [
    fileRecord('etc/'),
    fileRecord('etc/os-release', { size: 420 }),
    fileRecord('usr/bin/.wh.old', { size: 0 }),
    fileRecord('app/'),
    fileRecord('app/main.py', { size: 5000, uname: 'app', gname: 'app', uid: 1000, gid: 1000 }),
    fileRecord('app/util.py', { size: 3000 }),
  ];
  const l2 = [fileRecord('etc/app/'), fileRecord('etc/app/.wh..wh..opq', { size: 0 }), fileRecord('etc/app/new.conf', { size: 70 })];
  const history: HistoryEntry[] = [
    { created: '2024-03-01T10:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:0123abcd in / ' },
    { created: '2024-03-01T10:00:01Z', created_by: '/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:/usr/bin', empty_layer: true },
    { created: '2024-03-01T10:00:02Z', created_by: 'RUN /bin/sh -c apt-get update && rm /usr/bin/old # buildkit' },
    { created: '2024-03-01T10:00:03+02:00', created_by: 'COPY conf/ /etc/app/ # buildkit', comment: 'buildkit.dockerfile.v0' },
  ];
  const layers = [
    layerReport(0, l0, { createdBy: history[0].created_by!, historyIndex: 0 }),
    layerReport(1, l1, { createdBy: history[2].created_by!, historyIndex: 2 }),
    layerReport(2, l2, { createdBy: history[3].created_by!, historyIndex: 3 }),
  ];
  return inspectionReport(inputReport({ name: 'three-layers.tar', images: [imageReport(layers, { history })] }));
}

/** The second layer's bytes do not hash to its diff_id. */
export function integrityFailure(): InspectionReport {
  const r = threeLayerImage();
  const input = r.inputs[0];
  const im = input.images[0];
  const bad = im.layers[1];
  const computed = fakeDigest('what-the-bytes-hash-to');
  bad.computed.diffId = computed;
  input.integrity = {
    done: true,
    ok: false,
    checks: [
      ...input.integrity.checks,
      {
        kind: 'diff-id',
        ok: false,
        subject: `layer 2 of example.com/app:1.0 (${bad.entry})`,
        expected: bad.diffId!,
        actual: computed,
        message: 'uncompressed layer does not hash to rootfs.diff_ids[1]',
      },
    ],
  };
  return r;
}

/** The archive ends in the middle of the third layer's blob: two layers read, the third partly. */
export function errorMidArchive(): InspectionReport {
  const r = threeLayerImage();
  const input = r.inputs[0];
  const im = input.images[0];
  const cut = im.layers[2];
  const err: ErrorInfo = {
    code: 'truncated',
    component: 'tar',
    message: `tar: archive truncated in the data of '${cut.entry}' at offset 10752 (512 of 2048 bytes read)`,
    offset: 10752,
    path: cut.entry!,
  };
  cut.files = cut.files.slice(0, 1);
  cut.fileCount = null;
  cut.uncompressedSize = null;
  cut.computed = { blobSha256: null, diffId: null };
  cut.error = err;
  im.merged = null;
  delete im.efficiency;
  input.name = 'truncated.tar';
  input.error = err.message;
  input.errors = [err];
  input.format.tar = { entries: 6, zeroBlocks: 0, trailingBytes: 0, trailingGarbage: false, sawEndMarker: false, globalPax: [] };
  input.integrity = { done: false, ok: false, checks: input.integrity.checks.slice(0, 2) };
  return r;
}

/** One layer with `n` files (default 100,000) under usr/share/data/. */
export function hugeLayer(n = 100_000): InspectionReport {
  const files: FileRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const name = `usr/share/data/d${String(Math.floor(i / 1000)).padStart(3, '0')}/file-${String(i).padStart(6, '0')}.${i % 10 === 0 ? 'py' : 'txt'}`;
    files[i] = fileRecord(name, { size: (i % 4096) + 1 });
  }
  const layers = [layerReport(0, files, { createdBy: 'COPY data/ /usr/share/data/', historyIndex: 0 })];
  return inspectionReport(
    inputReport({
      name: 'huge.tar',
      images: [imageReport(layers, { history: [{ created: '2024-03-01T10:00:00Z', created_by: 'COPY data/ /usr/share/data/' }] })],
    }),
  );
}

/** Not an image: a tar of a few files. */
export function plainTar(): InspectionReport {
  return inspectionReport(
    inputReport({
      name: 'notes.tar',
      format: {
        outerCompression: { algorithm: 'none' },
        layout: 'plain',
        layoutLabel: 'plain tar (not an image)',
        notes: [],
        tar: { entries: 3, zeroBlocks: 2, trailingBytes: 9216, trailingGarbage: false, sawEndMarker: true, globalPax: [] },
      },
      index: null,
      files: placed([fileRecord('docs/'), fileRecord('docs/readme.md', { size: 1500 }), fileRecord('docs/run.sh', { size: 90, mode: 0o755 })]),
      integrity: { done: true, ok: true, checks: [] },
    }),
  );
}

/** An index with two platforms and a BuildKit attestation manifest for the first. */
export function multiPlatform(): InspectionReport {
  const amd = imageReport([layerReport(0, [fileRecord('bin/'), fileRecord('bin/app-amd64', { size: 9000 })])], {
    tags: ['example.com/app:2.0'],
    manifest: { digest: fakeDigest('manifest-amd64'), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 900 },
  });
  const arm = imageReport([layerReport(0, [fileRecord('bin/'), fileRecord('bin/app-arm64', { size: 8000 })])], {
    tags: ['example.com/app:2.0'],
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    architecture: 'arm64',
    manifest: { digest: fakeDigest('manifest-arm64'), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 910 },
  });
  const att = imageReport([layerReport(0, [], { mediaType: 'application/vnd.in-toto+json', fileCount: null, compression: { algorithm: 'none' } })], {
    kind: 'attestation',
    tags: [],
    platform: { os: 'unknown', architecture: 'unknown' },
    attests: amd.manifest!.digest,
    merged: null,
    history: [],
    manifest: {
      digest: fakeDigest('manifest-att'),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 840,
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd.manifest!.digest },
    },
  });
  return inspectionReport(inputReport({ name: 'multi.tar', images: [att, amd, arm] }));
}
