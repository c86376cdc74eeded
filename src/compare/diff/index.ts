/**
 * The differ: `diffInputs(a, b)` compares two inspection reports level by level and returns
 * a flat list of typed differences (README.md has every shape). Pure and deterministic.
 *
 * Levels run bottom-up so that a root exists before what follows from it: files → layer
 * blobs → merged fs → config → manifest (per image pair), then unpaired images, integrity,
 * the index documents, the outer archive and its compression. The result is ordered top-down
 * (input, layout, outer …, index, image, manifest, config, history, layers, files, merged).
 */
import type { InputReport } from '../../report/types';
import type { Difference, DiffResult, FieldOf, Pairing, Subject } from '../types';
import { Collector, bestRoot } from './emit';
import { Resolver } from './resolver';
import { pairImages } from './pair-images';
import { diffLayers, type ImagePairCtx } from './layers';
import { diffMerged } from './merged';
import { diffConfig } from './config';
import { diffManifest } from './manifest';
import { diffFiles } from './files';
import { hasContentHash } from './content';
import { diffInputErrors, diffIntegrity, foldMissingBlobErrors } from './integrity';
import { diffIndexDocuments, type ImageKeys } from './index-json';
import { hexOf } from './image-order';
import { registerNestedIndexes } from './nested-index';
import { diffLayout, diffOuterEnd, diffOuterEntries } from './outer';
import { diffOuterCompression } from './outer-compression';
import { isRegular } from './records';
import { legacyFolders, registerLegacyIds, registerV1Blobs } from './legacy-ids';

export { dropDeep } from './drop-deep';

const ORDER: Subject[] = [
  'input',
  'layout',
  'outer-compression',
  'outer-entry',
  'outer-order',
  'outer-end',
  'index',
  'image',
  'manifest',
  'config',
  'history',
  'layer',
  'layer-blob',
  'integrity',
  'file',
  'file-order',
  'merged',
];

export function diffInputs(a: InputReport, b: InputReport): DiffResult {
  const steps = diffSteps(a, b);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * `diffInputs` with a pause between its large steps (the layers' file lists, the merged
 * filesystems, the rest): the page's coordinator runs on the main thread and gives the event
 * loop a turn there (src/engine/compare.ts; issue 12: no task over 200 ms). Same result.
 */
export async function diffInputsPausing(a: InputReport, b: InputReport, pause: () => Promise<void>): Promise<DiffResult> {
  const steps = diffSteps(a, b);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await pause();
  }
}

