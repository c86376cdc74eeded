// The native references, run on exactly the layer blobs tarscope deep-scanned, as files
// in the page cache (read once beforehand), with as many concurrent pipelines as cores
// (a job queue in layer order, like `xargs -P$(nproc)`: for a pair, A's and B's layers run
// side by side). Throughput = uncompressed layer bytes / wall time of the whole queue.
//
// Pipelines, per layer blob (DEC = `gzip -dc f |` or `zstd -dc f |`, nothing when uncompressed):
//   walk-sha256  DEC tarwalk -e sha256            tar walk + SHA-256 of every entry (the target's reference)
//   walk-xxh3    DEC tarwalk -e xxh3              tar walk + XXH3-64 of every entry (what xxhsum -H3 computes)
//   same-work    blob SHA-256 + diff_id SHA-256 + tar walk + SHA-256 of every entry (what tarscope computes)
//   tar-list     DEC tar -tvf -                   GNU tar listing
//   sha256sum    DEC sha256sum                    SHA-256 of the uncompressed stream (the diff_id)
//   xxhsum       DEC xxhsum -H3                   XXH3 of the uncompressed stream
//   decompress   gzip -dc / zstd -dc > /dev/null  (compressed layers only)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { have, pool, sh, timed } from './exec.mjs';
import { median, mbps } from './stats.mjs';

const SOURCE = fileURLToPath(new URL('./tarwalk.c', import.meta.url));

/** Compiles tarwalk.c into `binDir` (once per source version). Returns { path, xxh3, cc } or { error }. */
export function buildTarwalk(binDir) {
  if (!have('cc')) return { error: 'no C compiler (apt-get install gcc libssl-dev libxxhash-dev)' };
  mkdirSync(binDir, { recursive: true });
  const src = readFileSync(SOURCE);
  const tag = createHash('sha256').update(src).digest('hex').slice(0, 12);
  const bin = join(binDir, `tarwalk-${tag}`);
  const flagsFile = `${bin}.flags`;
  if (existsSync(bin) && existsSync(flagsFile)) return JSON.parse(readFileSync(flagsFile, 'utf8'));
  const attempts = [
    { flags: `-O2 -DTARWALK_XXH3 '${SOURCE}' -lcrypto -lxxhash`, xxh3: true },
    { flags: `-O2 '${SOURCE}' -lcrypto`, xxh3: false },
  ];
  let last = '';
  for (const a of attempts) {
    try {
      sh(`cc -o '${bin}' ${a.flags}`);
      const info = {
        path: bin,
        xxh3: a.xxh3,
        cc: `cc ${a.flags.replace(SOURCE, 'scripts/bench/tarwalk.c').replaceAll("'", '')}`,
        version: sh('cc --version | head -n1').trim(),
      };
      writeFileSync(flagsFile, JSON.stringify(info));
      return info;
    } catch (e) {
      last = String(e.message).split('\n').slice(-3).join(' ');
    }
  }
  return { error: `tarwalk does not compile (needs libssl-dev): ${last}` };
}

const DEC = { gzip: (f) => `gzip -dc '${f}' | `, zstd: (f) => `zstd -dc '${f}' | `, none: () => '' };

