// A deterministic file tree that looks like an image layer: mostly small files, a few
// large ones, directories of ~64 entries, some symlinks and hard links. File contents are
// spliced from a corpus of real bytes (binaries and text from this machine's /usr), so
// gzip and zstd compress them about as much as real layers (ratio recorded in meta.json).
// The B side of a differing layer is the same tree with a few files changed, removed and
// added — what a rebuild of one RUN step looks like.
import { closeSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CORPUS_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/bin', '/usr/share/doc', '/usr/share/perl5', '/usr/share/i18n'];

/**
 * Up to `bytes` of real file contents, files taken in sorted order from a few system
 * directories (about half binaries, half text). Falls back to pseudo-random text when the
 * directories are missing, so the generator still runs anywhere.
 */
export function makeCorpus(bytes = 24 << 20) {
  const out = Buffer.alloc(bytes);
  let n = 0;
  const perDir = Math.ceil(bytes / CORPUS_DIRS.length);
  for (const dir of CORPUS_DIRS) {
    let budget = perDir;
    const walk = (d) => {
      let names;
      try {
        names = readdirSync(d).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (budget <= 0 || n >= bytes) return;
        const p = join(d, name);
        let st;
        try {
          st = statSync(p, { throwIfNoEntry: false });
        } catch {
          continue;
        }
        if (!st) continue;
        if (st.isDirectory()) walk(p);
        else if (st.isFile() && st.size > 0) {
          try {
            const b = readFileSync(p).subarray(0, Math.min(budget, bytes - n, 1 << 20));
            b.copy(out, n);
            n += b.length;
            budget -= b.length;
          } catch {}
        }
      }
    };
    walk(dir);
  }
  if (n < bytes) {
    const r = rng(1);
    const words = 'the of and to in is for that with layer image archive file tar digest config manifest usr lib share bin etc var'.split(' ');
    while (n < bytes) n += out.write(words[Math.floor(r() * words.length)] + (r() < 0.1 ? '\n' : ' '), n);
  }
  return out.subarray(0, bytes);
}

/** File size: 99 % log-uniform in [64 B, 64 KiB], 1 % log-uniform in [64 KiB, 8 MiB] (mean ~26 KB). */
function fileSize(r) {
  const [lo, hi] = r() < 0.99 ? [64, 64 << 10] : [64 << 10, 8 << 20];
  return Math.floor(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))));
}

/** Fills `size` bytes from the corpus in chunks of 0.5–4 KiB from random places. */
function content(r, corpus, size) {
  const b = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const len = Math.min(size - n, 512 + Math.floor(r() * 3584));
    const at = Math.floor(r() * (corpus.length - len));
    corpus.copy(b, n, at, at + len);
    n += len;
  }
  return b;
}

function writeFile(path, data) {
  const fd = openSync(path, 'w', 0o644);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes one layer's tree under `dir/<top>/…` until `bytes` of file content are written.
 * side 'b' (with `differs`) changes 64 bytes in every 211th file, leaves out every 503rd
 * and adds 8 files. Returns { files, bytes, dirs, symlinks, hardlinks, changed, removed, added }.
 */
export function writeLayerTree(dir, { seed, bytes, corpus, top, side = 'a', differs = false }) {
  const r = rng(seed);
  const change = rng(seed ^ 0x5bd1e995);
  const stats = { files: 0, bytes: 0, dirs: 0, symlinks: 0, hardlinks: 0, changed: 0, removed: 0, added: 0 };
  let d = -1;
  let dirPath = '';
  let prev = null; // previous file in the same directory (link targets)
  for (let i = 0; stats.bytes < bytes; i++) {
    if (i % 64 === 0) {
      d++;
      dirPath = join(dir, top, `d${String(d >> 4).padStart(3, '0')}`, `s${String(d & 15).padStart(2, '0')}`);
      mkdirSync(dirPath, { recursive: true });
      stats.dirs++;
      prev = null;
    }
    const size = fileSize(r);
    const data = content(r, corpus, size);
    const name = join(dirPath, `f${String(i).padStart(6, '0')}${['.so', '.txt', '.py', '', '.json', '.gz'][i % 6]}`);
    if (differs && side === 'b' && i % 503 === 11) {
      stats.removed++;
      continue;
    }
    if (differs && side === 'b' && i % 211 === 7) {
      const at = Math.floor(change() * Math.max(1, size - 64));
      for (let k = 0; k < 64 && at + k < size; k++) data[at + k] ^= 0x5a;
      stats.changed++;
    }
    writeFile(name, data);
    stats.files++;
    stats.bytes += size;
    if (i % 97 === 5 && prev) {
      symlinkSync(`./${prev.split('/').pop()}`, `${name}.link`);
      stats.symlinks++;
    } else if (i % 389 === 3 && prev) {
      linkSync(prev, `${name}.hard`);
      stats.hardlinks++;
    }
    prev = name;
  }
  if (differs && side === 'b') {
    const added = join(dir, top, 'added');
    mkdirSync(added, { recursive: true });
    for (let k = 0; k < 8; k++) {
      const size = fileSize(change);
      writeFile(join(added, `new${k}.bin`), content(change, corpus, size));
      stats.added++;
      stats.bytes += size;
    }
  }
  return stats;
}
