/**
 * Layers of an image pair: pairing (pair-layers.ts), the files of each pair (files.ts), the
 * `layer-blob` difference when the blobs differ, and `layer` differences for unpaired layers.
 * Registers each pair's root in the resolver so manifest/config/index digests follow it.
 */
import type { ImageReport, LayerReport } from '../../report/types';
import type { CompressionDelta, Difference, LayerBlobFacts, Scope } from '../types';
import { bestRoot, type Collector } from './emit';
import type { Resolver } from './resolver';
import { pairLayers, type LayerPair } from './pair-layers';
import { diffFiles } from './files';
import { compressionFields, memberCount, seekableKind } from './compression';

export interface ImagePairCtx {
  c: Collector;
  r: Resolver;
  /** Position in pairing.images. */
  k: number;
  label: string;
  A: ImageReport;
  B: ImageReport;
  imageA: number;
  imageB: number;
  /** Filled by diffLayers. */
  layerPairs: LayerPair[];
  /** Every file difference of this image pair, by path (merged.ts). */
  byPath: Map<string, Difference[]>;
  /** `${a}-${b}` → root of that layer pair; unpaired layers: `${a}-` / `-${b}`. */
  layerRoots: Map<string, string>;
  /** DiffResult.uncompared */
  uncompared: { where: string; why: string }[];
  /** Set by diffMerged: both merged filesystems read in full and every path the same
   *  (`Pairing.mergedSame`). */
  mergedSame?: boolean;
}

export function imageScope(x: ImagePairCtx): Scope {
  return { image: x.label, imageA: x.imageA, imageB: x.imageB };
}

export function filesKnown(l: LayerReport): boolean {
  return l.fileCount !== null || l.files.length > 0;
}

function blobDigest(l: LayerReport): string | null {
  return l.digest ?? l.computed.blobSha256;
}

/** Same bytes for sure: the engine hashed both and the hashes agree. */
function sameBytes(a: LayerReport, b: LayerReport): boolean {
  const blob = a.computed.blobSha256 !== null && a.computed.blobSha256 === b.computed.blobSha256;
  const tar = a.computed.diffId !== null && a.computed.diffId === b.computed.diffId;
  return (blob || tar) && !a.error && !b.error;
}

function register(x: ImagePairCtx, l: LayerReport, id: string | undefined): void {
  for (const key of [l.digest, l.diffId, l.computed.blobSha256, l.computed.diffId, l.entry, l.via]) x.r.add(key, id);
}

/** Deflate payload sizes (member minus its header), to see whether only header bytes moved. */
function payloadSizes(l: LayerReport): string | null {
  const c = l.compression;
  return c?.algorithm === 'gzip' ? c.members.map((m) => m.compressedSize - m.header.headerSize).join(',') : null;
}

function blobFacts(a: LayerReport, b: LayerReport, fileDiffs: number, known: boolean): LayerBlobFacts {
  const fields = compressionFields(a.compression, b.compression);
  const f: LayerBlobFacts = {
    sameDiffId: a.diffId !== null && a.diffId === b.diffId,
    diffIdA: a.diffId,
    diffIdB: b.diffId,
    algorithmA: a.compression?.algorithm ?? null,
    algorithmB: b.compression?.algorithm ?? null,
    mediaTypeA: a.mediaType,
    mediaTypeB: b.mediaType,
    sizeA: a.size,
    sizeB: b.size,
    uncompressedSizeA: a.uncompressedSize,
    uncompressedSizeB: b.uncompressedSize,
    seekableA: seekableKind(a.compression),
    seekableB: seekableKind(b.compression),
  };
  if (a.compression?.algorithm === 'gzip' && b.compression?.algorithm === 'gzip') {
    const gz: CompressionDelta = {};
    for (const x of fields) {
      if (!x.header) continue;
      const key = `${x.field.slice('gzip.'.length)}${x.member ? `@${x.member}` : ''}`;
      if (Object.keys(gz).length < 16) gz[key] = { a: x.a ?? null, b: x.b ?? null };
    }
    f.gzip = gz;
    f.gzipMembersA = memberCount(a.compression);
    f.gzipMembersB = memberCount(b.compression);
    // RFC 1952: the header is outside the deflate data and the CRC; equal payload sizes and
    // equal uncompressed bytes leave the deflate stream possibly identical.
    f.gzipHeaderOnly = fields.length > 0 && fields.every((x) => x.header) && payloadSizes(a) === payloadSizes(b) && f.sameDiffId === true;
  }
  if (a.compression?.algorithm === 'zstd' && b.compression?.algorithm === 'zstd') {
    const zs: CompressionDelta = {};
    for (const x of fields) {
      const key = `${x.field.slice('zstd.'.length)}${x.frame ? `@${x.frame}` : ''}`;
      if (Object.keys(zs).length < 16) zs[key] = { a: x.a ?? null, b: x.b ?? null };
    }
    f.zstd = zs;
    f.zstdFramesA = memberCount(a.compression);
    f.zstdFramesB = memberCount(b.compression);
  }
  if (!known) {
    f.filesUnknown = true;
    // Which side's files were not read (an incomplete input explains only its own side).
    f.unreadSide = !filesKnown(a) && !filesKnown(b) ? 'both' : !filesKnown(a) ? 'a' : 'b';
  } else if (fileDiffs === 0) f.filesEqual = true;
  return f;
}