function* diffSteps(a: InputReport, b: InputReport): Generator<void, DiffResult> {
  const c = new Collector();
  const r = new Resolver();
  const inputs = diffInputErrors(c, a, b);
  const layoutRoot = diffLayout(c, a, b);
  const images = pairImages(a, b);
  const layers: Pairing['layers'] = [];
  const pairs: ImagePairCtx[] = [];
  const uncompared: { where: string; why: string }[] = [];
  const folders = { a: legacyFolders(a), b: legacyFolders(b) };
  const chainRoots: (string | undefined)[] = [];

  images.forEach((p, k) => {
    if (p.a === null || p.b === null) return;
    const x: ImagePairCtx = {
      c,
      r,
      k,
      label: p.label,
      A: a.images[p.a],
      B: b.images[p.b],
      imageA: p.a,
      imageB: p.b,
      layerPairs: [],
      byPath: new Map(),
      layerRoots: new Map(),
      uncompared,
    };
    diffLayers(x);
    // v1 ids derive from the chain and the config: registered before anything names them.
    chainRoots.push(registerLegacyIds(x, diffConfig(x), folders));
    diffManifest(x);
    for (const lp of x.layerPairs) layers.push({ image: k, ...lp });
    pairs.push(x);
  });
  yield;
  images.forEach((p, k) => {
    if (p.a !== null && p.b !== null) return;
    const side = p.a !== null ? 'a' : 'b';
    const img = side === 'a' ? a.images[p.a!] : b.images[p.b!];
    const d = c.add({
      id: `image:i${k}:${side === 'a' ? '-' : '+'}`,
      subject: 'image',
      kind: side === 'a' ? 'removed' : 'added',
      scope: { image: p.label, ...(side === 'a' ? { imageA: p.a! } : { imageB: p.b! }) },
      ...(side === 'a' ? { a: p.label } : { b: p.label }),
      facts: { kind: img.kind, tags: img.tags, platform: img.platform, attests: img.attests, manifest: img.manifest?.digest },
    });
    r.add(img.manifest?.digest, d.id);
    r.add(img.config.digest, d.id);
    for (const l of img.layers) for (const key of [l.digest, l.diffId, l.entry, l.via]) r.add(key, d.id);
  });

  const bothPlain = a.format.layout === 'plain' && b.format.layout === 'plain' && a.files !== null && b.files !== null;
  if (bothPlain) diffFiles(a.files!, b.files!, { c, idPrefix: 'file:plain', orderId: 'file-order:plain', scope: {} });
  foldMissingBlobErrors(c, a, b, inputs, diffIntegrity(c, r, a, b));
  // After integrity: a path hidden because a blob is missing follows that integrity difference.
  for (const x of pairs) {
    yield;
    diffMerged(x);
  }
  yield;
  const keys: ImageKeys = { manifests: new Map(), configs: new Map() };
  for (const p of images) {
    if (p.a === null || p.b === null) continue;
    const [ia, ib] = [a.images[p.a], b.images[p.b]];
    if (ia.manifest && ib.manifest) keys.manifests.set(ia.manifest.digest, ib.manifest.digest);
    const [ca, cb] = [hexOf(ia.config.digest), hexOf(ib.config.digest)];
    if (ca && cb) keys.configs.set(ca, cb);
  }
  registerNestedIndexes(c, r, a, b);
  registerV1Blobs(r, a, b, chainRoots);
  const docRoots = diffIndexDocuments(c, r, a, b, layoutRoot, keys);
  // Plain tars: their entries are the files compared above.
  const outer = bothPlain ? { unknownContent: [] } : diffOuterEntries(c, r, a, b, layoutRoot, docRoots);
  for (const p of outer.unknownContent) uncompared.push({ where: p, why: 'content in neither report (not named by its digest, not a parsed document)' });
  diffOuterEnd(c, a, b);
  diffOuterCompression(c, a, b, bestRoot(c.list.filter((d) => d.subject !== 'input' && d.subject !== 'integrity')));
  followIncomplete(c, a, b, inputs);

  // By subject in ORDER, each subject's differences in the order they were added (a stable
  // sort by rank, without a wrapper per difference: 200,000 of them for 100,000 changed files).
  const bySubject = new Map<Subject, Difference[]>(ORDER.map((s) => [s, []]));
  const unranked: Difference[] = [];
  for (const d of c.list) (bySubject.get(d.subject) ?? unranked).push(d);
  const differences = ([] as Difference[]).concat(...bySubject.values(), unranked);
  if (bothPlain) {
    for (const f of a.files!) if (isRegular(f) && !hasContentHash(f)) uncompared.push({ where: f.path, why: 'content not digested' });
    for (const f of b.files!) if (isRegular(f) && !hasContentHash(f)) uncompared.push({ where: f.path, why: 'content not digested (B)' });
  }
  return {
    differences,
    pairing: { images, layers, ...mergedSame(pairs) },
    identicalBytes: identicalBytes(differences, a, b, uncompared.length),
    ...(uncompared.length ? { uncompared: uncompared.slice(0, 100) } : {}),
  };
}

/** `Pairing.mergedSame`: the image pairs diffMerged found the same in full (absent when none). */
function mergedSame(pairs: ImagePairCtx[]): { mergedSame?: number[] } {
  const ks = pairs.filter((x) => x.mergedSame).map((x) => x.k);
  return ks.length ? { mergedSame: ks } : {};
}

