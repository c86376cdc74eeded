/**
 * Recipes whose differing bytes come from the real writers (GNU tar, gzip, pigz, zstd, xz,
 * umoci, python3's py_compile), starting from the image fixtures (tests/fixtures) and
 * their tree (tests/fixtures/tree.ts). Where only the layer tars or blobs matter, the
 * OCI layout around them is written by the in-memory builder (tests/builders/image.ts);
 * the bytes that differ are still the writer's.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from '../support/tools';
import { nodeHooks } from '../support/hooks';
import { buildOciArchive, type ImageHooks } from '../builders/image';
import type { FixtureName } from '../fixtures/images';
import { buildPlainTree, LONG_NAME_FILE, pinMtimes, TREE_EPOCH } from '../fixtures/tree';
import type { Recipe } from './cache';

export const T = TREE_EPOCH;

/** GNU tar flags of a reproducible pack (causes.md "Remedies"), as tests/fixtures/build.ts packs. */
export const REPRO = (mtime = T) => `--sort=name --mtime=@${mtime} --owner=0 --group=0 --numeric-owner`;

// ---------------------------------------------------------------------------------------
// The outer tar: an image fixture unpacked and packed again by GNU tar
// ---------------------------------------------------------------------------------------

export interface RepackParams {
  fixture: FixtureName;
  /** GNU tar flags of the pack */
  flags: string;
  /** members, in the order given (GNU tar keeps it; --sort=name sorts within directories) */
  members: string;
}

