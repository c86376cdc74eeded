/**
 * Tar fixtures written by the real GNU tar (1.34) at test time into tests/.fixtures/tar/.
 * Each is named after what it exercises. Built once (atomically: temp name, then rename,
 * because vitest runs test files in parallel) and reused while present.
 */
import { existsSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, sh, tempDir } from '../../support/tools';

/** A directory tree with every entry type GNU tar can store, plus long names and odd times. */
function makeTree(root: string, opts: { long: boolean; xattrs: boolean; old: boolean }): void {
  const long = 'long-' + 'a'.repeat(150);
  const target = 't'.repeat(130);
  sh(
    `
    cd "${root}"
    mkdir -p d/sub d/empty-dir
    printf 'hello\\n' > d/file.txt
    : > d/empty
    head -c 512 /dev/zero | tr '\\0' 'x' > d/block-exact
    seq 1 20000 > d/seq.txt
    printf 'x' > "d/ünïcödé"
    printf 'has space' > "d/with space"
    printf 'escapes' > "d/back\\slash"
    printf 'nl' > "d/new
line"
    ln d/file.txt d/hard
    ln -s file.txt d/sym
    ln -s ../d/sub d/sub-link
    mkfifo d/fifo
    mknod d/chr c 1 3 2>/dev/null || true
    mknod d/blk b 7 0 2>/dev/null || true
    chmod 4755 d/seq.txt
    chmod 1777 d/sub
    ${opts.long ? `mkdir -p d/${long} && printf 'deep' > d/${long}/file-in-long-dir && ln -s ${target} d/long-link` : ''}
    ${opts.old ? `printf 'old' > d/old && touch -d @-2147483648 d/old` : ''}
    touch -d @1700000000 d/file.txt
    `,
  );
  if (opts.xattrs) {
    // setfattr is not installed; python's os.setxattr makes user.* attributes on /tmp.
    sh(
      `cd "${root}" && printf 'x' > d/xattr && python3 -c "import os; os.setxattr('d/xattr','user.text',b'hello'); os.setxattr('d/xattr','user.bin',bytes([0,1,255,10]))"`,
    );
  }
}

/** 100 MiB sparse file with 30 small data regions: more than the 4 map slots of an old GNU header plus one extension block (21). */
function makeSparse(root: string): void {
  sh(`
    cd "${root}"
    mkdir -p s
    truncate -s 100M s/sparse
    for i in $(seq 0 29); do printf "chunk-$i" | dd of=s/sparse bs=1 seek=$((i * 3355443 + 1000)) conv=notrunc status=none; done
    printf 'tail' | dd of=s/sparse bs=1 seek=$((100 * 1048576 - 4)) conv=notrunc status=none
    printf 'plain' > s/plain
  `);
}

export interface Fixture {
  name: string;
  /** the command that made it (for messages) */
  how: string;
}

const RECIPES: Record<string, { tree: 'full' | 'ustar' | 'sparse'; args: string; env?: string }> = {
  'ustar.tar': { tree: 'ustar', args: '--format=ustar' },
  'v7.tar': { tree: 'ustar', args: '--format=v7 --exclude=d/fifo --exclude=d/chr --exclude=d/blk' },
  'oldgnu.tar': { tree: 'full', args: '--format=oldgnu' },
  'gnu.tar': { tree: 'full', args: '--format=gnu' },
  'gnu-base256.tar': { tree: 'full', args: '--format=gnu --owner=big:3000000 --group=huge:4000000' },
  'gnu-incremental.tar': { tree: 'full', args: '--format=gnu --listed-incremental=snapshot.snar' },
  'posix.tar': { tree: 'full', args: '--format=posix --xattrs' },
  'posix-pax-names.tar': {
    tree: 'full',
    args: "--format=posix --pax-option='exthdr.name=%d/PaxHeaders.%p/%f,globexthdr.name=/tmp/GlobalHead.%p.%n,comment=made by tarscope tests,tarscope.note=global'",
  },
  'posix-base256.tar': { tree: 'full', args: '--format=posix --owner=big:3000000 --group=huge:4000000' },
  'sparse-gnu.tar': { tree: 'sparse', args: '--format=gnu --sparse' },
  'sparse-0.0.tar': { tree: 'sparse', args: '--format=posix --sparse --sparse-version=0.0' },
  'sparse-0.1.tar': { tree: 'sparse', args: '--format=posix --sparse --sparse-version=0.1' },
  'sparse-1.0.tar': { tree: 'sparse', args: '--format=posix --sparse --sparse-version=1.0' },
};

export const FIXTURES = Object.keys(RECIPES);

/** Path of a GNU tar fixture, made if missing. */
export function gnuTarFixture(name: string): string {
  const out = fixturePath('tar', name);
  if (existsSync(out)) return out;
  const r = RECIPES[name];
  if (!r) throw new Error(`no recipe for fixture ${name}`);
  const dir = tempDir('tarscope-tar-');
  try {
    if (r.tree === 'sparse') makeSparse(dir);
    else makeTree(dir, { long: r.tree === 'full', xattrs: r.tree === 'full', old: r.tree === 'full' });
    const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    sh(`cd "${dir}" && tar ${r.args} -cf "${tmp}" ${r.tree === 'sparse' ? 's' : 'd'}`);
    renameSync(tmp, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The original sparse file, for checking that map + stored chunks rebuild it. */
export function sparseSource(): { dir: string; file: string } {
  const dir = tempDir('tarscope-sparse-');
  makeSparse(dir);
  return { dir, file: join(dir, 's/sparse') };
}

/** A GNU tar archive of a real system directory (differential test), made if missing. */
export function systemDirFixture(name: string, dir: string, format: 'gnu' | 'posix'): string {
  const out = fixturePath('tar', name);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  // --ignore-failed-read: files that vanish or are unreadable must not fail the fixture.
  sh(`tar --format=${format} --ignore-failed-read -cf "${tmp}" -C / "${dir.replace(/^\//, '')}" 2>/dev/null || test -s "${tmp}"`);
  renameSync(tmp, out);
  return out;
}

export function writeFixture(name: string, bytes: Uint8Array): string {
  const out = fixturePath('tar', name);
  writeFileSync(out, bytes);
  return out;
}