/**
 * The index of another layer on the same side with the same diff_id, or null. The first two
 * indexes of each diff_id are found once per side (`firsts`): a search per unpaired layer was
 * quadratic when one side lists thousands of layers (issue 12).
 */
function duplicateOf(layers: LayerReport[], i: number, firsts: Map<string, number[]>): number | null {
  const d = layers[i].diffId;
  if (!d) return null;
  const j = firsts.get(d)?.find((n) => n !== i);
  return j === undefined ? null : j;
}

function firstIndexes(layers: LayerReport[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  layers.forEach((l, n) => {
    if (!l.diffId) return;
    const list = m.get(l.diffId);
    if (!list) m.set(l.diffId, [n]);
    else if (list.length < 2) list.push(n);
  });
  return m;
}

export function diffLayers(x: ImagePairCtx): void {
  const { c, A, B } = x;
  x.layerPairs = pairLayers(A.layers, B.layers);
  const base = imageScope(x);
  for (const p of x.layerPairs) {
    if (p.a === null || p.b === null) continue;
    const la = A.layers[p.a];
    const lb = B.layers[p.b];
    const tag = `i${x.k}:L${p.a}-${p.b}`;
    const scope: Scope = { ...base, layerA: p.a, layerB: p.b };
    const known = filesKnown(la) && filesKnown(lb);
    const fileDiffs =
      known && !sameBytes(la, lb)
        ? diffFiles(la.files, lb.files, {
            c,
            idPrefix: `file:${tag}`,
            orderId: `file-order:${tag}`,
            scope,
            incompleteA: la.error !== null,
            incompleteB: lb.error !== null,
            byPath: x.byPath,
          })
        : [];
    // Not compared although they may differ: the digests differ, a side failed, or one side
    // was hashed and the other not (a blob the engine could not scan).
    const asymmetric = (la.computed.blobSha256 === null) !== (lb.computed.blobSha256 === null);
    if (!known && (blobDigest(la) !== blobDigest(lb) || la.error || lb.error || asymmetric)) {
      const side = !filesKnown(la) && !filesKnown(lb) ? 'either side' : !filesKnown(la) ? 'side A' : 'side B';
      x.uncompared.push({ where: `layer ${p.a + 1} ↔ ${p.b + 1} of ${x.label}`, why: `files not read on ${side}` });
    }
    const fileRoot = bestRoot(fileDiffs);
    let root = fileRoot;
    const da = blobDigest(la);
    const db = blobDigest(lb);
    if (da !== db) {
      const facts = blobFacts(la, lb, fileDiffs.length, known);
      const d = c.add({
        id: `layer-blob:${tag}`,
        subject: 'layer-blob',
        kind: 'changed',
        scope,
        field: 'digest',
        a: da,
        b: db,
        follows: facts.sameDiffId ? undefined : fileRoot,
        facts,
      });
      root ??= d.id;
    }
    if (root) x.layerRoots.set(`${p.a}-${p.b}`, root);
    register(x, la, root);
    register(x, lb, root);
  }
  const firsts = { a: firstIndexes(A.layers), b: firstIndexes(B.layers) };
  for (const p of x.layerPairs) {
    if (p.a !== null && p.b !== null) continue;
    const side = p.a !== null ? 'a' : 'b';
    const layers = side === 'a' ? A.layers : B.layers;
    const i = (side === 'a' ? p.a : p.b)!;
    const l = layers[i];
    const d = c.add({
      id: side === 'a' ? `layer:i${x.k}:L${i}-` : `layer:i${x.k}:L-${i}`,
      subject: 'layer',
      kind: side === 'a' ? 'removed' : 'added',
      scope: { ...base, ...(side === 'a' ? { layerA: i } : { layerB: i }) },
      ...(side === 'a' ? { a: blobDigest(l) } : { b: blobDigest(l) }),
      facts: {
        diffId: l.diffId,
        duplicateOf: duplicateOf(layers, i, firsts[side]),
        createdBy: l.createdBy,
        mediaType: l.mediaType,
        size: l.size,
        fileCount: l.fileCount,
      },
    });
    x.layerRoots.set(side === 'a' ? `${i}-` : `-${i}`, d.id);
    register(x, l, d.id);
  }
}