/** The pipelines, as functions of a blob { path, compression } → bash command (null: not applicable). */
export function pipelines(tarwalk) {
  const tw = tarwalk?.path;
  const p = [];
  if (tw) {
    p.push({
      id: 'walk-sha256',
      label: 'tar walk + SHA-256 of every entry (C, OpenSSL)',
      cmd: (b) => (b.compression === 'none' ? `'${tw}' -e sha256 '${b.path}'` : `${DEC[b.compression](b.path)}'${tw}' -e sha256`),
    });
    if (tarwalk.xxh3)
      p.push({
        id: 'walk-xxh3',
        label: 'tar walk + XXH3-64 of every entry (C, libxxhash)',
        cmd: (b) => (b.compression === 'none' ? `'${tw}' -e xxh3 '${b.path}'` : `${DEC[b.compression](b.path)}'${tw}' -e xxh3`),
      });
    p.push({
      id: 'same-work',
      label: 'blob SHA-256 + diff_id SHA-256 + walk + SHA-256 of every entry (what tarscope computes)',
      cmd: (b) =>
        b.compression === 'none'
          ? `'${tw}' -s -e sha256 '${b.path}'` // blob digest = diff_id: one stream hash
          : `tee >(sha256sum > /dev/null) < '${b.path}' | ${b.compression === 'gzip' ? 'gzip' : 'zstd'} -dc | '${tw}' -s -e sha256`,
    });
  }
  p.push({
    id: 'tar-list',
    label: 'GNU tar -tvf (listing)',
    cmd: (b) => (b.compression === 'none' ? `tar -tvf '${b.path}' > /dev/null` : `${DEC[b.compression](b.path)}tar -tvf - > /dev/null`),
  });
  p.push({
    id: 'sha256sum',
    label: 'sha256sum of the uncompressed stream (diff_id)',
    cmd: (b) => `${DEC[b.compression](b.path)}sha256sum ${b.compression === 'none' ? `'${b.path}'` : ''} > /dev/null`,
  });
  if (have('xxhsum'))
    p.push({
      id: 'xxhsum',
      label: 'xxhsum -H3 of the uncompressed stream',
      cmd: (b) => `${DEC[b.compression](b.path)}xxhsum -H3 ${b.compression === 'none' ? `'${b.path}'` : '-'} > /dev/null`,
    });
  p.push({
    id: 'decompress',
    label: 'decompression alone (gzip -dc / zstd -dc > /dev/null)',
    cmd: (b) => (b.compression === 'none' ? null : `${DEC[b.compression](b.path).slice(0, -3)} > /dev/null`),
  });
  return p;
}

/**
 * Runs every pipeline `runs` times over `blobs` ([{ path, compression, uncompressedSize }])
 * with `concurrency` lanes. Returns { [id]: { label, example, runsMs, medianMs, mbps, bytes } }.
 */
export async function runNative(blobs, { tarwalk, runs = 3, concurrency = availableParallelism(), log = () => {} }) {
  const bytes = blobs.reduce((n, b) => n + b.uncompressedSize, 0);
  sh(`cat ${blobs.map((b) => `'${b.path}'`).join(' ')} > /dev/null`); // warm the page cache, as for the page
  const out = {};
  const list = pipelines(tarwalk).filter((p) => blobs.every((b) => p.cmd(b) !== null));
  for (const p of list) out[p.id] = { label: p.label, example: p.cmd(blobs[0]).replaceAll(/'[^']*\/([^'/]+)'/g, '$1'), runsMs: [], failures: [] };
  for (let r = 0; r < runs; r++) {
    for (const p of list) {
      const t0 = performance.now();
      const results = await pool(
        blobs.map((b) => () => timed(p.cmd(b), { keepStdout: false })),
        concurrency,
      );
      const ms = performance.now() - t0;
      const bad = results.find((x) => x.code !== 0);
      if (bad) out[p.id].failures.push(bad.stderr.slice(-300));
      out[p.id].runsMs.push(bad ? null : ms);
    }
    log(`native run ${r + 1}/${runs}: ` + list.map((p) => `${p.id} ${out[p.id].runsMs[r]?.toFixed(0)} ms`).join(', '));
  }
  for (const p of list) {
    const e = out[p.id];
    e.medianMs = median(e.runsMs);
    e.bytes = bytes;
    e.mbps = e.medianMs ? mbps(bytes, e.medianMs) : null;
    e.runsMbps = e.runsMs.map((ms) => (ms ? mbps(bytes, ms) : null));
  }
  return { concurrency, bytes, blobs: blobs.length, pipelines: out };
}
