/**
 * Integrity of an image archive, from the structure (ImageArchive) and the facts the engine
 * computed while scanning blobs. Pure: no bytes are read here.
 * Checks (IntegrityKind below):
 *  - reference: every blob a manifest, index or manifest.json names is in the archive;
 *  - blob-digest: a blob's sha256 equals the digest that names it (descriptor digest,
 *    `blobs/sha256/<hex>`, legacy `<hex>.json`, ggcr `<hex>.tar.gz`) — image-spec descriptor.md;
 *  - blob-size: a blob's size equals its descriptor's size;
 *  - diff-id: a layer's uncompressed sha256 equals config rootfs.diff_ids[i] — config.md;
 *  - layer-count: as many layers as diff_ids.
 * A blob shared by several images is hash-checked once (the first subject names it).
 * Digests of other algorithms (sha512) are not checked: the engine computes sha256 only.
 */
import type { ErrorInfo } from '../io/errors';
import type { BlobRef, ImageArchive, IndexRecord } from './model';
import { imageLabel } from './config';
import { blobPath, isObject, parseDigest } from './resolve';

/** One check's kind and result (part of the report: src/report re-exports them). */
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

/** What the engine learnt about one outer entry holding a blob. */
export interface BlobFacts {
  size: number;
  /** 'sha256:<hex>' of the bytes as stored; absent while not yet computed (a comparison's
   *  fast scan verifies digests afterwards): the digest check is then left out. */
  sha256?: string;
  /** 'sha256:<hex>' of the uncompressed bytes (layers). */
  diffId?: string;
  uncompressedSize?: number;
  /** Reading or decompressing failed; sha256/diffId may then cover only part of the blob. */
  error?: ErrorInfo;
}

const BLOB_ENTRY = /^blobs\/[a-z0-9]+(?:[+._-][a-z0-9]+)*\/[a-zA-Z0-9=_-]+$/;

export function checkIntegrity(archive: ImageArchive, facts: Map<string, BlobFacts>): IntegrityCheck[] {
  const c = new Checker(facts);
  if (archive.index) c.index(archive.index);
  archive.images.forEach((img, i) => {
    const label = imageLabel(img, i);
    if (img.manifest) {
      const name = blobPath(img.manifest.digest) ?? img.manifest.digest;
      const subject = `manifest of ${label} (${img.manifest.blob?.entry ?? name})`;
      c.reference(subject, img.manifest.blob, name, `the index refers to ${name}`);
      c.blob(subject, img.manifest.blob, img.manifest.digest, img.manifest.size);
    }
    const cfg = img.config;
    if (cfg.blob || cfg.ref || cfg.digest) {
      const name = cfg.ref ?? (cfg.digest ? (blobPath(cfg.digest) ?? cfg.digest) : 'config');
      const subject = `config of ${label} (${cfg.blob?.entry ?? name})`;
      c.reference(subject, cfg.blob, name, `${img.manifest ? 'the manifest' : 'manifest.json'} refers to ${name}`);
      c.blob(subject, cfg.blob, cfg.digest ?? cfg.blob?.expectedDigest, cfg.blob?.expectedSize);
    }
    if (isObject(cfg.json) && isObject(cfg.json.rootfs) && img.kind !== 'unknown') {
      const n = img.layers.length;
      const m = cfg.diffIds.length;
      c.push({
        kind: 'layer-count',
        ok: n === m,
        subject: `layers of ${label}`,
        expected: String(m),
        actual: String(n),
        message: n === m ? `${n} layers, ${m} diff_ids` : `the manifest lists ${n} layers, but config rootfs.diff_ids lists ${m}`,
      });
    }
    for (const layer of img.layers) {
      const name = layer.ref ?? (layer.digest ? (blobPath(layer.digest) ?? layer.digest) : `layer ${layer.index + 1}`);
      const subject = `layer ${layer.index + 1} of ${label} (${layer.blob?.entry ?? name})`;
      c.reference(subject, layer.blob, name, `${img.manifest ? 'the manifest' : 'manifest.json'} refers to ${name}`);
      c.blob(subject, layer.blob, layer.digest ?? layer.blob?.expectedDigest, layer.size ?? layer.blob?.expectedSize);
      if (layer.diffId && layer.blob) c.diffId(subject, layer.blob, layer.diffId, layer.index);
    }
  });
  // Blobs named after their digest that nothing above covered (e.g. blobs no manifest refers to).
  for (const [entry, f] of facts) {
    if (!BLOB_ENTRY.test(entry)) continue;
    const d = entry.slice('blobs/'.length).replace('/', ':');
    c.blob(`blob ${entry}`, { entry }, d, undefined, f);
  }
  return c.checks;
}

