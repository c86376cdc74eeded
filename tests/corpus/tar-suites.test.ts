/**
 * Other implementations' test archives (../shared/corpus-tar-suites, provenance in its
 * SOURCES.md: libarchive, tar-rs, node-tar, tar-stream, tar-split / Go archive/tar,
 * go-containerregistry). Runs when that folder exists; the archives are never copied here.
 *
 * 1. Every file is inspected through the engine without an internal error: a bad input
 *    yields the project's typed error (component, code, place) and the report of what was
 *    read, never a crash.
 * 2. Where GNU tar lists an archive without error (exit 0), tarscope's entries (name, type,
 *    size, link target) equal GNU tar's, and GNU tar's "A lone zero block" warning is
 *    tarscope's (issue 12, point 4); where GNU tar gives up, bsdtar (libarchive-tools)
 *    is the reference. Each deliberate difference is in DELIBERATE below (and in
 *    tests/corpus/README.md), and the test checks it is still a difference.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, openAsBlob, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspectArchive } from '../../src/engine/inspect';
import { inlineRunner } from '../../src/engine/inline';
import type { FileRecord, InputReport } from '../../src/report/types';
import { ROOT, have } from '../support/tools';
import { bsdtarList, gnuTarList, type RefEntry, type RefListing } from './tar-listing';

const SUITES = resolve(ROOT, '../shared/corpus-tar-suites');
const hasSuites = existsSync(join(SUITES, 'SOURCES.md'));
const files = hasSuites
  ? readdirSync(SUITES)
      .filter((f) => f !== 'SOURCES.md')
      .sort()
  : [];

/**
 * archive -> what differs from the reference lister, and why. `differs` must match the
 * first difference the comparison finds, so an entry that stops being a difference (or
 * becomes another one) fails the test.
 */
const DELIBERATE: Record<string, { differs: RegExp; why: string }> = {
  ...group(
    /^lib.*(bzip2_\d\.tbz|lz4_(1|2|B7)\.tar\.lz4|xz_1\.txz)$|pax-bad-hdr-large\.tar\.bz2$/,
    /tarscope: archive: the file is (bzip2|lz4|xz)-compressed; tarscope reads tar, tar\.gz and tar\.zst/,
    'unsupported compression: tarscope reads tar, tar.gz and tar.zst (README "Inspect one archive"; src/formats/decoder.ts refuses bzip2/xz/lz4 as unsupported), and says which one it found',
  ),
  ...group(
    /\.(Z|lz)$|(lzip_[12]|lzma_\d)\.tlz$|lz4_3\.tar\.lz4$/,
    /tarscope: archive: not a tar archive: the file (is (compress \(\.Z\)|lzip-compressed|lzma-compressed|lz4-compressed) data|ends after \d+ bytes)/,
    'compress (.Z), lzip, lzma and legacy lz4 streams: named by their magic (src/formats/sniff.ts) but not read; tarscope reads tar, tar.gz and tar.zst (LZMA-alone files whose dictionary size does not start 00 00 have no magic: "ends after N bytes")',
  ),
  ...group(
    /\.(zip|xps|cpio)$/,
    /^bsdtar lists it, tarscope: archive: not a tar archive: (the file is a (ZIP|cpio) archive|the first 512 bytes are not a tar header)/,
    'not tar at all (zip, cpio): libarchive reads many formats, tarscope reads tar (zip_4 starts with no local file header)',
  ),
  'libarchive__test_read_format_tar_V_negative_size.tar': {
    differs: /^bsdtar lists it, tarscope: archive: not a tar archive/,
    why: 'a GNU volume header with a negative size: GNU tar refuses it too (exit 2); bsdtar skips it',
  },
  'libarchive__test_read_format_gtar_sparse_1_17_posix10_modified.tar': {
    differs: /^bsdtar lists it, tarscope: tar: malformed GNU sparse 1\.0 map at offset 1536/,
    why: 'the GNU sparse 1.0 map at the start of the data was edited so it is not "<decimal>\\n" (GNU tar manual, "PAX Format, Version 1.0"): GNU tar refuses it, so does tarscope',
  },
  'node-tar__bad-cksum.tar': {
    differs: /^bsdtar lists it, tarscope: tar: bad header checksum at offset 1024: stored 13751, computed 13750/,
    why: 'a header whose checksum is wrong: GNU tar refuses it ("Skipping to next header", exit 2) and so does tarscope; bsdtar retries past it',
  },
  'tar-split__go-archive-tar__hdr-only.tar': {
    differs: /^bsdtar lists it, tarscope: tar: bad header checksum at offset 6144: stored 0, computed 10532/,
    why: 'Go test archive with a zeroed checksum field in a later header: GNU tar refuses it, tarscope too (the entries before it are in the partial report)',
  },
  'libarchive__test_read_format_raw.data.gz': {
    differs: /^gnu tar lists it, tarscope: tar: archive truncated inside a header at offset 0/,
    why: 'gzip of a few bytes that are not a tar: GNU tar lists nothing and exits 0 (a stream shorter than one block is an empty archive to it); tarscope says the header is truncated',
  },
  'tar-split__go-archive-tar__pax-path-hdr.tar': {
    differs: /^gnu tar lists it, tarscope: tar: archive truncated inside a header at offset 1024/,
    why: 'a pax x header and then EOF: GNU tar lists nothing and exits 0; the entry the x header belongs to is missing (POSIX pax: extended header records apply to the following file), so tarscope reports truncation',
  },
  'node-tar__links-invalid.tar': {
    differs: /^#1 "hardlink-2": link target undefined vs "\." \(gnu tar\)$/,
    why: 'a hard link with an empty target: GNU tar prints "." ("Substituting `.\' for empty hard link target"); tarscope reports the stored (empty) target',
  },
  'tar-split__go-archive-tar__pax-global-records.tar': {
    differs: /^#2 "": name "file3" vs "" \(gnu tar\)$/,
    why: 'a global pax header with path="" : POSIX pax ("pax Extended Header": a zero-length value deletes the previous value of that keyword) gives the header name file3, as Go archive/tar does; GNU tar sets an empty name and substitutes "."',
  },
};