/**
 * Byte identity without the files' own digests. The report is a deterministic function of the
 * bytes, so any difference means different bytes (false). With no difference, the archives
 * are the same bytes when: the sizes are equal; the outer tars have the same entries in the
 * same order with every header field the reader keeps equal; every regular entry's content is
 * known equal (digest-named blobs trusted unless an integrity check failed for them, layer
 * blobs hashed by the engine, index.json / manifest.json / repositories equal once parsed, or
 * `sha256` on the record); and the ends agree (zero blocks, trailing bytes). What this relies
 * on and cannot see: header bytes the reader does not keep (how numeric fields are padded and
 * terminated, unused fields, the checksum's spelling), non-zero padding after entry data, and
 * whitespace in a JSON document re-serialised to the same length; for a compressed file, a
 * different deflate/zstd stream of exactly the same length. null when an input has an error,
 * the outer tar is unreadable, or an entry's content is unknown.
 */
function identicalBytes(differences: Difference[], a: InputReport, b: InputReport, unknownContent: number): boolean | null {
  if (differences.some((d) => d.subject !== 'input')) return false;
  if (a.size !== b.size) return false;
  if (differences.length || a.error || b.error) return null;
  if (!a.format.tar || !b.format.tar) return null;
  return unknownContent === 0 ? true : null;
}

/**
 * The outer listing stopped early: an error, and the tar's end marker never seen (truncated,
 * or a damaged header the reader could not pass). Errors of the layout (a missing blob, bad
 * JSON) or of one layer blob leave the listing whole: they are differences of their own.
 */
function structurallyIncomplete(x: InputReport): boolean {
  if (x.errors.some((e) => e.code === 'truncated' && !x.images.some((i) => i.layers.some((l) => l.entry !== null && l.entry === e.path)))) return true;
  return x.error !== null && (x.format.tar === null || !x.format.tar.sawEndMarker);
}

/** Integrity checks that fail when the archive ends early (the other kinds do not). */
const INCOMPLETE_CHECKS = new Set<FieldOf<'integrity'>>(['reference', 'blob-size', 'blob-digest', 'diff-id']);

/** What is missing on a side that could not be read to the end follows that side's error. */
function followIncomplete(c: Collector, a: InputReport, b: InputReport, inputs: { a?: string; b?: string }): void {
  const inc = { a: !!inputs.a && structurallyIncomplete(a), b: !!inputs.b && structurallyIncomplete(b) };
  for (const d of c.list) {
    if (d.follows || d.subject === 'input') continue;
    let side: 'a' | 'b' | undefined;
    if (d.subject === 'integrity') {
      // A blob missing or cut short on a side whose listing stopped early: the archive ended
      // before it, not a layout defect.
      const s = d.facts?.side;
      if (s && inc[s] && d.facts?.sameOnBoth !== true && INCOMPLETE_CHECKS.has(d.field)) c.setFollows(d, inputs[s]!, true);
      continue;
    }
    // Paired layers whose files one side could not read because that side ended early.
    if (d.subject === 'layer-blob' && d.facts?.filesUnknown === true) {
      const u = d.facts.unreadSide;
      const s = u === 'a' || u === 'b' ? u : inc.b ? 'b' : inc.a ? 'a' : undefined;
      if (s && inc[s]) {
        c.setFollows(d, inputs[s]!, true);
        continue;
      }
    }
    // Absent on a side: removed/added, or a value that side could not read (null).
    const noB = d.kind === 'removed' || (d.kind === 'changed' && (d.b === undefined || d.b === null));
    const noA = d.kind === 'added' || (d.kind === 'changed' && (d.a === undefined || d.a === null));
    if (noB && (inc.b || (d.facts?.incomplete && inputs.b))) side = 'b';
    else if (noA && (inc.a || (d.facts?.incomplete && inputs.a))) side = 'a';
    else if (d.subject === 'outer-end' && (inc.a || inc.b)) side = inc.b ? 'b' : 'a';
    if (side) c.setFollows(d, inputs[side]!, true);
  }
  c.flatten();
}