class Checker {
  readonly checks: IntegrityCheck[] = [];
  private readonly done = new Set<string>();

  constructor(private readonly facts: Map<string, BlobFacts>) {}

  push(c: IntegrityCheck): void {
    this.checks.push(c);
  }

  private fact(ref: BlobRef): BlobFacts | undefined {
    return this.facts.get(ref.entry) ?? (ref.via ? this.facts.get(ref.via) : undefined);
  }

  index(idx: IndexRecord): void {
    for (const child of idx.children) {
      const name = child.digest ? (blobPath(child.digest) ?? child.digest) : child.source;
      const subject = `nested index ${child.digest ?? child.source} (${name})`;
      this.reference(subject, child.blob ?? null, name, `${idx.digest ? `index ${idx.digest}` : idx.source} refers to ${name}`);
      const d = idx.manifests.find((m) => m.digest === child.digest);
      this.blob(subject, child.blob ?? null, child.digest, d?.size);
      this.index(child);
    }
  }

  reference(subject: string, ref: BlobRef | null, name: string, referrer: string): void {
    const ok = ref !== null;
    this.push({
      kind: 'reference',
      ok,
      subject,
      expected: name,
      ...(ref ? { actual: ref.via ? `${ref.via} -> ${ref.entry}` : ref.entry } : {}),
      message: ok
        ? ref.via
          ? `${name} is a link to ${ref.entry}, which is in the archive`
          : `${name} is in the archive`
        : `${referrer}, which is not in the archive`,
    });
  }

  blob(subject: string, ref: BlobRef | null, digest: string | undefined, size: number | undefined, known?: BlobFacts): void {
    if (!ref) return;
    const f = known ?? this.fact(ref);
    if (!f) return;
    const partial = f.error ? ` (reading it failed: ${f.error.message})` : '';
    const p = digest ? parseDigest(digest) : null;
    if (digest && p?.algorithm === 'sha256' && f.sha256 !== undefined && this.once(`digest|${ref.entry}|${digest}`)) {
      const ok = f.sha256 === digest;
      this.push({
        kind: 'blob-digest',
        ok,
        subject,
        expected: digest,
        actual: f.sha256,
        message: ok ? `${ref.entry} has the digest that names it` : `${ref.entry} hashes to ${f.sha256}, but is named ${digest}${partial}`,
      });
    }
    if (size !== undefined && this.once(`size|${ref.entry}|${size}`)) {
      const ok = f.size === size;
      this.push({
        kind: 'blob-size',
        ok,
        subject,
        expected: String(size),
        actual: String(f.size),
        message: ok ? `${ref.entry} is ${size} bytes, as its descriptor says` : `${ref.entry} is ${f.size} bytes, but its descriptor says ${size}${partial}`,
      });
    }
  }

  diffId(subject: string, ref: BlobRef, diffId: string, index: number): void {
    const f = this.fact(ref);
    if (!f || (f.diffId === undefined && !f.error)) return;
    if (!this.once(`diff|${ref.entry}|${diffId}`)) return;
    const ok = f.diffId === diffId;
    const actual = f.diffId ?? `unreadable: ${f.error?.message ?? 'unknown error'}`;
    this.push({
      kind: 'diff-id',
      ok,
      subject,
      expected: diffId,
      actual,
      message: ok
        ? `uncompressed ${ref.entry} matches rootfs.diff_ids[${index}]`
        : f.diffId === undefined
          ? `uncompressed ${ref.entry} could not be hashed: ${f.error?.message ?? 'unknown error'}`
          : `uncompressed ${ref.entry} hashes to ${f.diffId}, but config rootfs.diff_ids[${index}] is ${diffId}`,
    });
  }

  private once(key: string): boolean {
    if (this.done.has(key)) return false;
    this.done.add(key);
    return true;
  }
}
