/**
 * Damaged input yields the exact error, with the offset (STYLE.md habit 6 and 8):
 * one flipped header byte, input that is not a tar at all, truncation inside a header,
 * inside data and inside padding, malformed pax records. Expected checksums are computed
 * here from the bytes by the POSIX rule, not copied from the parser.
 */
import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readBytes, sh, tempDir } from '../../support/tools';
import { buildTar, concat } from '../../builders/tar';
import { TarParser, type TarEntry } from '../../../src/formats/tar';
import { TarscopeError } from '../../../src/io/errors';
import { collect, errorOf } from './collect';
import { gnuTarFixture } from './fixtures';

/** POSIX: sum of the header's bytes as unsigned chars, chksum field counted as spaces. */
function posixChecksum(b: Uint8Array, at: number): number {
  let s = 0;
  for (let i = 0; i < 512; i++) s += i >= 148 && i < 156 ? 0x20 : b[at + i];
  return s;
}
const storedField = (b: Uint8Array, at: number) =>
  parseInt(
    Buffer.from(b.subarray(at + 148, at + 156))
      .toString('latin1')
      .replace(/[\0 ]+$/, ''),
    8,
  );

function entriesOf(bytes: Uint8Array): TarEntry[] {
  return collect(bytes).entries;
}

describe('bad header checksum', () => {
  const bytes = readBytes(gnuTarFixture('gnu.tar'));
  const entries = entriesOf(bytes);

  it('one flipped byte in a name: exact message with the header offset', () => {
    const e = entries[5];
    const bad = bytes.slice();
    bad[e.blockOffset + 3] ^= 0x01;
    const err = errorOf(bad);
    const stored = storedField(bad, e.blockOffset);
    const computed = posixChecksum(bad, e.blockOffset);
    expect(stored).toBe(e.checksum);
    expect(err).toBeInstanceOf(TarscopeError);
    expect(err.message).toBe(`tar: bad header checksum at offset ${e.blockOffset}: stored ${stored.toString(8)}, computed ${computed.toString(8)}`);
    expect(err).toMatchObject({ code: 'corrupt', component: 'tar', offset: e.blockOffset });
  });

  it('every chunking reports the same error', () => {
    const e = entries[3];
    const bad = bytes.slice();
    bad[e.blockOffset + 300] ^= 0x40;
    const msg = errorOf(bad).message;
    for (const sizes of [[1], [7], [511, 513]]) expect(errorOf(bad, sizes).message).toBe(msg);
  });

  it('a flipped byte in the checksum field itself', () => {
    const e = entries[2];
    const bad = bytes.slice();
    bad[e.blockOffset + 150] = bad[e.blockOffset + 150] === 0x31 ? 0x32 : 0x31;
    const stored = storedField(bad, e.blockOffset);
    expect(errorOf(bad).message).toBe(
      `tar: bad header checksum at offset ${e.blockOffset}: stored ${stored.toString(8)}, computed ${posixChecksum(bad, e.blockOffset).toString(8)}`,
    );
  });

  it('the path option names the layer', () => {
    const bad = bytes.slice();
    bad[entries[1].blockOffset] ^= 1;
    const err = errorOf(bad, undefined, { path: 'blobs/sha256/ab12' }) as TarscopeError;
    expect(err.message).toMatch(/^tar: bad header checksum at offset \d+: stored \d+, computed \d+ \(in blobs\/sha256\/ab12\)$/);
    expect(err.path).toBe('blobs/sha256/ab12');
  });

  it('not a tar archive: gzip-compressed tar, and text', () => {
    const gz = new Uint8Array(gzipSync(bytes));
    const err = errorOf(gz);
    expect(err.message).toMatch(/^tar: not a tar archive: bad header checksum at offset 0: stored .*, computed [0-7]+$/);
    expect(err).toMatchObject({ code: 'corrupt', offset: 0 });
    const text = new TextEncoder().encode('hello world\n'.repeat(100));
    // A chksum field that is not octal is shown as the text it holds.
    const field = Buffer.from(text.subarray(148, 156)).toString('latin1');
    expect(errorOf(text).message).toBe(
      `tar: not a tar archive: bad header checksum at offset 0: stored ${JSON.stringify(field)}, computed ${posixChecksum(text, 0).toString(8)}`,
    );
  });

  it('the parser stays failed and rethrows the same error', () => {
    const bad = bytes.slice();
    bad[entries[1].blockOffset] ^= 1;
    const p = new TarParser({ entry: () => undefined });
    let first: unknown;
    try {
      p.write(bad);
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(TarscopeError);
    expect(() => p.write(new Uint8Array(512))).toThrow(first as Error);
    expect(() => p.end()).toThrow(first as Error);
  });

  it('signed-char checksums of old writers are accepted', () => {
    const tar = buildTar([{ name: 'caf\u00e9', nameBytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9]), data: 'x', signedChecksum: true }]);
    const [e] = entriesOf(tar);
    // 0xe9 is not UTF-8 on its own: decoded byte for byte as Latin-1
    expect(e.name).toBe('caf\u00e9');
    expect(e.checksum).toBe(storedField(tar, 0));
    expect(e.checksum).toBe(posixChecksum(tar, 0) - 256);
  });

  it('a non-numeric field under a valid checksum', () => {
    const tar = buildTar([{ name: 'a', data: 'abc' }]);
    tar.set(new TextEncoder().encode('0000abc\0'), 100); // mode
    const sum = posixChecksum(tar, 0);
    tar.set(new TextEncoder().encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    expect(errorOf(tar).message).toBe('tar: invalid number "0000abc" in the mode field of the header at offset 0');
  });
});

