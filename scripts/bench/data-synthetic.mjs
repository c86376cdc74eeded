// Pairs (2) and (3) of the benchmark, and the tiny pair of --quick: two images of 8 layers
// of which 2 differ (layers 5 and 8), as archives in up to three variants:
//   none → docker-archive by skopeo (uncompressed layers, what `docker save` writes)
//   gzip → oci-archive (layers pigz -n -6), zstd → oci-archive (layers zstd -3)
// Six layer blobs are byte-identical in A and B (a rebuild that only re-ran two steps);
// B's two other layers have a few files changed/removed/added and every mtime one hour
// later; the configs differ in `created` and in those two history entries.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from './exec.mjs';
import { MEDIA, TAR_REPRO, compress, packOciArchive, sha256File, toDockerArchive, writeOciLayout } from './image-writer.mjs';
import { makeCorpus, writeLayerTree } from './synthetic-tree.mjs';

export const GENERATOR_VERSION = 3;
/** Share of the image's bytes per layer: a big base, smaller steps on top (realistic, uneven). */
export const LAYER_WEIGHTS = [0.3, 0.2, 0.12, 0.1, 0.08, 0.08, 0.06, 0.06];
/** 0-based indexes of the layers that differ between A and B. */
export const DIFFERING = [4, 7];
const T0 = 1_735_689_600; // 2025-01-01T00:00:00Z
const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

export function stampFor(totalBytes, variants) {
  return { generator: 'data-synthetic', version: GENERATOR_VERSION, totalBytes, variants, weights: LAYER_WEIGHTS, differing: DIFFERING };
}

/**
 * Generates the pair into `dir`. Returns meta: the pool of layer blobs (by digest: path,
 * compression, uncompressed size) and per variant the two archives with their layer digests.
 */
export async function makeSyntheticPair(dir, { totalBytes, variants = ['none', 'gzip', 'zstd'], log = () => {} }) {
  const t = performance.now();
  const corpus = makeCorpus(Math.min(24 << 20, Math.max(1 << 20, totalBytes / 8)));
  const layersDir = join(dir, 'layers');
  mkdirSync(layersDir, { recursive: true });
  /** key → { tar, diffId, uncompressedSize, tree stats, index, side } */
  const layers = {};
  for (let i = 0; i < LAYER_WEIGHTS.length; i++) {
    const differs = DIFFERING.includes(i);
    for (const side of differs ? ['a', 'b'] : ['shared']) {
      const key = differs ? `${side}-${i}` : `shared-${i}`;
      const tree = join(dir, `tree-${key}`);
      const top = i % 2 === 0 ? `usr/lib/l${i}` : `opt/app${i}`;
      const stats = writeLayerTree(tree, {
        seed: 1000 + i,
        bytes: Math.round(totalBytes * LAYER_WEIGHTS[i]),
        corpus,
        top,
        side: side === 'b' ? 'b' : 'a',
        differs,
      });
      const mtime = T0 + i * 60 + (side === 'b' ? 3600 : 0);
      const tar = join(layersDir, `${key}.tar`);
      sh(`umask 022; tar -C '${tree}' ${TAR_REPRO(mtime)} -cf '${tar}' ${top.split('/')[0]}`);
      rmSync(tree, { recursive: true, force: true });
      const diffId = await sha256File(tar);
      layers[key] = { index: i, side, tar, diffId, uncompressedSize: statSync(tar).size, mtime, tree: stats, blobs: {} };
      log(`layer ${key}: ${stats.files} files, ${(statSync(tar).size / 1e6).toFixed(1)} MB`);
    }
  }
  /** digest → { path, compression, size, uncompressedSize } (what the native pipeline reads) */
  const blobs = {};
  for (const l of Object.values(layers)) {
    for (const alg of variants) {
      const c = compress(l.tar, alg);
      const digest = alg === 'none' ? l.diffId : await sha256File(c.path);
      const size = statSync(c.path).size;
      l.blobs[alg] = { path: c.path, digest, size, command: c.command };
      blobs[digest] = { path: c.path, compression: alg, size, uncompressedSize: l.uncompressedSize, key: `${alg}:${l.side}-${l.index}` };
    }
  }
  const archives = {};
  for (const alg of variants) {
    archives[alg] = {};
    for (const side of ['a', 'b']) {
      const list = LAYER_WEIGHTS.map((_, i) => layers[DIFFERING.includes(i) ? `${side}-${i}` : `shared-${i}`]);
      const created = iso(T0 + 3600 + (side === 'b' ? 3600 : 0));
      const layout = join(dir, `layout-${alg}-${side}`);
      const ids = writeOciLayout(
        layout,
        list.map((l) => ({
          path: l.blobs[alg].path,
          mediaType: MEDIA[alg],
          digest: l.blobs[alg].digest,
          size: l.blobs[alg].size,
          diffId: l.diffId,
          created: iso(l.mtime),
          createdBy: `/bin/sh -c build-step-${l.index + 1}.sh # (nop) layer ${l.index + 1}`,
        })),
        { created, refName: 'latest', labels: { 'org.opencontainers.image.title': 'tarscope-bench' } },
      );
      const out = join(dir, `${alg}-${side}.tar`);
      const written = alg === 'none' ? toDockerArchive(layout, 'latest', out, 'tarscope/bench:latest') : packOciArchive(layout, out, T0);
      rmSync(layout, { recursive: true, force: true });
      archives[alg][side] = {
        ...written,
        format: alg === 'none' ? 'docker-archive' : 'oci-archive',
        configDigest: ids.configDigest,
        layers: list.map((l) => ({ digest: l.blobs[alg].digest, diffId: l.diffId, index: l.index })),
      };
    }
  }
  const uncompressed = Object.values(layers).reduce((n, l) => n + l.uncompressedSize, 0);
  const ratios = {};
  for (const alg of variants) {
    ratios[alg] = uncompressed / Object.values(layers).reduce((n, l) => n + l.blobs[alg].size, 0);
  }
  return {
    totalBytes,
    layerWeights: LAYER_WEIGHTS,
    differing: DIFFERING,
    layers,
    blobs,
    archives,
    compressionRatios: ratios,
    filesPerSide: LAYER_WEIGHTS.reduce((n, _, i) => n + layers[DIFFERING.includes(i) ? `a-${i}` : `shared-${i}`].tree.files, 0),
    generatedInMs: Math.round(performance.now() - t),
    commands: [
      'tree: scripts/bench/synthetic-tree.mjs (contents spliced from real /usr bytes)',
      `layer: tar ${TAR_REPRO('<T>')} -cf <layer>.tar <top>`,
      'gzip: pigz -n -6; zstd: zstd -3 -T0',
      'none: skopeo copy oci:<layout>:latest docker-archive:<out>:tarscope/bench:latest',
      'gzip/zstd: tar -C <layout> ' + TAR_REPRO(T0) + ' --hard-dereference -cf <out> oci-layout index.json blobs',
    ],
  };
}