/** `tar -xpf fixture` then `tar <flags> -cf out <members>`. */
export function repack(file: string, p: Omit<RepackParams, 'members'> & { members?: string }): Recipe<RepackParams> {
  return {
    file,
    writer: `GNU tar ${p.flags} (repack of ${p.fixture})`,
    params: { ...p, members: p.members ?? 'oci-layout index.json blobs' },
    build(out, params, { fx, work }) {
      sh(`mkdir -p x && tar -C x -xpf '${fx[params.fixture].path}'`, { cwd: work });
      sh(`tar -C x ${params.flags} -cf '${out}' ${params.members}`, { cwd: work });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Image layouts changed by umoci
// ---------------------------------------------------------------------------------------

/** Unpacks umoci-oci-layout.tar, runs umoci `commands` on it (layout `L`, tag v1; `extra.tar`
 *  holds an /opt/extra.txt layer), garbage-collects and packs it as the fixture was packed. */
export function umociEdit(file: string, commands: string[]): Recipe<{ commands: string[] }> {
  return {
    file,
    writer: `umoci: ${commands.join('; ')}`,
    params: { commands },
    build(out, params, { fx, work }) {
      sh(`mkdir -p L && tar -C L -xpf '${fx['umoci-oci-layout.tar'].path}'`, { cwd: work });
      mkdirSync(join(work, 's/opt'), { recursive: true });
      writeFileSync(join(work, 's/opt/extra.txt'), 'an extra layer\n');
      chmodSync(join(work, 's/opt'), 0o755);
      chmodSync(join(work, 's/opt/extra.txt'), 0o644);
      sh(`tar -C s ${REPRO(T + 300)} -cf extra.tar opt`, { cwd: work });
      for (const c of params.commands) sh(c, { cwd: work });
      sh(`umoci gc --layout L && tar -C L ${REPRO()} -cf '${out}' oci-layout index.json blobs`, { cwd: work });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Two-layer images whose layer tars GNU tar writes
// ---------------------------------------------------------------------------------------

/**
 * Changes made to layer 1's tree (tests/fixtures/tree.ts buildPlainTree) before it is packed:
 * `content` edits etc/app.conf, `added` adds etc/extra.txt, `type` turns the symlink
 * data/link-to-hostname into a regular file, `whiteout` deletes layer 0's etc/os-release,
 * `opaque` makes etc/ opaque, `pyc:<mtime>` adds a module and its bytecode compiled by
 * python3 from a source with that mtime (the .pyc embeds it), `sparse` adds var/lib/sparse.img:
 * 60 KiB with data only in its first and last blocks (a hole between, on filesystems with holes),
 * `short-names` removes the one path ustar cannot hold (a name component over 100 bytes).
 */
export type TreeEdit = 'content' | 'added' | 'type' | 'whiteout' | 'opaque' | 'sparse' | 'short-names' | `pyc:${number}`;

/** Where the `sparse` edit's data sits: its first block and the block at 56 KiB. */
export const SPARSE_FILE = 'var/lib/sparse.img';

export interface LayerParams {
  /** GNU tar flags (the member list is given by `find | sort`, so no --sort here) */
  flags: string;
  edits: TreeEdit[];
  /** members in reverse name order */
  reverse: boolean;
}

/** Flags of the default layer tar: GNU format, pinned mtime and owner, hardlinks stored as files
 *  (so that a different member order cannot turn a file into a hardlink). */
export const LAYER_FLAGS = (over: { mtime?: number; owner?: string; format?: string; extra?: string; hardlinks?: boolean } = {}) =>
  [
    `--mtime=@${over.mtime ?? T}`,
    over.owner ?? '--owner=0 --group=0 --numeric-owner',
    over.format ?? '--format=gnu',
    over.hardlinks ? '' : '--hard-dereference',
    over.extra ?? '',
  ]
    .join(' ')
    .trim();

/** POSIX pax format as GNU tar writes it, header names without the pid (reproducible). */
export const POSIX = (keepTimes: boolean) => `--format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f${keepTimes ? '' : ',delete=atime,delete=ctime'}`;

function applyEdits(root: string, edits: TreeEdit[]): void {
  for (const e of edits) {
    if (e === 'content') writeFileSync(join(root, 'etc/app.conf'), 'mode=a\nlevel=2\n');
    else if (e === 'added') writeFileSync(join(root, 'etc/extra.txt'), 'only in B\n', { mode: 0o644 });
    else if (e === 'type') {
      rmSync(join(root, 'data/link-to-hostname'));
      writeFileSync(join(root, 'data/link-to-hostname'), 'tarscope-fixture\n', { mode: 0o644 });
    } else if (e === 'whiteout') writeFileSync(join(root, 'etc/.wh.os-release'), '', { mode: 0o644 });
    else if (e === 'opaque') writeFileSync(join(root, 'etc/.wh..wh..opq'), '', { mode: 0o644 });
    else if (e === 'short-names') rmSync(join(root, LONG_NAME_FILE));
    else if (e === 'sparse') {
      mkdirSync(join(root, 'var/lib'), { recursive: true });
      chmodSync(join(root, 'var/lib'), 0o755);
      // Written at two offsets: the blocks between are never written (a hole), which
      // GNU tar -S finds (SEEK_HOLE) and stores as a sparse map instead of zeros.
      const fd = openSync(join(root, SPARSE_FILE), 'w', 0o644);
      writeSync(fd, 'sparse head\n', 0);
      writeSync(fd, 'sparse tail\n', 56 * 1024);
      closeSync(fd);
      chmodSync(join(root, SPARSE_FILE), 0o644);
    } else if (e.startsWith('pyc:')) {
      const dir = join(root, 'usr/lib/app');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'mod.py'), 'GREETING = "hello"\n\ndef greet():\n    return GREETING\n');
      const t = Number(e.slice(4));
      utimesSync(join(dir, 'mod.py'), t, t);
      // SOURCE_DATE_EPOCH would make py_compile write a checked-hash pyc without the mtime.
      sh(`env -u SOURCE_DATE_EPOCH python3 -c "import py_compile; py_compile.compile('mod.py', cfile='__pycache__/mod.pyc', doraise=True)"`, { cwd: dir });
      for (const d of ['usr/lib', 'usr/lib/app', 'usr/lib/app/__pycache__']) chmodSync(join(root, d), 0o755);
      for (const f of ['usr/lib/app/mod.py', 'usr/lib/app/__pycache__/mod.pyc']) chmodSync(join(root, f), 0o644);
    }
  }
}

/** Layer 0: a tiny base (etc/os-release, bin/sh) packed with the default flags. */
export function baseLayer(work: string): Uint8Array {
  const d = join(work, 'l0');
  mkdirSync(join(d, 'etc'), { recursive: true });
  mkdirSync(join(d, 'bin'), { recursive: true });
  writeFileSync(join(d, 'etc/os-release'), 'NAME="tarscope base"\nID=tarscope\n');
  chmodSync(join(d, 'etc/os-release'), 0o644); // modes set explicitly: the umask must not change the layer's bytes
  writeFileSync(join(d, 'bin/sh'), '#!/bin/true\n');
  chmodSync(join(d, 'bin/sh'), 0o755);
  for (const p of ['etc', 'bin']) chmodSync(join(d, p), 0o755);
  pinMtimes(d, T);
  sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../l0.tar`, { cwd: d });
  return new Uint8Array(readFileSync(join(work, 'l0.tar')));
}

/** Layer 1: buildPlainTree + edits, packed by GNU tar with `flags` in name (or reverse) order. */
export function gnuLayer(work: string, p: LayerParams, name = 'l1'): Uint8Array {
  const d = join(work, name);
  buildPlainTree(d, { mtime: T });
  applyEdits(d, p.edits);
  pinMtimes(d, T);
  chmodSync(d, 0o755);
  sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort ${p.reverse ? '-r' : ''} | tar -C . --no-recursion -T - ${p.flags} -cf ../${name}.tar`, { cwd: d });
  return new Uint8Array(readFileSync(join(work, `${name}.tar`)));
}

/** One image (tag v1): layer 0 the base, layer 1 a GNU tar layer; uncompressed OCI layout by the builder. */
export function gnuImage(file: string, over: Partial<LayerParams> = {}): Recipe<LayerParams> {
  const params: LayerParams = { flags: LAYER_FLAGS(), edits: [], reverse: false, ...over };
  return {
    file,
    writer: `GNU tar ${params.flags}${params.reverse ? ', members in reverse order' : ''}${params.edits.length ? `; tree edits: ${params.edits.join(', ')}` : ''}; OCI layout by tests/builders`,
    params,
    build(out, p, { work }) {
      const layers = [baseLayer(work), gnuLayer(work, p)];
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers }], nodeHooks).tar);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Layer compression by a real compressor
// ---------------------------------------------------------------------------------------

/** Runs `cmd` (reading stdin, writing stdout) on bytes given as a file whose mtime is T,
 *  so gzip without -n stores that time as the header MTIME (RFC 1952 §2.3.1). */
export function compressor(work: string, cmd: string): ImageHooks['gzip'] {
  let n = 0;
  return (bytes) => {
    const f = join(work, `blob-${n++}`);
    writeFileSync(f, bytes);
    utimesSync(f, T, T);
    return new Uint8Array(execFileSync('bash', ['-c', `${cmd} < '${f}'`], { maxBuffer: 1 << 26 }));
  };
}

/** The default two-layer image with its layers gzip-compressed by `cmd` (gzip media type). */
export function compressedImage(file: string, cmd: string): Recipe<{ cmd: string; layer: LayerParams }> {
  return {
    file,
    writer: `layers compressed by \`${cmd}\`; layer tars by GNU tar; OCI layout by tests/builders`,
    params: { cmd, layer: { flags: LAYER_FLAGS(), edits: [], reverse: false } },
    build(out, p, { work }) {
      const layers = [baseLayer(work), gnuLayer(work, p.layer)];
      const hooks: ImageHooks = { sha256: nodeHooks.sha256, gzip: compressor(work, p.cmd) };
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers }], hooks, { compress: true }).tar);
    },
  };
}