describe('truncation', () => {
  const bytes = readBytes(gnuTarFixture('gnu.tar'));
  const entries = entriesOf(bytes);
  const big = entries.find((e) => e.name === 'd/seq.txt')!;

  it('inside the data of an entry (sink or declined)', () => {
    const cut = bytes.subarray(0, big.dataOffset + 1000);
    const msg = `tar: archive truncated in the data of 'd/seq.txt' at offset ${big.dataOffset + 1000} (1000 of ${big.size} bytes read)`;
    const err = errorOf(cut);
    expect(err.message).toBe(msg);
    expect(err).toMatchObject({ code: 'truncated', offset: big.dataOffset + 1000 });
    const p = new TarParser({ entry: () => undefined });
    p.write(cut);
    expect(() => p.end()).toThrow(msg);
  });

  it('inside a header', () => {
    const e = entries[4];
    for (const k of [1, 100, 511]) {
      const err = errorOf(bytes.subarray(0, e.blockOffset + k));
      expect(err.message).toBe(`tar: archive truncated inside a header at offset ${e.blockOffset}`);
      expect(err).toMatchObject({ code: 'truncated', offset: e.blockOffset });
    }
  });

  it('between a GNU long-name entry and the header it names', () => {
    const long = entries.find((e) => e.longName === 'gnu')!;
    expect(long.headerOffset).toBeLessThan(long.blockOffset);
    expect(errorOf(bytes.subarray(0, long.blockOffset)).message).toBe(`tar: archive truncated inside a header at offset ${long.blockOffset}`);
    // GNU tar stores the name and its terminating NUL as the L entry's data.
    const stored = new TextEncoder().encode(long.name).length + 1;
    expect(errorOf(bytes.subarray(0, long.headerOffset + 512 + 100)).message).toBe(
      `tar: archive truncated in the data of '././@LongLink' at offset ${long.headerOffset + 612} (100 of ${stored} bytes read)`,
    );
    expect(errorOf(bytes.subarray(0, long.headerOffset + 512 + stored + 1)).message).toBe(
      `tar: archive truncated in the block padding after '././@LongLink' at offset ${long.headerOffset + 512 + stored + 1}`,
    );
  });

  it('in the padding after the last data byte', () => {
    expect(big.size % 512).not.toBe(0);
    const at = big.dataOffset + big.size;
    expect(errorOf(bytes.subarray(0, at + 10)).message).toBe(`tar: archive truncated in the block padding after 'd/seq.txt' at offset ${at + 10}`);
  });

  it('ending exactly after an entry, without an end marker, is accepted', () => {
    const tar = buildTar(
      [
        { name: 'a', data: 'x' },
        { name: 'b', data: 'y' },
      ],
      { endBlocks: 0 },
    );
    const c = collect(tar);
    expect(c.entries.map((e) => e.name)).toEqual(['a', 'b']);
    expect(c.summary).toMatchObject({ sawEndMarker: false, zeroBlocks: 0, trailingBytes: 0, endOffset: tar.length });
    // GNU tar lists it too
    expect(listWithGnuTar(tar)).toEqual(['a', 'b']);
  });

  it('one zero block then EOF is accepted', () => {
    const tar = buildTar([{ name: 'a', data: 'x' }], { endBlocks: 1 });
    expect(collect(tar).summary).toMatchObject({ sawEndMarker: true, zeroBlocks: 1, trailingBytes: 0 });
  });

  it('an empty stream is an empty archive', () => {
    expect(collect(new Uint8Array(0)).summary).toMatchObject({ entries: 0, sawEndMarker: false });
  });
});