function group(names: RegExp, differs: RegExp, why: string): Record<string, { differs: RegExp; why: string }> {
  return Object.fromEntries(files.filter((f) => names.test(f)).map((f) => [f, { differs, why }]));
}

describe.runIf(hasSuites)('other implementations’ tar test archives', () => {
  it('has the archives SOURCES.md lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(190);
    expect(have('tar') && have('bsdtar')).toBe(true);
  });

  for (const f of files) {
    it(f, async () => {
      const path = join(SUITES, f);
      const report = await inspectArchive(inlineRunner(), await openAsBlob(path), f);
      const input = report.inputs[0];
      // 1. typed errors only, each naming its component; never a blank report.
      for (const e of input.errors) {
        expect(e.code, e.message).not.toBe('internal');
        expect(e.component).toMatch(/\S/);
        expect(e.message.startsWith(`${e.component}:`) || e.message.includes(e.component), e.message).toBe(true);
      }
      expect(input.error !== null || input.format.layout !== null, 'a report with neither a layout nor an error').toBe(true);
      // 2. the reference listing.
      const ref = reference(path);
      const diff = ref ? compare(input, ref) : null;
      // GNU tar's "A lone zero block at <block>" (stderr, exit 0) is tarscope's lone-zero-block warning.
      if (ref?.tool === 'gnu tar' && input.format.outerCompression?.algorithm === 'none') {
        const gnu = /A lone zero block at (\d+)/.exec(ref.stderr);
        const ours = (input.warnings ?? []).find((w) => w.code === 'lone-zero-block' && w.path === undefined);
        // GNU counts the block after the zero block (list.c: current_block_ordinal() once the
        // next block is read; a tar of one header and one zero block says "at 2").
        expect(ours?.offset ?? null).toBe(gnu ? (Number(gnu[1]) - 1) * 512 : null);
      }
      const known = DELIBERATE[f];
      if (known) {
        expect(diff, `${f} is listed as a deliberate difference but agrees with the reference`).not.toBeNull();
        expect(diff).toMatch(known.differs);
      } else {
        expect(diff).toBeNull();
      }
    });
  }
});

/** GNU tar's listing when it succeeds, else bsdtar's, else null (neither can list it). */
function reference(path: string): RefListing | null {
  const gnu = gnuTarList(path);
  if (gnu.ok) return gnu;
  const bsd = bsdtarList(path);
  return bsd.ok ? bsd : null;
}

/** The first difference between tarscope's entries and the reference's, or null. */
function compare(input: InputReport, ref: RefListing): string | null {
  if (input.error !== null && input.errors.length) return `${ref.tool} lists it, tarscope: ${input.error}`;
  const ours = input.files ?? [];
  if (input.format.layout !== 'plain') return `${ref.tool} lists it, tarscope read it as layout ${input.format.layout}`;
  const n = Math.max(ours.length, ref.entries.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i];
    const b = ref.entries[i];
    if (!a) return `${ref.tool} lists more entries: #${i} ${JSON.stringify(b.name)}`;
    if (!b) return `tarscope lists more entries: #${i} ${JSON.stringify(a.rawName)}`;
    const d = compareEntry(a, b);
    if (d) return `#${i} ${JSON.stringify(b.name)}: ${d} (${ref.tool})`;
  }
  return null;
}

const TYPES: Record<string, RefEntry['type']> = {
  file: 'file',
  contiguous: 'file',
  sparse: 'file',
  dir: 'dir',
  symlink: 'symlink',
  hardlink: 'hardlink',
  chardev: 'chardev',
  blockdev: 'blockdev',
  fifo: 'fifo',
};

function compareEntry(a: FileRecord, b: RefEntry): string | null {
  if (a.rawName !== b.name) return `name ${JSON.stringify(a.rawName)} vs ${JSON.stringify(b.name)}`;
  const type = TYPES[a.type] ?? 'other';
  if (type !== b.type) return `type ${a.type} (typeflag ${JSON.stringify(a.typeflag)}) vs ${b.type} (${b.letter})`;
  if (b.size !== null && type !== 'hardlink' && a.size !== b.size) return `size ${a.size} vs ${b.size}`;
  if (b.linkname !== undefined && (a.linkname ?? '') !== b.linkname) return `link target ${JSON.stringify(a.linkname)} vs ${JSON.stringify(b.linkname)}`;
  return null;
}