// ---------------------------------------------------------------------------------------
// The whole file: outer compression, truncation, corruption
// ---------------------------------------------------------------------------------------

/** `cmd < fixture > out` (the fixture file's mtime is pinned to T first, on a copy). */
export function outerCompressed(file: string, fixture: FixtureName, cmd: string): Recipe<{ fixture: FixtureName; cmd: string }> {
  return {
    file,
    writer: `\`${cmd}\` of ${fixture}`,
    params: { fixture, cmd },
    build(out, p, { fx, work }) {
      const copy = join(work, 'in.tar');
      writeFileSync(copy, readFileSync(fx[p.fixture].path));
      utimesSync(copy, T, T);
      sh(`${p.cmd} < in.tar > '${out}'`, { cwd: work });
    },
  };
}

/** The first `fraction` of a fixture's bytes (`head -c`). */
export function truncated(file: string, fixture: FixtureName, fraction: number): Recipe<{ fixture: FixtureName; fraction: number }> {
  return {
    file,
    writer: `head -c <${fraction} of the size> ${fixture}`,
    params: { fixture, fraction },
    build(out, p, { fx }) {
      const src = fx[p.fixture].path;
      sh(`head -c ${Math.floor(statSync(src).size * p.fraction)} '${src}' > '${out}'`);
    },
  };
}

/** A gzip fixture with its last member's CRC32 (RFC 1952 §2.3.1, the trailer's first 4 bytes) inverted. */
export function badGzipCrc(file: string, fixture: FixtureName): Recipe<{ fixture: FixtureName }> {
  return {
    file,
    writer: `${fixture} with the gzip trailer CRC32 inverted`,
    params: { fixture },
    build(out, p, { fx }) {
      const b = new Uint8Array(readFileSync(fx[p.fixture].path));
      for (let i = b.length - 8; i < b.length - 4; i++) b[i] ^= 0xff;
      writeFileSync(out, b);
    },
  };
}
