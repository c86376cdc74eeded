/**
 * Chunked == one-shot (STYLE.md habit 8): the same archive fed in 1-, 7-, 511/513-byte and
 * whole chunks must give identical entries and identical data, whatever the boundaries
 * cut through (headers, pax records, sparse maps, padding, the end marker).
 */
import { describe, it, expect } from 'vitest';
import { readBytes } from '../../support/tools';
import { buildTar } from '../../builders/tar';
import { collect } from './collect';
import { FIXTURES, gnuTarFixture } from './fixtures';

const SPLITS: [string, number[] | undefined][] = [
  ['1-byte', [1]],
  ['7-byte', [7]],
  ['511/513-byte', [511, 513]],
  ['4096+1-byte', [4097]],
  ['whole', undefined],
];

function builderArchive(): Uint8Array {
  return buildTar(
    [
      { name: 'x/', globalPax: { comment: 'g' } },
      { name: 'x/a', data: 'a'.repeat(1000), pax: { 'SCHILY.xattr.user.k': 'v=1\nline2', mtime: '-1.25' } },
      { name: 'x/' + 'n'.repeat(120), data: 'long', longName: 'gnu', format: 'gnu' },
      { name: 'x/big-uid', data: '', uid: 2 ** 40, base256: ['uid', 'mtime'], mtime: -5 },
      { name: 'x/dev', typeflag: '3', devmajor: 4, devminor: 64 },
    ],
    { recordSize: 10240 },
  );
}

describe('chunked == one-shot', () => {
  const inputs: [string, () => Uint8Array][] = [
    ...FIXTURES.map((n): [string, () => Uint8Array] => [n, () => readBytes(gnuTarFixture(n))]),
    ['builder edge cases', builderArchive],
  ];
  for (const [name, load] of inputs) {
    it(name, () => {
      const bytes = load();
      const whole = collect(bytes);
      expect(whole.entries.length).toBeGreaterThan(2);
      for (const [label, sizes] of SPLITS) {
        const c = collect(bytes, sizes);
        expect(c.entries, label).toEqual(whole.entries);
        expect(c.hashes, label).toEqual(whole.hashes);
        expect(c.summary, label).toEqual(whole.summary);
      }
    });
  }

  it('baseOffset shifts every offset and nothing else', () => {
    const bytes = readBytes(gnuTarFixture('posix.tar'));
    const a = collect(bytes);
    const b = collect(bytes, [513], { baseOffset: 1_000_000 });
    expect(b.entries).toEqual(
      a.entries.map((e) => ({
        ...e,
        headerOffset: e.headerOffset + 1_000_000,
        blockOffset: e.blockOffset + 1_000_000,
        dataOffset: e.dataOffset + 1_000_000,
      })),
    );
    expect(b.summary.endOffset).toBe(a.summary.endOffset + 1_000_000);
  });
});
