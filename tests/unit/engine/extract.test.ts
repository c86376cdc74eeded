/**
 * The extract job on real-writer fixtures (umoci/skopeo gzip, zstd, zstd:chunked, plain
 * layers; expectations read back by GNU tar + sha256sum) and on built edge cases: early
 * stop, ranges and block hashes, duplicate paths, corruption (exact messages), cancellation.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { openAsBlob, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { imageFixtures, type ImageFixtures } from '../../fixtures/images';
import { extractJob, type ExtractWant } from '../../../src/engine/extract';
import { inlineRunner } from '../../../src/engine/inline';
import { indexArchive } from '../../../src/engine/jobs';
import { normalizePath } from '../../../src/formats/tar/normalize';
import { buildTar } from '../../builders/tar';
import { noise, run } from '../compare/evidence/support';
import { tempDir } from '../../support/tools';
import { readChunks } from '../../../src/io/read';
import { GzipDecoder } from '../../../src/formats/gzip/decoder';

let fx: ImageFixtures;
beforeAll(async () => {
  fx = await imageFixtures();
}, 180_000);

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const blobOf = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

describe('extract on real-writer fixtures', () => {
  for (const name of [
    'umoci-oci-layout.tar',
    'skopeo-oci-archive-zstd.tar',
    'skopeo-oci-archive-zstd-chunked.tar',
    'skopeo-oci-archive-uncompressed.tar',
    'skopeo-docker-archive.tar',
  ] as const) {
    it(`${name}: every regular file of every layer, one pass per layer, bytes = sha256sum's`, async () => {
      const { path, expect: ex } = fx[name];
      const file = await openAsBlob(path);
      const listing = await indexArchive(file);
      const runner = inlineRunner();
      for (const layer of ex.images[0].layers) {
        const entry = listing.entries.find((e) => normalizePath(e.name) === normalizePath(layer.blobPath))!;
        const blob = file.slice(entry.dataOffset, entry.dataOffset + entry.size);
        const paths = Object.keys(layer.files);
        const r = await runner.extract(blob, { wants: paths.map((p) => ({ path: p })), limit: 1 << 20, path: layer.blobPath });
        expect(r.error).toBeNull();
        expect(r.compression).toBe(layer.compression === 'zstd:chunked' ? 'zstd' : layer.compression);
        expect(r.entries.map((e) => [e.path, e.found, e.complete, e.type])).toEqual(paths.map((p) => [normalizePath(p), true, true, 'file']));
        const want = Object.fromEntries(Object.entries(layer.files).map(([p, h]) => [p, h.replace(/^sha256:/, '')]));
        expect(Object.fromEntries(r.entries.map((e, i) => [paths[i], hex(e.chunks[0].bytes)]))).toEqual(want);
        expect(r.entries.map((e) => e.size)).toEqual(paths.map((p) => layer.entries.find((x) => x.path === p)!.size));
      }
    });
  }

  it('a path that is not in the layer: found false, the whole blob read', async () => {
    const { path, expect: ex } = fx['umoci-oci-layout.tar'];
    const file = await openAsBlob(path);
    const listing = await indexArchive(file);
    const layer = ex.images[0].layers[0];
    const entry = listing.entries.find((e) => normalizePath(e.name) === normalizePath(layer.blobPath))!;
    const r = await extractJob(file.slice(entry.dataOffset, entry.dataOffset + entry.size), { wants: [{ path: 'no/such/file' }] });
    expect(r.entries).toEqual([{ path: 'no/such/file', occurrence: 1, found: false, size: 0, chunks: [], complete: false }]);
    expect(r.stoppedEarly).toBe(false);
    expect(r.bytesRead).toBe(entry.size);
    expect(r.error).toBeNull();
  });
});

describe('extract on built layers', () => {
  const big = noise(6 * 1024 * 1024, 3);
  const layer = buildTar([
    { name: 'etc/hostname', data: 'box\n' },
    { name: 'dup.txt', data: 'first\n' },
    { name: 'dup.txt', data: 'second\n' },
    { name: 'usr/lib/big.bin', data: big },
    { name: 'var/last.txt', data: 'the end\n' },
  ]);
  const gz = run(['gzip', '-1', '-n'], layer);

  it('stops reading once every wanted entry is complete', async () => {
    const r = await extractJob(blobOf(gz), { wants: [{ path: 'etc/hostname' }, { path: '/dup.txt', occurrence: 2 }] });
    expect(r.error).toBeNull();
    expect(r.stoppedEarly).toBe(true);
    expect(r.bytesRead).toBeLessThanOrEqual(256 * 1024);
    expect(r.bytesRead).toBeLessThan(gz.length / 10);
    expect(new TextDecoder().decode(r.entries[0].chunks[0].bytes)).toBe('box\n');
    expect(r.entries[1]).toMatchObject({ path: 'dup.txt', occurrence: 2, found: true, size: 7 });
    expect(new TextDecoder().decode(r.entries[1].chunks[0].bytes)).toBe('second\n');
  });

  it('wants with their header offset (`at`) in an uncompressed layer: read from there, same entries as a walk', async () => {
    // Header offsets as the scan records them (FileRecord.offset).
    const listed = await inlineRunner().scan(blobOf(layer), { digests: false, fileHashes: 'none' });
    const at = (path: string, n = 1) => listed.layer!.files.filter((f) => f.path === path)[n - 1].offset;
    const wants = [
      { path: 'var/last.txt' },
      { path: 'dup.txt', occurrence: 2 },
      { path: 'usr/lib/big.bin', ranges: [[5_000_000, 5_000_100]] as [number, number][] },
    ];
    const walked = await extractJob(blobOf(layer), { wants });
    const seeked = await extractJob(blobOf(layer), { wants: wants.map((w) => ({ ...w, at: at(w.path, w.occurrence) })) });
    expect(seeked.error).toBeNull();
    expect(seeked.entries).toEqual(walked.entries);
    expect(new TextDecoder().decode(seeked.entries[0].chunks[0].bytes)).toBe('the end\n');
    // Small files after a 6 MiB one: only around each entry, where a walk reads everything before.
    const small = wants.slice(0, 2);
    const walkedSmall = await extractJob(blobOf(layer), { wants: small });
    const seekedSmall = await extractJob(blobOf(layer), { wants: small.map((w) => ({ ...w, at: at(w.path, w.occurrence) })) });
    expect(seekedSmall.entries).toEqual(walkedSmall.entries);
    expect(seekedSmall.bytesRead).toBeLessThan(walkedSmall.bytesRead / 4);
    // An offset that is not a header: that want fails with the tar error, later ones are not read.
    const wrong = await extractJob(blobOf(layer), {
      wants: [
        { path: 'etc/hostname', at: at('etc/hostname') + 512 + 100 },
        { path: 'var/last.txt', at: at('var/last.txt') },
      ],
    });
    expect(wrong.error).toMatchObject({ code: 'corrupt', component: 'extract', offset: at('etc/hostname') + 612 });
    expect(wrong.error!.message).toMatch(/reading 'etc\/hostname' from its recorded header at byte \d+ of the layer$/);
    expect(wrong.entries.map((e) => e.found)).toEqual([false, false]);
  });

  it('wants alone with their size: each reads its headers and that many bytes, not a fixed window; same entries', async () => {
    // Four small files, each after a 2 MiB one: farther apart than a run (1 MiB), read alone.
    const spaced = buildTar(
      [0, 1, 2, 3].flatMap((i) => [
        { name: `pad${i}.bin`, data: noise(2 << 20, 60 + i) },
        { name: `etc/f${i}.conf`, data: `value ${i}\n`.repeat(50 + i) },
      ]),
    );
    const listed = await inlineRunner().scan(blobOf(spaced), { digests: false, fileHashes: 'none' });
    const rec = (path: string) => listed.layer!.files.find((f) => f.path === path)!;
    const wants = [0, 1, 2, 3].map((i) => ({ path: `etc/f${i}.conf`, at: rec(`etc/f${i}.conf`).offset }));
    const unsized = await extractJob(blobOf(spaced), { wants });
    const sized = await extractJob(blobOf(spaced), { wants: wants.map((w) => ({ ...w, size: rec(w.path).size })) });
    expect(sized.error).toBeNull();
    expect(sized.entries).toEqual(unsized.entries);
    expect(sized.entries.map((e) => e.complete)).toEqual([true, true, true, true]);
    // headers + ~500 bytes each, in 4 KiB steps: 8 KiB a file; without a size, a window for 64 KiB of data
    expect(sized.bytesRead).toBeLessThanOrEqual(4 * 8192);
    expect(unsized.bytesRead).toBeGreaterThan(4 * sized.bytesRead);
  });

  it('many wants with offsets close together: one stream per run, the entries of one slice per want', async () => {
    // 400 small files (two runs, split by a 6 MiB file), a path twice, the same want twice.
    const many = buildTar([
      ...Array.from({ length: 200 }, (_, i) => ({ name: `usr/lib/py/m${i}.pyc`, data: noise(3000 + i, i + 10) })),
      { name: 'dup.txt', data: 'first\n' },
      { name: 'dup.txt', data: 'second\n' },
      { name: 'usr/lib/big.bin', data: big },
      ...Array.from({ length: 200 }, (_, i) => ({ name: `usr/share/t${i}.txt`, data: `text ${i}\n`.repeat(i + 1) })),
    ]);
    const listed = await inlineRunner().scan(blobOf(many), { digests: false, fileHashes: 'none' });
    const at = (path: string, n = 1) => listed.layer!.files.filter((f) => f.path === path)[n - 1].offset;
    const small = listed.layer!.files.filter((f) => f.path !== 'usr/lib/big.bin' && f.path !== 'dup.txt');
    const paths = small.map((f) => f.path).reverse();
    const whole = (path: string): [number, number][] => [[0, small.find((f) => f.path === path)!.size]];
    // Not in tar order: the job sorts by offset and answers in the order asked. Whole files,
    // as the timestamp classification asks for them.
    const wants: ExtractWant[] = [
      ...paths.map((path) => ({ path, ranges: whole(path) })),
      { path: 'dup.txt', occurrence: 2 },
      { path: 'dup.txt', occurrence: 1 },
      { path: 'usr/share/t7.txt', ranges: whole('usr/share/t7.txt') },
    ];
    const withAt = wants.map((w) => ({ ...w, at: at(w.path, w.occurrence) }));
    const walked = await extractJob(blobOf(many), { wants });
    const seeked = await extractJob(blobOf(many), { wants: withAt });
    expect(seeked.error).toBeNull();
    expect(seeked.entries).toEqual(walked.entries);
    expect(seeked.entries.every((e) => e.found && e.complete)).toBe(true);
    // One slice per want reads at least 256 KiB each (~100 MiB here); two runs read the layer at most once.
    expect(seeked.bytesRead).toBeLessThanOrEqual(many.length);
    // An offset inside a run where no header starts: that want is read alone from there, as
    // before (the tar error, the later wants not found); the wants before it keep their bytes.
    const wrong = withAt.map((w, i) => (i === 150 ? { ...w, at: w.at + 512 } : w));
    const r = await extractJob(blobOf(many), { wants: wrong });
    expect(r.error).toMatchObject({ code: 'corrupt', component: 'extract', offset: wrong[150].at });
    expect(r.error!.message).toMatch(new RegExp(`reading '${paths[150]}' from its recorded header at byte ${wrong[150].at} of the layer$`));
    expect(r.entries.slice(0, 150)).toEqual(walked.entries.slice(0, 150));
    expect(r.entries.slice(150).map((e) => e.found)).toEqual(wrong.slice(150).map(() => false));
    // An offset where another entry starts: not that entry's bytes; the path is looked for after it.
    const other = await extractJob(blobOf(many), { wants: [{ ...withAt[0], at: withAt[1].at }, withAt[1], withAt[2]] });
    expect(other.entries).toEqual(walked.entries.slice(0, 3));
  });

  it('ranges, the default 64 KiB head and block hashes of a 6 MiB file', async () => {
    const r = await extractJob(blobOf(gz), {
      wants: [
        { path: 'usr/lib/big.bin', blockSize: 1 << 20 },
        {
          path: 'usr/lib/big.bin',
          ranges: [
            [5_000_000, 5_000_100],
            [6 * 1024 * 1024 - 10, 7 * 1024 * 1024],
          ],
        },
        { path: 'var/last.txt' },
      ],
    });
    const [head, ranges, last] = r.entries;
    expect(head.chunks).toHaveLength(1);
    expect(head.chunks[0].start).toBe(0);
    expect(head.chunks[0].bytes).toEqual(big.subarray(0, 64 * 1024));
    expect(head.blocks).toHaveLength(6);
    expect(ranges.chunks.map((c) => [c.start, c.bytes.length])).toEqual([
      [5_000_000, 100],
      [6 * 1024 * 1024 - 10, 10],
    ]);
    expect(ranges.chunks[0].bytes).toEqual(big.subarray(5_000_000, 5_000_100));
    expect(ranges.chunks[1].bytes).toEqual(big.subarray(big.length - 10));
    expect(new TextDecoder().decode(last.chunks[0].bytes)).toBe('the end\n');
    // One changed byte changes exactly its block's hash.
    const changed = big.slice();
    changed[3 * (1 << 20) + 5] ^= 1;
    const other = await extractJob(blobOf(buildTar([{ name: 'usr/lib/big.bin', data: changed }])), {
      wants: [{ path: 'usr/lib/big.bin', blockSize: 1 << 20 }],
    });
    expect(other.compression).toBe('none');
    expect(other.entries[0].blocks!.map((h, i) => h === head.blocks![i])).toEqual([true, true, true, false, true, true]);
  });

  it('a truncated gzip blob: the error names gzip and the member offset; entries read before it are kept', async () => {
    const cut = gz.subarray(0, gz.length >> 1);
    const r = await extractJob(blobOf(cut), { wants: [{ path: 'etc/hostname' }, { path: 'var/last.txt' }], path: 'blobs/sha256/ab' });
    expect(r.error).toEqual({
      code: 'truncated',
      component: 'gzip',
      message: 'gzip: truncated: stream ends inside member 1 (offset 0)',
      offset: 0,
      path: 'blobs/sha256/ab',
    });
    expect(r.entries[0].complete).toBe(true);
    expect(r.entries[1]).toMatchObject({ found: false, complete: false });
  });

  it('a blob that is not a tar', async () => {
    const r = await extractJob(blobOf(run(['gzip', '-n'], new TextEncoder().encode('{"not":"a tar"}\n'.repeat(100)))), {
      wants: [{ path: 'x' }],
      path: 'blobs/sha256/cd',
    });
    expect(r.error).toEqual({
      code: 'corrupt',
      component: 'extract',
      message: 'extract: the uncompressed blob is not a tar (no tar header at offset 0)',
      offset: 0,
      path: 'blobs/sha256/cd',
    });
  });

  it('a bad tar header inside the layer: the tar error with its offset', async () => {
    const bad = buildTar([
      { name: 'a.txt', data: 'a' },
      { name: 'b.txt', data: 'b', badChecksum: true },
    ]);
    const r = await extractJob(blobOf(bad), { wants: [{ path: 'b.txt' }] });
    expect(r.error?.component).toBe('tar');
    expect(r.error?.offset).toBe(1024);
    expect(r.error?.message).toMatch(/^tar: bad header checksum at offset 1024: stored \d+, computed \d+$/);
  });

  it('too much asked in one job is refused', async () => {
    await expect(
      extractJob(blobOf(gz), { wants: Array.from({ length: 20 }, () => ({ path: 'usr/lib/big.bin', ranges: [[0, 1 << 20]] as [number, number][] })) }),
    ).rejects.toThrow('extract: the ranges asked for exceed 16777216 bytes in one job');
  });

  it('cancellation rejects with cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(extractJob(blobOf(gz), { wants: [{ path: 'var/last.txt' }], signal: ac.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('extract throughput (logged; the bound is a ratio to the bare decoder, robust to machine load)', () => {
  it('a file at the end of a 48 MiB gzip layer (whole blob), and the head of the first file', async () => {
    const text = new TextEncoder().encode(Array.from({ length: 200_000 }, (_, i) => `line ${i} ${(i * 2654435761) % 1000003}\n`).join(''));
    const files = [];
    for (let i = 0; files.length * text.length < 48 * 1024 * 1024; i++) files.push({ name: `data/f${i}.txt`, data: i % 2 ? noise(text.length, i + 1) : text });
    files.push({ name: 'last.txt', data: 'end\n' });
    const layer = buildTar(files);
    const gz = run(['gzip', '-6', '-n'], layer);
    const path = join(tempDir(), 'layer.tar.gz');
    writeFileSync(path, gz);
    const blob = await openAsBlob(path);
    let t = performance.now();
    const d = new GzipDecoder(() => {});
    for await (const c of readChunks(blob, { chunkSize: 1 << 20 })) d.write(c);
    d.end();
    const bare = performance.now() - t;
    t = performance.now();
    const all = await extractJob(blob, { wants: [{ path: 'last.txt' }] });
    const whole = performance.now() - t;
    t = performance.now();
    const head = await extractJob(blob, { wants: [{ path: 'data/f0.txt' }] });
    const first = performance.now() - t;
    const mb = layer.length / 1e6;
    console.log(
      `extract (Node, file-backed blob): whole ${mb.toFixed(0)} MB tar from gzip in ${whole.toFixed(0)} ms = ${(mb / (whole / 1000)).toFixed(0)} MB/s ` +
        `(read + GzipDecoder alone: ${(mb / (bare / 1000)).toFixed(0)} MB/s); first file's head ${first.toFixed(1)} ms, ${head.bytesRead} of ${gz.length} blob bytes read`,
    );
    expect(new TextDecoder().decode(all.entries[0].chunks[0].bytes)).toBe('end\n');
    expect(head.stoppedEarly).toBe(true);
    expect(head.bytesRead).toBeLessThanOrEqual(1024 * 1024);
    expect(first).toBeLessThan(whole);
    expect(whole).toBeLessThan(bare * 2.5);
  }, 120_000);
});
