/**
 * Recipes for "same files, other representation" (issue 11, point 3): archives whose merged
 * filesystem is the same while their layer tars differ. The layer bytes come from GNU tar:
 *  - a file with a hole stored dense and with `-S` (old GNU 'S' entry, or pax sparse 1.0);
 *  - the same tree as one squashed layer and as three layers (a whiteout in the third).
 * Hardlink vs copy (`--hard-dereference`) and opaque vs explicit whiteouts are gnuImage
 * recipes (writers.ts); the OCI layout around the layers is written by tests/builders.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { nodeHooks } from '../support/hooks';
import { sh } from '../support/tools';
import { buildOciArchive } from '../builders/image';
import { pinMtimes } from '../fixtures/tree';
import type { Recipe } from './cache';
import { baseLayer, gnuLayer, LAYER_FLAGS, POSIX, SPARSE_FILE, T } from './writers';

export interface SparseParams {
  format: 'gnu' | 'pax';
  /** GNU tar -S (pax: --sparse-version=1.0, the map at the start of the data) */
  sparse: boolean;
}

/** Does GNU tar's output store SPARSE_FILE as a sparse entry? (the filesystem must have holes) */
function storedSparse(tar: Uint8Array, format: SparseParams['format']): boolean {
  const text = Buffer.from(tar).toString('latin1');
  if (format === 'pax') return text.includes(`GNU.sparse.name=${SPARSE_FILE}`) || text.includes(`GNU.sparse.name=./${SPARSE_FILE}`);
  for (let at = 0; at + 512 <= tar.length; at += 512) {
    const name = text.slice(at, at + 100).replace(/\0.*$/s, '');
    if (name === SPARSE_FILE || name === `./${SPARSE_FILE}`) return tar[at + 156] === 0x53; // 'S'
  }
  return false;
}

/** The two-layer image with SPARSE_FILE in layer 1, packed dense or with GNU tar -S. */
export function sparseImage(file: string, params: SparseParams): Recipe<SparseParams> {
  return {
    file,
    writer: `GNU tar --format=${params.format}${params.sparse ? ' -S' : ''} of a tree with a file with a hole; OCI layout by tests/builders`,
    params,
    build(out, p, { work }) {
      const format = p.format === 'gnu' ? '--format=gnu' : POSIX(false);
      const extra = p.sparse ? (p.format === 'pax' ? '--sparse --sparse-version=1.0' : '--sparse') : '';
      const l1 = gnuLayer(work, { flags: LAYER_FLAGS({ format, extra }), edits: ['sparse'], reverse: false });
      if (p.sparse && !storedSparse(l1, p.format)) throw new Error(`GNU tar -S stored ${SPARSE_FILE} dense: the scratch filesystem has no holes`);
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers: [baseLayer(work), l1], history: [] }], nodeHooks).tar);
    },
  };
}

/** Layer 2 of the layered image: adds etc/extra.txt, deletes layer 1's tmp/delete-me.txt. */
function extraLayer(work: string): Uint8Array {
  const d = join(work, 'l2');
  mkdirSync(join(d, 'etc'), { recursive: true });
  mkdirSync(join(d, 'tmp'), { recursive: true });
  writeFileSync(join(d, 'etc/extra.txt'), 'added by layer 3\n');
  writeFileSync(join(d, 'tmp/.wh.delete-me.txt'), '');
  chmodSync(join(d, 'etc'), 0o755);
  chmodSync(join(d, 'tmp'), 0o1777);
  chmodSync(join(d, 'etc/extra.txt'), 0o644);
  chmodSync(join(d, 'tmp/.wh.delete-me.txt'), 0o644);
  pinMtimes(d, T);
  sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../l2.tar`, { cwd: d });
  return new Uint8Array(readFileSync(join(work, 'l2.tar')));
}

export interface SquashParams {
  /** one layer holding the merged tree, or the three layers it is made of */
  squashed: boolean;
}

/**
 * Three GNU tar layers (base; the fixture tree; etc/extra.txt and a whiteout of
 * tmp/delete-me.txt), or the same three extracted by GNU tar into one directory in order,
 * the whiteout applied, and packed again as one layer (what `docker build --squash` or
 * `umoci raw add-layer` of a flattened rootfs give). No history on either side (a squash
 * rewrites it: that would be a second difference).
 */
export function squashImage(file: string, params: SquashParams): Recipe<SquashParams> {
  return {
    file,
    writer: `GNU tar: ${params.squashed ? 'one layer of the merged tree' : 'three layers'}; OCI layout by tests/builders`,
    params,
    build(out, p, { work }) {
      const layers = [baseLayer(work), gnuLayer(work, { flags: LAYER_FLAGS(), edits: [], reverse: false }), extraLayer(work)];
      if (!p.squashed) {
        writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers, history: [] }], nodeHooks).tar);
        return;
      }
      const root = join(work, 'squashed');
      mkdirSync(root);
      for (const n of ['l0', 'l1', 'l2']) sh(`tar -C '${root}' -xpf ../${n}.tar`, { cwd: join(work, n) });
      rmSync(join(root, 'tmp/.wh.delete-me.txt'));
      rmSync(join(root, 'tmp/delete-me.txt'));
      chmodSync(root, 0o755);
      pinMtimes(root, T);
      sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../squashed.tar`, { cwd: root });
      const squashed = new Uint8Array(readFileSync(join(work, 'squashed.tar')));
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers: [squashed], history: [] }], nodeHooks).tar);
    },
  };
}
