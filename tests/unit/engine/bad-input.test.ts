/**
 * Bad input: a clear error naming the component and the place, and everything read before
 * it still in the report (which still validates against the schema).
 */
import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { inspectArchive } from '../../../src/engine/inspect';
import { inlineRunner } from '../../../src/engine/inline';
import { buildLegacySave, buildOciArchive, layerTar } from '../../builders/image';
import { buildTar } from '../../builders/tar';
import { nodeHooks } from '../../support/hooks';
import { inspectionSchemaErrors } from '../../support/schema';
import { noise } from '../../builders/noise';
import { diffInputs } from '../../../src/compare/diff';
import { explain } from '../../../src/compare/explain';
import { NO_IGNORES } from '../../../src/compare/types';

const layer1 = layerTar([
  { name: 'etc/', typeflag: '5' },
  { name: 'etc/hostname', data: 'box\n' },
]);
const layer2 = layerTar([
  { name: 'app/', typeflag: '5' },
  { name: 'app/run.sh', data: '#!/bin/sh\necho hi\n'.repeat(200), mode: 0o755 },
]);

async function inspect(bytes: Uint8Array, name = 'x.tar') {
  const report = await inspectArchive(inlineRunner(), new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  expect(inspectionSchemaErrors(report)).toEqual([]);
  return report.inputs[0];
}

describe('bad input', () => {
  it('a file that is not a tar and not recognised names the archive and offset 0', async () => {
    const bytes = new Uint8Array(1024).map((_, i) => (i * 7 + 3) % 256);
    const input = await inspect(bytes);
    expect(input.error).toBe(
      'archive: not a tar archive: the first 512 bytes are not a tar header (bad checksum, no ustar magic) and not gzip or zstd (at offset 0)',
    );
    expect(input.errors[0]).toMatchObject({ code: 'corrupt', component: 'archive', offset: 0 });
  });

  it('a text file says it is text, not "truncated at byte 0" (a 35-byte one, and a long one)', async () => {
    const short = await inspect(new TextEncoder().encode('hello, this is not an archive: 35!\n'));
    expect(short.error).toBe('archive: not a tar archive: the file is text (35 bytes); tarscope reads tar, tar.gz and tar.zst');
    expect(short.errors[0]).toMatchObject({ code: 'unsupported', component: 'archive' });
    expect(short.errors[0].offset).toBeUndefined();
    const long = await inspect(new TextEncoder().encode('hello, this is not an archive\n'.repeat(40)));
    expect(long.error).toBe('archive: not a tar archive: the file is text; tarscope reads tar, tar.gz and tar.zst');
  });

  it('compared, a text file is explained as text: no "at byte 0", no layout difference', async () => {
    const a = await inspect(buildTar([{ name: 'etc/hostname', data: 'box\n' }]), 'a.tar');
    const b = await inspect(new TextEncoder().encode('hello, this is not an archive: 35!\n'), 'notes.txt');
    const r = diffInputs(a, b);
    expect(r.differences.filter((d) => d.subject === 'layout')).toEqual([]);
    const ex = explain(r, a, b, NO_IGNORES);
    expect(ex.causes[0].id).toBe('input.unsupported');
    expect(ex.causes[0].summary).toContain('B (notes.txt) uses something tarscope does not read yet: text (35 bytes) (archive)');
    expect(`${ex.headline} ${ex.causes[0].summary}`).not.toMatch(/at byte 0|layout/);
  });

  it('a PNG, a ZIP and an ELF file are named by their magic bytes', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(600).fill(0)]);
    expect((await inspect(png)).error).toBe('archive: not a tar archive: the file is a PNG image; tarscope reads tar, tar.gz and tar.zst');
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, ...new Array(100).fill(1)]);
    expect((await inspect(zip)).error).toBe(
      'archive: not a tar archive: the file is a ZIP archive (or a .jar, .whl, .docx…) (106 bytes); tarscope reads tar, tar.gz and tar.zst',
    );
    const elf = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, ...new Array(1000).fill(0)]);
    expect((await inspect(elf)).error).toMatch(/^archive: not a tar archive: the file is an ELF executable or library;/);
  });

  it('a binary file shorter than one tar header ends where it ends, not at byte 0', async () => {
    const input = await inspect(Uint8Array.from([0, 1, 2, 3, 0xff, 0xfe, 9, 8]));
    expect(input.errors[0]).toMatchObject({ code: 'truncated', component: 'archive', offset: 8 });
    expect(input.error).toBe('archive: not a tar archive: the file ends after 8 bytes, inside what would be its first tar header (512 bytes) (at offset 8)');
  });

  it('an empty file', async () => {
    const input = await inspect(new Uint8Array(0));
    expect(input.error).toBe('archive: not a tar archive: the file is empty (at offset 0)');
  });

  it('a truncated legacy archive keeps the entries and layers read before the cut', async () => {
    const a = buildLegacySave([{ tags: ['app:1'], layers: [layer1, layer2] }], nodeHooks);
    // Cut inside the data of the last layer.tar (the manifest.json comes after it and is lost).
    const names = a.entries.map((e) => e.name);
    const lastLayer = names.lastIndexOf(a.images[0].layerNames[1]);
    expect(lastLayer).toBeGreaterThan(0);
    const full = await inspect(a.tar);
    const layerEntry = full.entries.find((e) => e.rawName === a.images[0].layerNames[1])!;
    const cut = layerEntry.dataOffset + 1000;
    const input = await inspect(a.tar.subarray(0, cut));
    expect(input.error).toBe(`tar: archive truncated in the data of '${a.images[0].layerNames[1]}' at offset ${cut} (1000 of ${layer2.length} bytes read)`);
    expect(input.errors[0]).toMatchObject({ code: 'truncated', component: 'tar' });
    // Everything before the cut is listed.
    expect(input.entries.map((e) => e.rawName)).toEqual(names.slice(0, lastLayer + 1).map((n) => n));
    expect(input.integrity.done).toBe(false);
    // manifest.json (written last) is lost: the layout is named by what it was becoming, and where it ends.
    expect(input.format.layoutLabel).toBe(`docker save (legacy, Docker < 25), truncated at byte ${cut.toLocaleString('en-US')}`);
  });

  it('a docker-archive (containers/image) cut before its manifest.json says so, not "plain tar"', async () => {
    const hex = 'ab'.repeat(32);
    const tar = buildTar([
      { name: `${hex}.tar`, data: layer2 },
      { name: `${'cd'.repeat(32)}.json`, data: '{"architecture":"amd64"}' },
      { name: 'manifest.json', data: '[]' },
    ]);
    const cut = 512 + 700;
    const input = await inspect(tar.subarray(0, cut), 'cut.tar');
    expect(input.format.layout).toBe('plain');
    expect(input.format.layoutLabel).toBe('docker-archive (containers/image writer: skopeo, podman), truncated at byte 1,212');
    expect(input.format.notes).toEqual([
      'the archive ends at byte 1,212, before the files that name its layout: the 1 entry read looks like docker-archive (containers/image writer: skopeo, podman)',
    ]);
  });

  it('a truncated legacy archive compared with the whole one: no layout difference, the truncation is the cause', async () => {
    const a = buildLegacySave([{ tags: ['app:1'], layers: [layer1, layer2] }], nodeHooks);
    const full = await inspect(a.tar);
    const layerEntry = full.entries.find((e) => e.rawName === a.images[0].layerNames[1])!;
    const cut = await inspect(a.tar.subarray(0, layerEntry.dataOffset + 1000), 'cut.tar');
    const r = diffInputs(full, cut);
    expect(r.differences.filter((d) => d.subject === 'layout')).toEqual([]);
    const ex = explain(r, full, cut, NO_IGNORES);
    expect(ex.causes.map((c) => c.id)).not.toContain('archive.layout');
    expect(ex.headline).not.toMatch(/layout/);
  });

  it('a manifest pointing to a missing blob names the blob', async () => {
    const a = buildOciArchive([{ tags: ['app:1'], layers: [layer1, layer2] }], nodeHooks, {
      transform: (entries) => entries.filter((e) => !e.name.endsWith(nodeHooks.sha256(layer2).slice(7))),
    });
    const input = await inspect(a.tar);
    const missing = nodeHooks.sha256(layer2);
    expect(input.errors.some((e) => e.message.includes(missing.slice(7, 19)) || e.message.includes(missing))).toBe(true);
    const failed = input.integrity.checks.filter((c) => !c.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.subject.includes('layer 2') || c.message.includes(missing.slice(7, 19)))).toBe(true);
    // The other layer is still scanned.
    const img = input.images.find((i) => i.kind === 'image')!;
    expect(img.layers[0].files.map((f) => f.path)).toEqual(['etc', 'etc/hostname']);
  });

  it('a manifest.json that is not JSON names the file', async () => {
    const a = buildLegacySave([{ tags: ['app:1'], layers: [layer1] }], nodeHooks, {
      transform: (entries) => entries.map((e) => (e.name === 'manifest.json' ? { ...e, data: '[{"Config": ' } : e)),
    });
    const input = await inspect(a.tar);
    expect(input.errors.some((e) => e.component === 'manifest.json' && /not valid JSON/.test(e.message))).toBe(true);
  });

  it('a header with a bad checksum is reported with its offset', async () => {
    const tar = buildTar([
      { name: 'a.txt', data: 'a' },
      { name: 'b.txt', data: 'b', badChecksum: true },
    ]);
    const input = await inspect(tar);
    expect(input.errors[0]).toMatchObject({ code: 'corrupt', component: 'tar', offset: 1024 });
    expect(input.error).toMatch(/^tar: bad header checksum at offset 1024: stored \d+, computed \d+/);
    expect(input.entries.map((e) => e.rawName)).toEqual(['a.txt']);
  });

  it('a corrupt gzip outer stream names gzip and keeps what was read', async () => {
    const plain = buildTar(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}\n`.repeat(500) })));
    const gz = new Uint8Array(gzipSync(plain));
    const bad = gz.slice();
    bad[Math.floor(bad.length * 0.7)] ^= 0xff;
    const input = await inspect(bad, 'bad.tar.gz');
    expect(input.errors[0].component).toBe('gzip');
    expect(input.errors[0].code).toMatch(/corrupt/);
    expect(input.error).toMatch(/^gzip: /);
    expect(input.entries.length).toBeGreaterThan(0);
    expect(input.entries.length).toBeLessThan(50);
  });

  it('a truncated gzip outer stream is input.truncated', async () => {
    const plain = buildTar([{ name: 'big.bin', data: noise(300_000) }]);
    const gz = new Uint8Array(gzipSync(plain));
    const input = await inspect(gz.subarray(0, gz.length - 5000), 'cut.tar.gz');
    expect(input.errors[0]).toMatchObject({ code: 'truncated', component: 'gzip' });
  });

  it('a corrupt gzip layer inside an uncompressed archive names the layer, other layers still read', async () => {
    const gz1 = new Uint8Array(gzipSync(layer1));
    const gz2 = new Uint8Array(gzipSync(layer2));
    gz2[gz2.length - 6] ^= 0xff; // CRC32 of the trailer
    const a = buildOciArchive(
      [{ tags: ['app:1'], layers: [layer1, layer2] }],
      {
        ...nodeHooks,
        gzip: (b) => (b === layer2 ? gz2 : gz1),
      },
      { compress: true },
    );
    const input = await inspect(a.tar);
    const img = input.images.find((i) => i.kind === 'image')!;
    expect(img.layers[0].error).toBeNull();
    expect(img.layers[0].fileCount).toBe(2);
    expect(img.layers[1].error).toMatchObject({ component: 'gzip', code: 'corrupt' });
    expect(img.layers[1].error!.message).toMatch(/CRC32 mismatch in member 1/);
    expect(input.error).toMatch(/gzip: CRC32 mismatch/);
  });
});