function listWithGnuTar(tar: Uint8Array): string[] {
  const dir = tempDir('tarscope-l-');
  try {
    writeFileSync(join(dir, 'a.tar'), tar);
    return sh(`tar -tf a.tar 2>/dev/null || true`, { cwd: dir }).split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('after the end-of-archive marker', () => {
  it('record padding is counted, not reported', () => {
    const tar = buildTar([{ name: 'a', data: 'x' }], { recordSize: 10240 });
    expect(collect(tar).summary).toMatchObject({ zeroBlocks: 2, trailingBytes: 10240 - 4 * 512, trailingGarbage: false, endOffset: 1024 });
  });

  it('non-zero bytes after the marker are trailing garbage, not an error', () => {
    const tar = concat([buildTar([{ name: 'a', data: 'x' }]), new TextEncoder().encode('garbage!')]);
    expect(collect(tar, [7]).summary).toMatchObject({ entries: 1, zeroBlocks: 2, trailingBytes: 8, trailingGarbage: true });
  });

  it('a lone zero block ends the archive, as in GNU tar', () => {
    const tar = concat([buildTar([{ name: 'a', data: 'x' }], { endBlocks: 1 }), buildTar([{ name: 'b', data: 'y' }])]);
    const c = collect(tar);
    expect(c.entries.map((e) => e.name)).toEqual(listWithGnuTar(tar));
    expect(c.summary).toMatchObject({ entries: 1, zeroBlocks: 1, trailingGarbage: true, trailingBytes: tar.length - 1536 });
  });
});

describe('malformed pax records', () => {
  // The 'x' header is block 0, its data starts at 512.
  it('length that does not end on a newline', () => {
    const err = errorOf(buildTar([{ name: 'a', paxRaw: '10 path=abc\n' }]));
    expect(err.message).toBe('tar: malformed pax record at offset 512: record of length 10 does not end with a newline');
    expect(err).toMatchObject({ code: 'corrupt', offset: 512 });
  });

  it('length past the end of the header data', () => {
    expect(errorOf(buildTar([{ name: 'a', paxRaw: '99 path=x\n' }])).message).toBe(
      'tar: malformed pax record at offset 512: length 99 runs past the end of the header data (10 bytes left)',
    );
  });

  it('errors from records name the layer too', () => {
    const err = errorOf(buildTar([{ name: 'a', paxRaw: '10 path=abc\n' }]), undefined, { path: 'layer.tar' }) as TarscopeError;
    expect(err.message).toBe('tar: malformed pax record at offset 512: record of length 10 does not end with a newline (in layer.tar)');
    expect(err.path).toBe('layer.tar');
  });

  it('second record bad: offset points at it', () => {
    expect(errorOf(buildTar([{ name: 'a', paxRaw: '12 path=abc\nxx path=abc\n' }])).message).toBe(
      'tar: malformed pax record at offset 524: expected "<length> <keyword>=<value>\\n"',
    );
  });

  it('no "="', () => {
    expect(errorOf(buildTar([{ name: 'a', paxRaw: '9 pathab\n' }])).message).toBe('tar: malformed pax record at offset 512: missing keyword or "="');
  });

  it('bad values of known keywords', () => {
    expect(errorOf(buildTar([{ name: 'a', pax: { size: '12x' } }])).message).toBe('tar: malformed pax record at offset 0: size="12x" is not a decimal integer');
    // A time that is not a time is ignored with a warning, as GNU tar and bsdtar list such
    // entries (tests/unit/tar/suite-regressions.test.ts).
    const c = collect(buildTar([{ name: 'a', mtime: 7, pax: { mtime: 'yesterday' } }]));
    expect(c.entries[0].mtime).toBe(7);
    expect(c.summary.warnings.map((w) => w.message)).toEqual([
      'tar: pax record mtime="yesterday" of the entry at offset 0 is not a time; the header\'s field is used',
    ]);
  });

  it('an end marker right after a pax header', () => {
    const tar = buildTar([{ name: 'a', pax: { path: 'b' } }]).slice(0, 1024);
    expect(errorOf(concat([tar, new Uint8Array(1024)])).message).toBe('tar: end-of-archive marker at offset 1024 right after a pax or GNU long-name header');
  });
});

describe('skip() and skippable', () => {
  const bytes = readBytes(gnuTarFixture('posix.tar'));
  const expected = collect(bytes).entries;

  /** A driver that seeks over declined data like the engine does on a Blob. */
  function seekingDriver(chunk: number, accept: (e: TarEntry) => boolean) {
    const entries: TarEntry[] = [];
    const p = new TarParser({
      entry(e) {
        entries.push(e);
        return accept(e) ? { data() {}, end() {} } : undefined;
      },
    });
    let pos = 0;
    let written = 0;
    while (pos < bytes.length) {
      const n = Math.min(chunk, bytes.length - pos);
      p.write(bytes.subarray(pos, pos + n));
      pos += n;
      written += n;
      const s = p.skippable;
      if (s > 0) {
        p.skip(s);
        pos += s;
      }
      expect(p.offset).toBe(pos);
    }
    return { entries, summary: p.end(), written };
  }

  it('declined entries are skipped by seeking; entries and offsets unchanged', () => {
    for (const chunk of [512, 1000, 4096]) {
      const r = seekingDriver(chunk, () => false);
      expect(r.entries).toEqual(expected);
      expect(r.written).toBeLessThan(bytes.length);
      expect(r.summary).toEqual(collect(bytes).summary);
    }
  });

  it('accepted entries are not skippable', () => {
    const r = seekingDriver(700, (e) => e.name === 'd/seq.txt');
    expect(r.entries).toEqual(expected);
  });

  it('partial skips and over-skipping', () => {
    const seq = expected.find((e) => e.name === 'd/seq.txt')!;
    const p = new TarParser({ entry: () => undefined });
    p.write(bytes.subarray(0, seq.dataOffset));
    const s = p.skippable;
    expect(s).toBe(Math.ceil(seq.size / 512) * 512);
    expect(() => p.skip(s + 1)).toThrow(RangeError);
    p.skip(10);
    expect(p.skippable).toBe(s - 10);
    expect(p.offset).toBe(seq.dataOffset + 10);
    p.write(bytes.subarray(seq.dataOffset + 10));
    expect(p.end().entries).toBe(expected.length);
  });
});
